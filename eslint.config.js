// ESLint, for one boundary only (docs/decisions/018, 020): Drizzle and the schema stay in repositories,
// db/ and platform/, and each module's repository touches only its own module's tables. No type-aware
// rules, so `npm run check` stays fast. The parser is Babel's TypeScript syntax plugin, not
// typescript-eslint: typescript-eslint needs the JavaScript API of TypeScript ≤ 6.0 and this
// repository builds with TypeScript 7 (ADR 018).
import babelParser from '@babel/eslint-parser';

/** Where Drizzle and the schema may be imported. */
export const DATA_LAYER = [
  '**/repository.ts',
  '**/repositories/**',
  'apps/server/src/db/**',
  'apps/server/src/platform/**',
];

/** Tests set up and inspect rows directly; they are not linted at all (nothing else is checked). */
const TESTS = ['**/*.test.ts', '**/test-helpers.ts', 'apps/server/src/test/**'];

/** Every table of db/schema: its export name → its SQL name (repository-boundary.test.ts checks this is complete). */
export const TABLES = {
  users: 'users',
  organizations: 'organizations',
  loginThrottle: 'login_throttle',
  sessions: 'sessions',
  smsCodes: 'sms_codes',
  smsOutbox: 'sms_outbox',
  appSecrets: 'app_secrets',
  files: 'files',
  attachments: 'attachments',
  certifications: 'certifications',
  auditLog: 'audit_log',
  regions: 'regions',
  dictItems: 'dict_items',
  supervisionMappings: 'supervision_mappings',
  projects: 'projects',
  arrearsRecords: 'arrears_records',
  enterpriseCompliance: 'enterprise_compliance',
  ratioParamVersions: 'ratio_param_versions',
  calendarOverrides: 'calendar_overrides',
  quotaApplications: 'quota_applications',
  jobRuns: 'job_runs',
  outboxEvents: 'outbox_events',
  outboxReceipts: 'outbox_receipts',
  apiClients: 'api_clients',
  openNonces: 'open_nonces',
  openEvents: 'open_events',
  paymentAttempts: 'payment_attempts',
  bankOffers: 'bank_offers',
  cashDeposits: 'cash_deposits',
  cashArrivals: 'cash_arrivals',
  guaranteeApplications: 'guarantee_applications',
  guarantees: 'guarantees',
  offlineGuarantees: 'offline_guarantees',
  // 保险办理 (issue 12, ADR 024)
  insuranceProducts: 'insurance_products',
  insurerAccounts: 'insurer_accounts',
  insuranceApplications: 'insurance_applications',
  insuranceOrders: 'insurance_orders',
  // issue 13 (helper F): platform/documents numbering
  documentCounters: 'document_counters',
  filings: 'filings',
  cancellations: 'cancellations',
  returnConfirmations: 'return_confirmations',
  depositUses: 'deposit_uses',
  depositUseTransfers: 'deposit_use_transfers',
  // issue 15 (ADR 036–038)
  calendarYears: 'calendar_years',
  warnings: 'warnings',
  messages: 'messages',
  smsRecords: 'sms_records',
  // issue 15, second half (ADR 046): the 首页's counts kept by triggers
  dashboardCounts: 'dashboard_counts',
  dashboardCountDeltas: 'dashboard_count_deltas',
  // 台账 keys (ADR 044)
  ledgerKeys: 'ledger_keys',
  ledgerDirty: 'ledger_dirty',
};

/**
 * The tables each module owns (ADR 018): the only ones its repository may import from db/schema or
 * name in SQL. Another module's data is reached through that module's repository functions, passed
 * in deps by app.ts. platform/ and db/ (sessions, SMS, audit writes, jobs, outbox, scope) reach every table.
 */
export const TABLE_OWNERS = {
  auth: ['users', 'organizations', 'loginThrottle'],
  dictionaries: ['regions', 'dictItems', 'supervisionMappings'],
  rules: ['ratioParamVersions', 'calendarOverrides', 'calendarYears'],
  admin: ['auditLog'],
  maintenance: ['jobRuns'],
  // 保证金状态 / 待补足 are the deposit's columns of projects (ADR 017)
  deposit: ['projects'],
  certification: ['certifications'],
  quota: ['quotaApplications'],
  files: ['files', 'attachments'],
  arrears: ['arrearsRecords', 'enterpriseCompliance'],
  projects: ['projects'],
  // the open API (ADR 021): clients, one-time nonces, the events feed; the platform key in app_secrets (shared with platform/)
  open: ['apiClients', 'openNonces', 'openEvents', 'appSecrets'],
  // 缴纳 (ADR 022): the attempts of every way and the banks' offers
  payment: ['paymentAttempts', 'bankOffers'],
  'cash-deposits': ['cashDeposits', 'cashArrivals'],
  'bank-guarantees': ['guaranteeApplications'],
  // 保函管理 and 保单保函上传 (ADR 023)
  guarantees: ['guarantees', 'offlineGuarantees'],
  // 保险办理 (ADR 024): the catalogue, the applications and their orders
  insurance: ['insuranceProducts', 'insurerAccounts', 'insuranceApplications', 'insuranceOrders'],
  // 备案 / 注销 / 返还 (issue 13, ADR 029)
  closure: ['filings', 'cancellations', 'returnConfirmations'],
  // 保证金动用 and 补足 (ADR 032)
  'deposit-uses': ['depositUses', 'depositUseTransfers'],
  // issue 15: 预警 (ADR 037); 消息中心 and the notification SMS records (ADR 038); 首页 owns nothing (ADR 039)
  warnings: ['warnings'],
  messages: ['messages', 'smsRecords'],
  // 首页: the aggregates kept by the database's triggers (ADR 046)
  dashboard: ['dashboardCounts', 'dashboardCountDeltas'],
  // 台账 (ADR 043): reads each workflow's ledger-reads.ts through app.ts; owns its stored keys (ADR 044)
  ledger: ['ledgerKeys', 'ledgerDirty'],
  dev: [],
  system: [],
};

