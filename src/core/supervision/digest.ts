// A digest: one message per recipient per day with everything of that day in their charge, most urgent first — not
// one mail per event.
import { SUPERVISION_LABEL, type SupervisionKind } from '../ledger/supervision.ts';
import type { ActionKind } from './plan.ts';

export interface DigestItem {
  readonly problem: string;
  readonly kind: ActionKind;
  readonly rung: SupervisionKind | null;
  readonly message: string;
}

/** most urgent first */
export const ORDER: readonly ActionKind[] = ['escalation', 'overdue', 'due-soon', 'missed-report', 'warning'];
const HEADING: Record<ActionKind, string> = {
  escalation: '升级督办',
  overdue: '已超过整改时限',
  'due-soon': '临近整改时限',
  'missed-report': '未按时报送进展',
  warning: '预警',
};

/**
 * A recipient's day: the rectification items most urgent first, then (for a unit that keeps 绩效目标) its monitoring
 * — one message for both.
 */
export function composeDigest(
  recipient: string,
  day: string,
  items: readonly DigestItem[],
  monitoring: readonly MonitoringDigestItem[] = [],
): { subject: string; body: string } {
  const escalations = items.filter((i) => i.kind === 'escalation').map((i) => SUPERVISION_LABEL[i.rung ?? 'notice']);
  const rectification = items.length
    ? `整改督办提醒：${items.length}项${escalations.length ? `（含${[...new Set(escalations)].join('、')}）` : ''}`
    : '';
  const watched = monitoring.length ? `绩效运行监控提醒：${monitoring.length}项` : '';
  const subject = `【整改通】${day} ${[rectification, watched].filter(Boolean).join('，')}`;
  const lines = [`${recipient}：`, '', `截至${day}，以下${items.length ? '整改' : '绩效运行监控'}事项需要您关注：`];
  for (const kind of ORDER) {
    const group = items.filter((i) => i.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `${HEADING[kind]}（${group.length}项）`);
    group.forEach((i, k) => lines.push(`${k + 1}. ${i.message}`));
  }
  lines.push(...monitoringSection(monitoring));
  lines.push('', '请登录整改通查看详情、报送进展或上传佐证材料。本邮件由系统按督办规则自动发送，每日汇总一次。');
  return { subject, body: lines.join('\n') };
}

const LEAD_ORDER = ['escalation', 'overdue', 'due-soon', 'tracking'] as const;
const LEAD_HEADING: Record<(typeof LEAD_ORDER)[number], string> = {
  escalation: '升级督办',
  overdue: '已逾期未办结',
  'due-soon': '临近办理期限',
  tracking: '应跟踪了解',
};

/**
 * The leads' digest for the body that received them (纪委监委, 组织部): one message a day, the leads named by code
 * only — who a lead concerns is never written into a mail.
 */
export function composeLeadDigest(
  recipient: string,
  day: string,
  items: readonly { kind: (typeof LEAD_ORDER)[number]; message: string }[],
): { subject: string; body: string } {
  const lines = [`${recipient}：`, '', `截至${day}，以下移交的问题线索需要办理：`];
  for (const kind of LEAD_ORDER) {
    const group = items.filter((i) => i.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `${LEAD_HEADING[kind]}（${group.length}项）`);
    group.forEach((i, k) => lines.push(`${k + 1}. ${i.message}`));
  }
  lines.push('', '请登录整改通“问题线索”登记办理情况。本邮件由系统按督办规则自动发送，每日汇总一次。');
  return { subject: `【整改通】${day} 问题线索办理提醒：${items.length}项`, body: lines.join('\n') };
}

const MONITORING_ORDER = ['escalation', 'missed', 'deviation', 'due'] as const;
const MONITORING_HEADING: Record<(typeof MONITORING_ORDER)[number], string> = {
  escalation: '升级督办',
  missed: '逾期未报送',
  deviation: '监控发现偏差',
  due: '应报送监控情况',
};

export type MonitoringDigestItem = { readonly kind: (typeof MONITORING_ORDER)[number]; readonly message: string };

/** The 绩效运行监控 part of a unit's day: reports due and late, the ladder, the deviations its own reports showed. */
export function monitoringSection(items: readonly MonitoringDigestItem[]): string[] {
  const lines: string[] = [];
  for (const kind of MONITORING_ORDER) {
    const group = items.filter((i) => i.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `绩效运行监控·${MONITORING_HEADING[kind]}（${group.length}项）`);
    group.forEach((i, k) => lines.push(`${k + 1}. ${i.message}`));
  }
  return lines;
}
