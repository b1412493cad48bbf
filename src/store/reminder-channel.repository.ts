// The reminder channels of units and people, and the deliveries made to them. Addresses and secrets pass through
// here sealed (opaque strings); services/reminder-channels.ts opens them.
import { sql, type Insertable } from 'kysely';
import type { DeliveryStatus } from '../core/supervision/reminder-channel.ts';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function insertChannel(trx: Tx, row: Insertable<Database['reminder_channel']>): Promise<number> {
  return (await trx.insertInto('reminder_channel').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The active channels of the units and people a scope covers, with whose they are. */
export function channelsInScope(db: Tx, scope: Scope) {
  let q = db
    .selectFrom('reminder_channel as c')
    .leftJoin('org_unit as u', 'u.id', 'c.unit_id')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('org_unit as pu', 'pu.id', 'p.unit_id')
    .select([
      'c.id',
      'c.kind',
      'c.name',
      'c.target',
      'c.secret',
      'c.created_by',
      'c.created_at',
      'u.name as unit',
      'p.name as person',
      'pu.name as person_unit',
    ])
    .where('c.active', '=', true);
  if (scope.kind !== 'all')
    q = scope.units.length
      ? q.where((eb) => eb.or([eb('c.unit_id', 'in', scope.units), eb('p.unit_id', 'in', scope.units)]))
      : q.where(sql<boolean>`false`);
  return q.orderBy('c.id').execute();
}

/** One active channel, with the unit it belongs to (the person's unit for a person's). */
export function channelById(db: Tx, id: number) {
  return db
    .selectFrom('reminder_channel as c')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.kind',
      'c.name',
      'c.target',
      'c.secret',
      'c.active',
      sql<number | null>`coalesce(c.unit_id, p.unit_id)`.as('unit_id'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function deactivateChannel(trx: Tx, id: number): Promise<void> {
  await trx.updateTable('reminder_channel').set({ active: false }).where('id', '=', id).execute();
}

/** The active channels of some units and people, for the day's digests. */
export function activeChannelsOf(db: Tx, unitIds: readonly number[], personIds: readonly number[]) {
  if (unitIds.length === 0 && personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('reminder_channel')
    .select(['id', 'kind', 'name', 'unit_id', 'person_id'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([...(unitIds.length ? [eb('unit_id', 'in', unitIds)] : []), ...(personIds.length ? [eb('person_id', 'in', personIds)] : [])]),
    )
    .orderBy('id')
    .execute();
}

/** The latest deliveries to the units and people a scope covers (all of them for an unscoped viewer), newest first; or one of them. */
export function recentDeliveries(db: Tx, scope: Scope, status: 'all' | DeliveryStatus, limit: number, id?: number) {
  let q = db
    .selectFrom('delivery as d')
    .leftJoin('reminder_channel as c', 'c.id', 'd.channel_id')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .select([
      'd.id',
      'd.channel',
      'd.address',
      'd.recipient',
      'd.day',
      'd.status',
      'd.attempts',
      'd.last_error',
      'd.next_attempt_at',
      'd.sent_at',
      'd.created_at',
      'c.active as channel_active',
    ])
    .orderBy('d.id', 'desc')
    .limit(limit);
  if (status !== 'all') q = q.where('d.status', '=', status);
  if (id !== undefined) q = q.where('d.id', '=', id);
  if (scope.kind !== 'all') {
    // a delivery's unit: its channel's (or its person's), else the units of the notifications it carries
    const units = scope.units.length ? scope.units : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('c.unit_id', 'in', units),
        eb('p.unit_id', 'in', units),
        eb.exists(
          eb
            .selectFrom('notification as n')
            .select('n.id')
            .whereRef('n.id', '=', sql`any(${sql.ref('d.notification_ids')})`)
            .where('n.unit_id', 'in', units),
        ),
      ]),
    );
  }
  return q.execute();
}
