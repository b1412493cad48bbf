// Use cases: the office sets where a unit's or a person's reminders go besides e-mail — a group robot of 企业微信,
// 钉钉 or 飞书, a generic webhook, a mobile number for SMS — tries one with a test message, stops one, and sees what
// was sent and what failed. A channel's address and secret are sealed at rest and never leave the server: the list
// shows the host and whether a secret is set; the log records the change without them.
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';
import {
  CHANNEL_LABEL,
  channelRefusal,
  type ChannelInput,
  type ChannelKind,
  type DeliveryStatus,
  maskedTarget,
} from '../core/supervision/reminder-channel.ts';
import { attemptsOf, requeueDelivery } from '../store/delivery.repository.ts';
import type { ChannelSecrets, PostReminder } from '../io/reminder-post.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import type { Tx } from '../store/ledger.repository.ts';
import { unitIdByName } from '../store/org.repository.ts';
import { personIdsByName } from '../store/person.repository.ts';
import { channelById, channelsInScope, deactivateChannel, insertChannel, recentDeliveries } from '../store/reminder-channel.repository.ts';
import { openField, sealField } from './field-cipher.ts';
import { iso } from './security-log.ts';

/** A delivery to a channel that was stopped meanwhile: not tried again. */
export class ChannelGone extends Error {}

interface Who {
  readonly actor: string;
  readonly scope: Scope;
}

const inScope = (scope: Scope, unitId: number | null) => scope.kind === 'all' || (unitId !== null && scope.units.includes(unitId));

export async function listChannels(db: Db, scope: Scope) {
  return (await channelsInScope(db, scope)).map((c) => ({
    id: c.id,
    kind: c.kind,
    kindLabel: CHANNEL_LABEL[c.kind],
    name: c.name,
    owner: c.unit ?? `${c.person}${c.person_unit ? `（${c.person_unit}）` : ''}`,
    ownerKind: c.unit ? ('unit' as const) : ('person' as const),
    target: maskedTarget(c.kind, openField(c.target) ?? ''),
    signed: Boolean(c.secret),
    createdBy: c.created_by,
    createdAt: iso(c.created_at),
  }));
}

/** A new channel for a unit (by name) or a person (by name, within a unit when two share it). */
export async function addChannel(
  db: Db,
  input: ChannelInput & { unit?: string | undefined; person?: string | undefined },
  who: Who,
): Promise<number> {
  const refusal = channelRefusal(input);
  if (refusal) throw new ActionRefused(refusal);
  if (Boolean(input.unit) === Boolean(input.person)) throw new ActionRefused('请选择提醒发给哪个单位或哪位领导（二者选一）');
  return db.transaction().execute(async (trx) => {
    let unitId: number | null = null;
    let personId: number | null = null;
    if (input.unit) unitId = await unitIdByName(trx, input.unit);
    else {
      const ids = await personIdsByName(trx, input.person as string);
      if (ids.length === 0) throw new NotFoundError(`人员名单中没有“${input.person}”`);
      if (ids.length > 1) throw new ActionRefused(`人员名单中有 ${ids.length} 位“${input.person}”，请改为按单位设置`);
      personId = ids[0] as number;
    }
    const id = await insertChannel(trx, {
      unit_id: unitId,
      person_id: personId,
      kind: input.kind,
      name: input.name.trim(),
      target: sealField(input.target.trim()) as string,
      secret: sealField(input.secret?.trim() || null),
      created_by: who.actor,
    });
    const owner = (await channelById(trx, id))?.unit_id ?? null;
    if (!inScope(who.scope, owner)) throw new ActionRefused(`只能为本单位及下级单位设置提醒渠道`);
    await appendEvents(trx, [
      {
        actor: who.actor,
        entity: 'reminder_channel',
        entityId: id,
        action: 'create',
        // never the address or the secret: whoever reads the log could post into the group with them
        after: {
          kind: input.kind,
          name: input.name.trim(),
          unit: input.unit ?? null,
          person: input.person ?? null,
          signed: Boolean(input.secret?.trim()),
        },
      },
    ]);
    return id;
  });
}

async function channelInScope(db: Tx, id: number, scope: Scope) {
  const c = await channelById(db, id);
  if (!c?.active || !inScope(scope, c.unit_id)) throw new NotFoundError('没有这个提醒渠道，或它已停用');
  return c;
}

