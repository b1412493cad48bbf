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
