// Use cases: the day's digests — each unit gets its own list, each leader the items in their charge, each body that
// received problem leads the leads due (a unit's 绩效运行监控 in its own message), one message a day each —
// and their delivery by e-mail and to the reminder channels (企业微信, 钉钉, 飞书, webhook, SMS) of units and leaders;
// the leads' digests go by e-mail alone (who a lead concerns stays out of group chats). A delivery is claimed before
// it is sent (two senders never send the same one), a refused or dropped attempt is tried again later with growing pauses, and nothing is sent twice (its key is
// unique, its Message-ID is made from the key, and a send cut off by a dying server is left for the office to check).
import type { SupervisionKind } from '../core/ledger/supervision.ts';
import { composeDigest, composeLeadDigest, type MonitoringDigestItem } from '../core/supervision/digest.ts';
import { perfNoticesWithUnits } from '../store/perf-monitoring.repository.ts';
import type { LeadNoticeKind } from '../core/leads/lead-supervision.ts';
import { leadNoticesWithReceivers } from '../store/lead.repository.ts';
import type { ActionKind } from '../core/supervision/plan.ts';
import type { SendMail } from '../io/smtp-mail.ts';
import {
  claimDueDelivery,
  closeInterruptedAttempts,
  endAttempt,
  insertDelivery,
  pendingNotificationsWithRecipients,
  startAttempt,
  updateDelivery,
} from '../store/delivery.repository.ts';
import { activeChannelsOf } from '../store/reminder-channel.repository.ts';
import { composeShortDigest } from '../core/supervision/reminder-channel.ts';
import type { PostReminder } from '../io/reminder-post.ts';
import { ChannelGone, channelSecrets } from './reminder-channels.ts';
import type { Db } from '../store/open-database.ts';

/** Pauses before the next attempt: 1, 5, 15, 60 minutes, then every 4 hours; given up after MAX_ATTEMPTS. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 240];
export const MAX_ATTEMPTS = 10;

/**
 * Makes the day's digests (once: a digest already made for a recipient, channel and day is not made again), due to
 * be sent from `at` (the run's moment): by e-mail where the unit or leader has an address, and to each reminder
 * channel the office set for them — a short message with links into the application at `appUrl`.
 */
export async function prepareDigests(db: Db, day: string, at: Date = new Date(), appUrl: string | null = null): Promise<number> {
  const rows = await pendingNotificationsWithRecipients(db, day);
  const digests = new Map<
    string,
    {
      to: { unit: number } | { person: number };
      email: string | null;
      recipient: string;
      ids: number[];
      items: { problem: string; kind: ActionKind; rung: SupervisionKind | null; message: string }[];
      /** a unit's 绩效运行监控 notices of the day, in the same message */
      monitoring: MonitoringDigestItem[];
    }
  >();
  const put = (
    key: string,
    to: { unit: number } | { person: number },
    email: string | null,
    recipient: string,
    r: (typeof rows)[number],
  ) => {
    const d = digests.get(key) ?? { to, email, recipient, ids: [], items: [], monitoring: [] };
    d.ids.push(Number(r.id));
    d.items.push({ problem: r.code, kind: r.kind as ActionKind, rung: r.rung as SupervisionKind | null, message: r.message });
    digests.set(key, d);
  };
  for (const r of rows) {
    if (r.unit_id !== null) put(`digest:unit:${r.unit_id}:${day}`, { unit: r.unit_id }, r.unit_email, r.unit as string, r);
    if (r.lead_leader_id !== null)
      put(`digest:person:${r.lead_leader_id}:${day}`, { person: r.lead_leader_id }, r.leader_email, `${r.leader}同志`, r);
  }
  // the monitoring of a unit's 绩效目标 goes in the unit's own message of the day, not a second one
  for (const n of await perfNoticesWithUnits(db, day)) {
    const key = `digest:unit:${n.unit_id}:${day}`;
    const d = digests.get(key) ?? { to: { unit: n.unit_id }, email: n.unit_email, recipient: n.unit, ids: [], items: [], monitoring: [] };
    d.monitoring.push({ kind: n.kind, message: n.message });
    digests.set(key, d);
  }
  const all = [...digests.values()];
  const channels = await activeChannelsOf(
    db,
    all.flatMap((d) => ('unit' in d.to ? [d.to.unit] : [])),
    all.flatMap((d) => ('person' in d.to ? [d.to.person] : [])),
  );
  let made = 0;
  made += await prepareLeadDigests(db, day, at);
  for (const [key, d] of digests) {
    const theirs = channels.filter((c) => ('unit' in d.to ? c.unit_id === d.to.unit : c.person_id === d.to.person));
    made += await queueDigest(
      db,
      { key, recipient: d.recipient, day, notificationIds: d.ids, email: d.email, at },
      composeDigest(d.recipient, day, d.items, d.monitoring),
      theirs,
      (c) => composeShortDigest(c.kind, d.recipient, day, d.items, appUrl, d.monitoring),
    );
  }
  return made;
}

type Channel = Awaited<ReturnType<typeof activeChannelsOf>>[number];

