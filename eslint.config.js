// ESLint, for one boundary only (docs/decisions/018): Drizzle and the schema stay in repositories,
// db/ and platform/. No type-aware rules, so `npm run check` stays fast. The parser is Babel's
// TypeScript syntax plugin, not typescript-eslint: typescript-eslint needs the JavaScript API of
// TypeScript ≤ 6.0 and this repository builds with TypeScript 7 (ADR 018).
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
    // no `eslint-disable` comments: a boundary that a comment can switch off is not one
    linterOptions: { noInlineConfig: true },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: DATA_LAYER,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', '**/db/schema', '**/db/schema/**'],
              message: 'Drizzle and the schema belong in <module>/repository.ts, db/ or platform/ (ADR 018): call the repository; reach another module through its service.',
            },
          ],
        },
      ],
    },
  },
];