const SCHEMA = ['**/db/schema', '**/db/schema/**'];
const DRIZZLE = ['drizzle-orm', 'drizzle-orm/*'];
/** another module's repository, from modules/<m>/… or modules/<m>/<folder>/… (its own is ./ or ../repository) */
const OTHER_REPOSITORY = ['../*/repository', '../*/repository.ts', '../../*/repository', '../../*/repository.ts', '../*/repositories/*', '../../*/repositories/*'];

const drizzleMessage = 'Drizzle and the schema belong in <module>/repository.ts, db/ or platform/ (ADR 018): call the repository; reach another module through its service.';
const otherRepositoryMessage = "Another module's repository is reached through the functions app.ts passes in deps (ADR 018, 020); `import type` for their types is fine.";
const otherRepository = { group: OTHER_REPOSITORY, allowTypeImports: true, message: otherRepositoryMessage };

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * SQL written by hand (template literals and strings) in a module names only the module's own tables:
 * `from x`, `join x`, `update x`, `into x`, `table x`, quoted or not, x a table of another module.
 */
const sqlTables = {
  meta: { type: 'problem', schema: [{ type: 'object', properties: { forbidden: { type: 'array', items: { type: 'string' } }, module: { type: 'string' } } }] },
  create(context) {
    const { forbidden = [], module = '' } = context.options[0] ?? {};
    if (forbidden.length === 0) return {};
    const re = new RegExp(`\\b(?:from|join|update|into|table)\\s+(?:only\\s+)?"?(${forbidden.map(escape).join('|')})"?(?![\\w"])`, 'i');
    const check = (node, text) => {
      const m = re.exec(text);
      if (m) {
        context.report({
          node,
          message: `SQL on ${m[1]}, a table the ${module} module does not own (eslint.config.js TABLE_OWNERS): call the owner's repository function, passed in deps (ADR 018, 020).`,
        });
      }
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? '));
      },
    };
  },
};

const modules = Object.keys(TABLE_OWNERS);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', ...TESTS] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, plugins: [['@babel/plugin-syntax-typescript', {}]] },
      },
    },
    plugins: { boundary: { rules: { 'sql-tables': sqlTables } } },
    // no `eslint-disable` comments: a boundary that a comment can switch off is not one
    linterOptions: { noInlineConfig: true },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: DATA_LAYER,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...DRIZZLE, ...SCHEMA], message: drizzleMessage }] }],
    },
  },
  // the modules: services never import Drizzle, the schema or another module's repository; a
  // repository imports only its own tables; neither names another module's table in SQL
  ...modules.flatMap((m) => {
    const dir = `apps/server/src/modules/${m}`;
    const owned = TABLE_OWNERS[m];
    const forbidden = Object.entries(TABLES)
      .filter(([name]) => !owned.includes(name))
      .map(([, table]) => table);
    const data = [`${dir}/repository.ts`, `${dir}/repositories/**`];
    return [
      {
        files: [`${dir}/**/*.ts`],
        ignores: data,
        rules: {
          'no-restricted-imports': ['error', { patterns: [{ group: [...DRIZZLE, ...SCHEMA], message: drizzleMessage }, otherRepository] }],
          'boundary/sql-tables': ['error', { forbidden, module: m }],
        },
      },
      {
        files: data,
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                owned.length
                  ? {
                      group: SCHEMA,
                      allowImportNames: owned,
                      message: `The ${m} module's repository imports only its own tables (${owned.join(', ')}; eslint.config.js TABLE_OWNERS): another module's data through its repository, passed in deps (ADR 018, 020).`,
                    }
                  : { group: SCHEMA, message: `The ${m} module owns no table (eslint.config.js TABLE_OWNERS).` },
                otherRepository,
              ],
            },
          ],
          'boundary/sql-tables': ['error', { forbidden, module: m }],
        },
      },
    ];
  }),
];