/** One recipient's digest queued once: by e-mail where there is an address, and to each of its channels. */
async function queueDigest(
  db: Db,
  d: { key: string; recipient: string; day: string; notificationIds: number[]; email: string | null; at: Date },
  mail: { subject: string; body: string },
  channels: readonly Channel[],
  textFor: (c: Channel) => string,
): Promise<number> {
  let made = 0;
  const common = { recipient: d.recipient, day: d.day, notification_ids: d.notificationIds, subject: mail.subject, next_attempt_at: d.at };
  if (d.email && (await insertDelivery(db, { ...common, key: d.key, channel: 'email', address: d.email, body: mail.body }))) made++;
  for (const c of channels) {
    // the channel's name stands for it in the list: its address is a secret
    const row = { ...common, key: `${d.key}:channel:${c.id}`, channel: c.kind, channel_id: c.id, address: c.name, body: textFor(c) };
    if (await insertDelivery(db, row)) made++;
  }
  return made;
}

/** The day's leads digests: one for each receiving body that is a unit with an address (made once). */
async function prepareLeadDigests(db: Db, day: string, at: Date): Promise<number> {
  const byUnit = new Map<number, { address: string; recipient: string; items: { kind: LeadNoticeKind; message: string }[] }>();
  for (const r of await leadNoticesWithReceivers(db, day)) {
    const d = byUnit.get(r.unit_id) ?? { address: r.unit_email as string, recipient: r.unit, items: [] };
    d.items.push({ kind: r.kind as LeadNoticeKind, message: r.message });
    byUnit.set(r.unit_id, d);
  }
  let made = 0;
  for (const [unit, d] of byUnit) {
    const { subject, body } = composeLeadDigest(d.recipient, day, d.items);
    const isNew = await insertDelivery(db, {
      key: `digest:leads:unit:${unit}:${day}`,
      channel: 'email',
      address: d.address,
      recipient: d.recipient,
      day,
      notification_ids: [],
      subject,
      body,
      next_attempt_at: at,
    });
    if (isNew) made++;
  }
  return made;
}

export interface DeliveryReport {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  /** cut off mid-send by a server that stopped: left for the office to check rather than sent twice */
  readonly uncertain: number;
}

/** How deliveries go out: e-mail when a server is configured, messengers and SMS when a poster is given. */
export interface Senders {
  readonly mail?: SendMail | undefined;
  readonly post?: PostReminder | undefined;
}

const MESSENGER_CHANNELS = ['wecom', 'dingtalk', 'feishu', 'webhook', 'sms'] as const;

export const INTERRUPTED = '发送过程中服务停止，对方可能已经收到；为免重复，不再自动重发。请向对方核实，未收到时在“发送情况”中点“重发”';

/**
 * Sends every delivery that is due and has a sender; each is claimed first, so a second sender at the same time skips
 * it. Each attempt is written down before anything leaves: one found begun and never ended is a send the server died
 * in the middle of, and neither a group robot nor an SMS gateway can say whether it arrived or drop a repeat, so its
 * delivery is marked uncertain instead of being sent again.
 */
export async function deliverPending(db: Db, senders: Senders, now: Date = new Date()): Promise<DeliveryReport> {
  const report = { sent: 0, retried: 0, failed: 0, uncertain: 0 };
  const channels = [...(senders.mail ? ['email'] : []), ...(senders.post ? MESSENGER_CHANNELS : [])];
  if (channels.length === 0) return report;
  for (;;) {
    // claim one: push its next attempt out of reach of anyone else while it is being sent
    const d = await claimDueDelivery(db, now, new Date(now.getTime() + 10 * 60_000), channels);
    if (!d) break;
    const interrupted = await db.transaction().execute(async (trx) => {
      if ((await closeInterruptedAttempts(trx, d.id, new Date())) === 0) return false;
      await updateDelivery(trx, d.id, { status: 'uncertain', last_error: INTERRUPTED });
      return true;
    });
    if (interrupted) {
      report.uncertain++;
      continue;
    }
    const attempt = await startAttempt(db, d.id, new Date());
    try {
      if (d.channel === 'email' && senders.mail)
        await senders.mail({ to: d.address, subject: d.subject, text: d.body, messageId: `<${d.key.replace(/[^\w.:-]/g, '_')}@zhenggai>` });
      else if (senders.post && d.channel_id !== null)
        await senders.post(await channelSecrets(db, d.channel_id), { key: d.key, text: d.body });
      else throw new Error('该提醒没有可用的发送渠道');
      // an attempt someone else already called interrupted keeps that verdict: the office decides, not a late answer
      const ended = await db.transaction().execute(async (trx) => {
        if (!(await endAttempt(trx, attempt, new Date(), 'sent', null))) return false;
        await updateDelivery(trx, d.id, { status: 'sent', sent_at: new Date(), attempts: d.attempts + 1, last_error: null });
        return true;
      });
      if (ended) report.sent++;
    } catch (e) {
      const attempts = d.attempts + 1;
      const pause = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] as number;
      // a channel stopped since is not tried again; anything else is, with growing pauses
      const giveUp = attempts >= MAX_ATTEMPTS || e instanceof ChannelGone;
      const error = String((e as Error).message ?? e).slice(0, 500);
      const ended = await db.transaction().execute(async (trx) => {
        if (!(await endAttempt(trx, attempt, new Date(), 'failed', error))) return false;
        await updateDelivery(trx, d.id, {
          attempts,
          last_error: error,
          status: giveUp ? 'failed' : 'pending',
          next_attempt_at: new Date(now.getTime() + pause * 60_000),
        });
        return true;
      });
      if (ended && giveUp) report.failed++;
      else if (ended) report.retried++;
    }
  }
  return report;
}
