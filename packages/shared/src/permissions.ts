import type { Role } from './roles';

/**
 * "May this role do this?" — one table for the server's checks and the web's menus and buttons.
 * "Which rows?" is the scope rule of each resource, applied in SQL on the server.
 */
export const permissions = {
  'certification.submit': ['enterprise'],
  'certification.read-own': ['enterprise'],
  'certification.review': ['admin'],
  'user.manage': ['admin'],
  'audit.read': ['admin'],
  'job.read': ['admin'],
  'file.upload': ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'],
  'file.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'],
  'project.create': ['enterprise'],
  'project.update': ['enterprise'],
  'project.read': ['enterprise', 'hrss', 'authority', 'admin'],
  'dictionary.manage': ['admin'],
  'quota.apply': ['enterprise'],
  'quota.read': ['enterprise', 'hrss', 'authority', 'admin'],
  'quota.review': ['hrss'],
  'arrears.manage': ['hrss'],
  'arrears.read': ['hrss', 'admin'],
  'ratio.manage': ['admin'],
  'organization.manage': ['admin'],
  // 缴纳 (SPEC §6): the enterprise pays, its bank acts on what is addressed to it, the supervisors read
  'payment.apply': ['enterprise'],
  'payment.bank': ['bank'],
  'payment.read': ['enterprise', 'hrss', 'authority', 'bank', 'admin'],
  // 保单保函上传 and its verification; 保函管理 (the register: each role its own rows, platform/scope.ts)
  'guarantee.upload': ['enterprise'],
  'guarantee.review': ['hrss'],
  'guarantee.offline-read': ['enterprise', 'hrss', 'authority'],
  'guarantee.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer'],
  // 保险办理 (SPEC §6, issue 12): the enterprise insures, the insurer underwrites what is addressed to it,
  // the supervisors read; admin keeps the catalogue (insurers, products, collection accounts)
  'insurance.apply': ['enterprise'],
  'insurance.insurer': ['insurer'],
  'insurance.read': ['enterprise', 'hrss', 'authority', 'insurer', 'admin'],
  'insurance.catalogue': ['admin'],
  // 备案 / 注销 / 返还 (SPEC §7–8, issue 13): the enterprise applies, hrss decides, the bank returns
  'filing.apply': ['enterprise'],
  'filing.review': ['hrss'],
  'filing.read': ['enterprise', 'hrss', 'authority', 'admin'],
  'cancellation.apply': ['enterprise'],
  'cancellation.review': ['hrss'],
  'cancellation.read': ['enterprise', 'hrss', 'authority', 'bank', 'admin'],
  'return.confirm': ['bank'],
  // 保证金动用 (SPEC §9): hrss records uses and confirms replenishments, the bank or insurer holding
  // the instrument pays the workers, the enterprise replenishes; each sees its own (platform/scope.ts)
  'use.manage': ['hrss'],
  'use.pay': ['bank', 'insurer'],
  'use.replenish': ['enterprise'],
  'use.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer'],
  /** 开放接口: register and disable the API clients of banks and insurers */
  'openapi.manage': ['admin'],
  // issue 15: 节假日安排 (ADR 036); 预警 (each role its own rows, platform/scope.ts; ADR 037);
  // 消息中心 (every signed-in user, their own messages) and 短信记录 (ADR 038); 首页 (ADR 039)
  'calendar.manage': ['admin'],
  'warning.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'],
  'message.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'],
  'sms.read': ['admin'],
  'dashboard.read': ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'],
  // issue 15: 台账 and its monthly statistics (ADR 043), the supervisors' remit only
  'ledger.read': ['hrss', 'authority'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
