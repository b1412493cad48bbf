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

export function composeDigest(recipient: string, day: string, items: readonly DigestItem[]): { subject: string; body: string } {
  const escalations = items.filter((i) => i.kind === 'escalation').map((i) => SUPERVISION_LABEL[i.rung ?? 'notice']);
  const subject = `【整改通】${day} 整改督办提醒：${items.length}项${escalations.length ? `（含${[...new Set(escalations)].join('、')}）` : ''}`;
  const lines = [`${recipient}：`, '', `截至${day}，以下整改事项需要您关注：`];
  for (const kind of ORDER) {
    const group = items.filter((i) => i.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `${HEADING[kind]}（${group.length}项）`);
    group.forEach((i, k) => lines.push(`${k + 1}. ${i.message}`));
  }
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

/**
 * The 绩效运行监控 digest for the unit that keeps the targets, one a day: reports due and late, the ladder, and the
 * deviations its own reports showed. `appUrl` (when set) gives the link to the page where they are reported; a text
 * message carries only the count and that link.
 */
export function composeMonitoringDigest(
  recipient: string,
  day: string,
  items: readonly { kind: (typeof MONITORING_ORDER)[number]; message: string }[],
  appUrl: string | null,
  short: 'mail' | 'messenger' | 'sms',
): { subject: string; body: string } {
  const link = appUrl ? `${appUrl.replace(/\/+$/, '')}/perf` : null;
  const subject = `【整改通】${day} 绩效运行监控提醒：${items.length}项`;
  if (short === 'sms')
    return {
      subject,
      body: `【整改通】${recipient}：截至${day}有${items.length}项绩效运行监控事项需办理，请登录整改通${link ? ` ${link} ` : ''}查看。`,
    };
  const lines = [`${recipient}：`, '', `截至${day}，以下绩效运行监控事项需要办理：`];
  for (const kind of MONITORING_ORDER) {
    const group = items.filter((i) => i.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `${MONITORING_HEADING[kind]}（${group.length}项）`);
    group.forEach((i, k) => lines.push(`${k + 1}. ${i.message}`));
  }
  lines.push('', link ? `报送和查看：${link}` : '请登录整改通“绩效自评”报送监控情况。', '本消息由系统按督办规则自动发送，每日汇总一次。');
  return { subject, body: lines.join('\n') };
}