export async function removeChannel(db: Db, id: number, who: Who): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const c = await channelInScope(trx, id, who.scope);
    await deactivateChannel(trx, id);
    await appendEvents(trx, [
      { actor: who.actor, entity: 'reminder_channel', entityId: id, action: 'deactivate', after: { name: c.name } },
    ]);
  });
}

/** The address and secret of a channel, opened for sending; a stopped channel is gone. */
export async function channelSecrets(db: Db, id: number): Promise<ChannelSecrets> {
  const c = await channelById(db, id);
  if (!c?.active) throw new ChannelGone('该提醒渠道已停用，不再发送');
  return { kind: c.kind as ChannelKind, target: openField(c.target) ?? '', secret: openField(c.secret) };
}

/** Sends a test message now, so the office sees at once whether the robot takes it. */
export async function testChannel(db: Db, id: number, who: Who, post: PostReminder): Promise<{ ok: boolean; error: string | null }> {
  const c = await channelInScope(db, id, who.scope);
  // a message posted into an outside group in the office's name is on the record, whatever came of it
  const logged = (outcome: string) =>
    db
      .transaction()
      .execute((trx) =>
        appendEvents(trx, [
          { actor: who.actor, entity: 'reminder_channel', entityId: c.id, action: 'test', after: { name: c.name, outcome } },
        ]),
      );
  try {
    await post(await channelSecrets(db, c.id), {
      key: `test:${c.id}:${Date.now()}`,
      text: `【整改通】测试消息：${who.actor}设置的“${c.name}”可以收到整改督办提醒。`,
    });
    await logged('送达');
    return { ok: true, error: null };
  } catch (e) {
    await logged((e as Error).message);
    return { ok: false, error: (e as Error).message };
  }
}

/** What was sent to the units and people in scope, newest first: the office sees each attempt and why it failed. */
export async function listDeliveries(db: Db, scope: Scope, status: 'all' | DeliveryStatus) {
  const rows = await recentDeliveries(db, scope, status, 200);
  const tries = await attemptsOf(
    db,
    rows.map((d) => Number(d.id)),
  );
  return rows.map((d) => ({
    id: Number(d.id),
    channel: d.channel,
    channelLabel: d.channel === 'email' ? '电子邮件' : (CHANNEL_LABEL[d.channel as ChannelKind] ?? d.channel),
    // an e-mail address is the unit's own; a channel's stands as its name
    to: d.address,
    recipient: d.recipient,
    day: String(d.day),
    status: d.status as DeliveryStatus,
    attempts: d.attempts,
    lastError: d.last_error,
    nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    sentAt: d.sent_at ? iso(d.sent_at) : null,
    // what the office may send again: given up on or uncertain, to a channel still in use
    resendable: (d.status === 'failed' || d.status === 'uncertain') && d.channel_active !== false,
    history: tries
      .filter((t) => Number(t.delivery_id) === Number(d.id))
      .map((t) => ({ startedAt: iso(t.started_at), outcome: t.outcome, error: t.error })),
  }));
}

/**
 * Sends again a reminder that was given up on, or one a stopped server left uncertain once the office has checked
 * that it did not arrive: due at once, with a fresh count of attempts; the earlier ones stay in its history.
 */
export async function resendDelivery(db: Db, id: number, who: Who): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = (await recentDeliveries(trx, who.scope, 'all', 1, id))[0];
    if (!d) throw new NotFoundError('没有这条提醒，或它不在您管理的范围内');
    if (d.status === 'sent') throw new ActionRefused('这条提醒已经发送，无需重发');
    if (d.status === 'pending') throw new ActionRefused('这条提醒正在等待发送，无需重发');
    if (d.channel_active === false) throw new ActionRefused(`提醒渠道“${d.address}”已停用，不能重发；需要时请重新添加渠道`);
    if (!(await requeueDelivery(trx, id, new Date()))) throw new ActionRefused('这条提醒的状态刚刚变化，请刷新后再试');
    await appendEvents(trx, [
      { actor: who.actor, entity: 'delivery', entityId: id, action: 'resend', after: { recipient: d.recipient, day: String(d.day) } },
    ]);
  });
}
