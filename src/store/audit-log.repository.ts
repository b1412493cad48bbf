// The event log as the audit administrator reads it: pages filtered by person, kind and period; the whole of it in
// order for an export; a person's recent logins; and the room the log takes.
import { sql } from 'kysely';
import type { Tx } from './ledger.repository.ts';

export interface EventFilter {
  /** the actor's name, or part of it */
  readonly actor?: string | undefined;
  readonly entity?: string | undefined;
  readonly action?: string | undefined;
  /** a day, Beijing time, inclusive */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

function filtered(db: Tx, f: EventFilter) {
  let q = db.selectFrom('event');
  if (f.actor) q = q.where('actor', 'like', `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to) q = q.where('at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  return q;
}

const COLUMNS = ['id', 'at', 'actor', 'entity', 'entity_id', 'action', 'before', 'after'] as const;

/** One page of the log, newest first, and how many entries the filter finds. */
export async function eventsPage(db: Tx, f: EventFilter, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    filtered(db, f).select(COLUMNS).orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The entries the filter finds after id `afterId`, oldest first: an export reads the log in such slices. */
export function eventsAfter(db: Tx, f: EventFilter, afterId: number, limit: number) {
  return filtered(db, f).select(COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** An account's most recent security events of the given actions, newest first. */
export function securityEventsOf(db: Tx, account: string, actions: readonly string[], limit: number) {
  return db
    .selectFrom('event')
    .select(['id', 'at', 'action', 'after'])
    .where('entity', '=', 'security')
    .where('entity_id', '=', account)
    .where('action', 'in', actions as string[])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Bytes the log and its indexes take on disk. */
export async function eventLogBytes(db: Tx): Promise<number> {
  const r = await sql<{ n: string }>`select pg_total_relation_size('event')::text as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** How many entries name this person as who did them (under any of the names given). */
export async function entriesBy(db: Tx, actors: readonly string[]): Promise<number> {
  const r = await db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('actor', 'in', actors)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
