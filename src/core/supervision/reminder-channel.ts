// Reminders where people read them: the group robots of 企业微信 (政务微信), 钉钉 (政务钉钉) and 飞书, a generic webhook,
// and text messages through the installation's SMS gateway. What a channel is, what the office must give for each,
// the short message a phone shows, and whether a platform's answer means it took the message. Signing and sending
// are io/reminder-post.ts's.
import { isMobile } from '../access/personal-data.ts';
import { ORDER } from './digest.ts';
import type { ActionKind } from './plan.ts';

export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'webhook' | 'sms';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['wecom', 'dingtalk', 'feishu', 'webhook', 'sms'];

export const CHANNEL_LABEL: Record<ChannelKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  feishu: '飞书群机器人',
  webhook: '通用 Webhook',
  sms: '短信',
};

/** Where a reminder (by e-mail or to a channel) stands, as 发送情况 shows it. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'uncertain'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  uncertain: '待核实',
};

/** What the office enters for a channel: the robot's address (a phone number for SMS) and, where it signs, a secret. */
export interface ChannelInput {
  readonly kind: ChannelKind;
  readonly name: string;
  readonly target: string;
  readonly secret?: string | undefined;
}

/** Why a channel cannot be kept as entered, in the office's words; null when it can. */
export function channelRefusal(c: ChannelInput): string | null {
  const name = c.name.trim();
  if (!name) return '请填写渠道名称（如“区财政局整改工作群”）';
  if (name.length > 60) return '渠道名称不超过 60 个字';
  const target = c.target.trim();
  if (c.kind === 'sms') return isMobile(target) ? null : `“${target}”不是 11 位手机号码`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `${CHANNEL_LABEL[c.kind]}的地址应为 http:// 或 https:// 开头的完整网址（在群设置的机器人详情中复制）`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${CHANNEL_LABEL[c.kind]}的地址应以 http:// 或 https:// 开头`;
  if (target.length > 1000) return '地址过长';
  // a user name and password in the address would be kept, shown masked and sent to whatever host it names
  if (url.username || url.password) return `${CHANNEL_LABEL[c.kind]}的地址中不应含用户名或密码，请直接复制机器人的 Webhook 地址`;
  const secret = c.secret?.trim() ?? '';
  if (secret.length > 200) return '密钥过长';
  // 钉钉's signing secret starts SEC; a robot set to 加签 refuses every unsigned message
  if (c.kind === 'dingtalk' && secret && !secret.startsWith('SEC')) return '钉钉机器人的加签密钥以 SEC 开头，请在机器人安全设置中复制';
  return null;
}

/** A channel's address as a list shows it: the host, never the token in the path or query that lets anyone post. */
export function maskedTarget(kind: ChannelKind, target: string): string {
  if (kind === 'sms') return `${target.slice(0, 3)}****${target.slice(-4)}`;
  try {
    return `${new URL(target).host}/…`;
  } catch {
    return '…';
  }
}

export interface ShortItem {
  readonly problem: string;
  readonly kind: ActionKind;
  readonly message: string;
}

/**
 * The day's reminders as a messenger shows them: who it is for, how many problems, each problem once with its most
 * urgent reminder (an escalation before an overdue deadline before a report missed) and a link, the first five, and
 * where to see the rest. A text message is shorter still: the count and one link.
 */
export function composeShortDigest(
  kind: ChannelKind,
  recipient: string,
  day: string,
  items: readonly ShortItem[],
  appUrl: string | null,
  /** the unit's 绩效运行监控 notices of the day, said after its problems (the most urgent of them shown) */
  monitoring: readonly { readonly message: string }[] = [],
): string {
  const link = (path: string) => (appUrl ? `${appUrl.replace(/\/+$/, '')}${path}` : null);
  const urgent = new Map<string, ShortItem>();
  for (const i of [...items].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)))
    if (!urgent.has(i.problem)) urgent.set(i.problem, i);
  const problems = [...urgent.values()];
  const todo = link('/todo');
  const counts = [
    ...(problems.length ? [`${problems.length}个整改问题`] : []),
    ...(monitoring.length ? [`${monitoring.length}项绩效运行监控事项`] : []),
  ].join('、');
  if (kind === 'sms') return `【整改通】${recipient}：截至${day}有${counts}需办理，请登录整改通${todo ? ` ${todo} ` : ''}查看。`;
  const shown = problems.slice(0, 5);
  const lines = [`【整改通】${recipient}：截至${day}，${counts}需要关注`];
  shown.forEach((i, k) => {
    const url = link(`/problems/${encodeURIComponent(i.problem)}`);
    lines.push(`${k + 1}. ${i.message}${url ? ` ${url}` : ''}`);
  });
  if (problems.length > shown.length) lines.push(`……另有${problems.length - shown.length}个问题`);
  if (monitoring.length) {
    const perf = link('/perf');
    lines.push(
      `绩效运行监控：${(monitoring[0] as { message: string }).message}${monitoring.length > 1 ? `（共${monitoring.length}项）` : ''}${perf ? ` ${perf}` : ''}`,
    );
  }
  lines.push(todo ? `全部待办：${todo}` : '请登录整改通查看详情、报送进展。');
  return lines.join('\n');
}

/**
 * Whether a platform's answer says it took the message; else the reason, in words. A robot answers 200 with an error
 * code of its own when it refuses (a wrong signature, a keyword missing, too many messages a minute).
 */
export function answerRefusal(kind: ChannelKind, status: number, body: unknown): string | null {
  // redirects are not followed (the message and its signature would go to another host): said as such
  if (status >= 300 && status <= 399) return `地址要求转到别处（HTTP ${status}），提醒未随之转发；请核对地址`;
  if (status < 200 || status > 299) return `对方返回 HTTP ${status}`;
  const b = (body ?? {}) as { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
  if (kind === 'wecom' || kind === 'dingtalk') {
    if (b.errcode === 0) return null;
    return `${CHANNEL_LABEL[kind]}拒绝：${String(b.errcode ?? '无应答码')} ${String(b.errmsg ?? '')}`.trim();
  }
  if (kind === 'feishu') {
    if (b.code === 0 || b.StatusCode === 0) return null;
    return `${CHANNEL_LABEL[kind]}拒绝：${String(b.code ?? b.StatusCode ?? '无应答码')} ${String(b.msg ?? '')}`.trim();
  }
  return null;
}
