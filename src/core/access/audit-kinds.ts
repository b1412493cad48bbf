// What each kind of entry in the log is called on the audit administrator's screen and in its export. The entity
// says what was acted on; for the accounts and the security events the action is named too, since those are what an
// assessor asks about. An entry of a kind not named here shows its own terms, never nothing.

export const ENTITY_LABEL: Readonly<Record<string, string>> = {
  security: '安全事件',
  'security-policy': '安全策略',
  user: '账号',
  org_unit: '单位',
  person: '人员',
  source: '整改来源',
  problem: '问题',
  lead: '问题线索',
  submission: '群众反映',
  publication: '公开通报',
  document: '生成文书',
  perf_evaluation: '绩效自评',
  perf_target: '绩效目标表',
  recurrence_match: '屡查屡犯比对',
  supervision_run: '督办运行',
  'audit-checkpoint': '日志检查点',
  reminder_channel: '提醒渠道',
  delivery: '提醒发送',
};

/** the words for an action any entity may have, where its own are not named */
const COMMON_ACTION: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  activate: '启用',
  deactivate: '停用',
};

export const ACTION_LABEL: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  security: {
    login: '登录',
    'login-failed': '登录失败',
    'login-throttled': '登录过于频繁被拒绝',
    logout: '退出登录',
    'session-ended': '会话超时结束',
    denied: '越权访问被拒绝',
    download: '下载或导出',
    'personal-read': '查看个人信息',
    'password-failed': '修改密码时原密码错误',
  },
  user: {
    create: '新建账号',
    update: '修改账号',
    grant: '授予角色',
    unlock: '解除锁定',
    'reset-password': '重置密码',
    'change-password': '修改密码',
    'second-factor-on': '启用身份验证器',
    'second-factor-off': '解除身份验证器',
    activate: '启用账号',
    deactivate: '停用账号',
  },
  'security-policy': { update: '修改安全策略' },
  delivery: { resend: '重发提醒' },
  reminder_channel: { test: '发送测试消息' },
};

/** "安全事件 · 登录失败", "问题 · assign": the words for an entry's kind. */
export function kindLabel(entity: string, action: string): string {
  const e = ENTITY_LABEL[entity] ?? entity;
  return `${e} · ${ACTION_LABEL[entity]?.[action] ?? COMMON_ACTION[action] ?? action}`;
}

/** The kinds the screen offers to filter by: each entity, and each named action of the accounts and security events. */
export function auditKinds(): { entity: string; action: string | null; label: string }[] {
  const out: { entity: string; action: string | null; label: string }[] = [];
  for (const [entity, label] of Object.entries(ENTITY_LABEL)) {
    out.push({ entity, action: null, label: `${label}（全部）` });
    for (const [action, words] of Object.entries(ACTION_LABEL[entity] ?? {})) out.push({ entity, action, label: `${label} · ${words}` });
  }
  return out;
}

/** The event chain's hash function: SHA-256, or SM3 (GB/T 32905) where the national algorithms are required. */
export type ChainAlgorithm = 'sha256' | 'sm3';
export const CHAIN_ALGORITHM_LABEL: Record<ChainAlgorithm, string> = { sha256: 'SHA-256', sm3: 'SM3' };
