// Digests and their delivery: a day's pending notifications with the unit and leader each goes to, the deliveries
// (key unique: a digest already made is not made again), a delivery claimed before it is sent, and each attempt.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

/** A day's pending notifications, each with its unit's and its leader's name and e-mail. */
export function pendingNotificationsWithRecipients(db: Tx, day: string) {
  return db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .leftJoin('org_unit as u', 'u.id', 'n.unit_id')
    .leftJoin('person as l', 'l.id', 'p.lead_leader_id')
    .select([
      'n.id',
      'n.kind',
      'n.rung',
      'n.message',
      'p.code',
      'n.unit_id',
      'u.name as unit',
      'u.email as unit_email',
      'p.lead_leader_id',
      'l.name as leader',
      'l.email as leader_email',
    ])
    .where('n.day', '=', day)
    .where('n.status', '=', 'pending')
    .orderBy('n.id')
    .execute();
}

/** Inserts a delivery unless one with its key exists; whether it was new. */
export async function insertDelivery(db: Tx, row: Insertable<Database['delivery']>): Promise<boolean> {
  const r = await db
    .insertInto('delivery')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Claims one pending delivery due by `now` on one of `channels` (those the process can send): its next attempt pushed
 * to `until`, out of reach of anyone else.
 */
export async function claimDueDelivery(db: Tx, now: Date, until: Date, channels: readonly string[]) {
  const claimed = await sql<{
    id: number;
    key: string;
    channel: string;
    channel_id: number | null;
    address: string;
    subject: string;
    body: string;
    attempts: number;
  }>`
      update delivery set next_attempt_at = ${until}
       where id = (select id from delivery where status = 'pending' and next_attempt_at <= ${now}
                     and channel in (${sql.join(channels)}) order by id limit 1 for update skip locked)
       returning id, key, channel, channel_id, address, subject, body, attempts`.execute(db);
  return claimed.rows[0];
}

/** What an attempt came to. */
export async function updateDelivery(db: Tx, id: number, values: Updateable<Database['delivery']>): Promise<void> {
  await db.updateTable('delivery').set(values).where('id', '=', id).execute();
}

/** An attempt begins: written before anything leaves, so a server that dies mid-send leaves it unended. */
export async function startAttempt(db: Tx, deliveryId: number, at: Date): Promise<number> {
  const r = await db
    .insertInto('delivery_attempt')
    .values({ delivery_id: deliveryId, started_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** An attempt ends; false when another sender already said it was interrupted (it took longer than its claim). */
export async function endAttempt(db: Tx, id: number, at: Date, outcome: 'sent' | 'failed', error: string | null): Promise<boolean> {
  const r = await db
    .updateTable('delivery_attempt')
    .set({ ended_at: at, outcome, error })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Attempts of a delivery that began and never ended, now said to be interrupted; how many there were. */
export async function closeInterruptedAttempts(db: Tx, deliveryId: number, at: Date): Promise<number> {
  const r = await db
    .updateTable('delivery_attempt')
    .set({ ended_at: at, outcome: 'interrupted' })
    .where('delivery_id', '=', deliveryId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The attempts of some deliveries, oldest first. */
export function attemptsOf(db: Tx, deliveryIds: readonly number[]) {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('delivery_attempt')
    .select(['delivery_id', 'started_at', 'ended_at', 'outcome', 'error'])
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('id')
    .execute();
}

/** A delivery given up on (or left uncertain) made due again now, with a fresh count of attempts. */
export async function requeueDelivery(db: Tx, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('delivery')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'uncertain'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
