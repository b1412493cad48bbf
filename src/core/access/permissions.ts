// Who may do what. Three administrators, kept apart (三员分立) so that none can act unseen: the 系统管理员 keeps
// units, accounts and backups; the 安全管理员 sets the security policy, grants roles and unlocks accounts; the
// 审计管理员 reads the whole log, theirs included, and changes nothing. None of them reads or works on the ledger.
// The business roles: 整改办 (manages the ledgers of its unit's sources), 责任单位 (sees and works on the problems its
// unit or a unit below it leads or cooperates on), 领导 (reads and approves within its unit's scope), 监督 (reads
// across the units of its jurisdiction and supervises), 纪检 (the discipline body: keeps the register of the problem
// leads handed to it, and reads the ledger they touch). One account holds one role, so no account holds two of the
// administrators' or an administrator's and a business one. Every route asks here; none decides for itself.

export type Role = 'admin' | 'security' | 'audit' | 'office' | 'unit' | 'leader' | 'supervisor' | 'discipline';

export const ROLE_LABEL: Record<Role, string> = {
  admin: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
  office: '整改办',
  unit: '责任单位',
  leader: '领导',
  supervisor: '监督',
  discipline: '纪检',
};
export const ROLES = Object.keys(ROLE_LABEL) as readonly Role[];

/** The three administrators: set up on the server (first start, `zg accounts`), never granted from the web. */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'security', 'audit'];
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => !ADMIN_ROLES.includes(r));
export const isAdministrator = (role: Role | null): boolean => role !== null && ADMIN_ROLES.includes(role);

/** what an account that was created but not yet granted a role is called */
export const NO_ROLE_LABEL = '待授权';

export type Capability =
  | 'read'
  | 'import'
  | 'check'
  | 'assign'
  | 'report-progress'
  | 'upload-evidence'
  | 'request-closure'
  | 'decide-closure'
  | 'request-extension'
  | 'decide-extension'
  | 'supervise'
  | 'lookback'
  | 'record-outcome'
  | 'manage-org'
  | 'manage-users'
  /** generate a source's documents (通报, plan, report to the People's Congress) and its workbook */
  | 'export'
  /**
   * the leads register (问题线索): read it, register a lead, record its steps and link the problems that wait on it.
   * Not the rectification office's nor a unit's: a lead may concern their own people.
   */
  | 'leads'
  /** publish a source's 通报 to the public part (public version, opening its comment period) */
  | 'publish'
  /** the queue of what the public sent (社会监督): read it with the senders' contacts, answer, make problems or leads */
  | 'intake'
  /** back up the whole ledger now, list the backups kept and download one: the system administrator's */
  | 'backup'
  /** the password, session and second-factor policy: the security administrator's */
  | 'security-policy'
  /** grant or change an account's business role, reset its password, unlock it: the security administrator's */
  | 'grant-roles'
  /** read, search and export the whole log and see its chain checked: the audit administrator's */
  | 'audit-log'
  /** where units' and leaders' reminders go besides e-mail (messenger robots, SMS), and what was sent: the office's */
  | 'reminders'
  /** approve a unit's 绩效目标表 for the year (the leadership's, or the office for it) */
  | 'approve-targets';

const MATRIX: Record<Role, readonly Capability[]> = {
  // units, accounts (without their roles), which unit a source belongs to, backups
  admin: ['manage-org', 'manage-users', 'backup'],
  security: ['security-policy', 'grant-roles'],
  audit: ['audit-log'],
  office: [
    'read',
    'import',
    'check',
    'assign',
    'report-progress',
    'upload-evidence',
    'request-closure',
    'decide-closure',
    'request-extension',
    'decide-extension',
    'supervise',
    'lookback',
    'record-outcome',
    'manage-org',
    'export',
    'publish',
    'intake',
    'reminders',
    'approve-targets',
  ],
  unit: ['read', 'check', 'report-progress', 'upload-evidence', 'request-closure', 'request-extension', 'record-outcome'],
  leader: ['read', 'check', 'decide-closure', 'decide-extension', 'export', 'approve-targets'],
  supervisor: ['read', 'check', 'supervise', 'lookback', 'export', 'leads', 'intake'],
  discipline: ['read', 'check', 'leads'],
};

export function can(role: Role | null, capability: Capability): boolean {
  return role !== null && MATRIX[role].includes(capability);
}

/** An account not yet granted a role can do nothing but log in and see that it waits. */
export function capabilities(role: Role | null): readonly Capability[] {
  return role === null ? [] : MATRIX[role];
}

/**
 * How far a viewer sees: the sources owned by its unit or below (office, leader, supervisor, discipline); the problems
 * led or co-owned by its unit or below (unit). An administrator holds no capability over the ledger, so its scope
 * (the whole organisation) reaches units and accounts only. A viewer without a unit sees nothing but is not an error.
 */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'sources'; readonly units: readonly number[] }
  | { readonly kind: 'problems'; readonly units: readonly number[] };

/**
 * The whole ledger: an administrator's view, and the command line's, which runs as the ledger's owner on its own
 * machine. Every service asks for a scope and none assumes this one, so a face that forgets to pass a viewer's scope
 * fails to compile instead of showing everything.
 */
export const FULL_SCOPE: Scope = { kind: 'all' };

export function scopeOf(role: Role | null, subtree: readonly number[]): Scope {
  if (role === null) return { kind: 'problems', units: [] };
  if (isAdministrator(role)) return FULL_SCOPE;
  if (role === 'unit') return { kind: 'problems', units: subtree };
  return { kind: 'sources', units: subtree };
}

/** A unit and every unit below it. */
export function subtreeOf(unitId: number | null, units: readonly { id: number; parentId: number | null }[]): number[] {
  if (unitId === null) return [];
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out: number[] = [];
  const stack = [unitId];
  while (stack.length) {
    const id = stack.pop() as number;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
