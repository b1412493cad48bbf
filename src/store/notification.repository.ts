// The in-app notifications of problems within a viewer's scope, and what each person has read of them.
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import { slices, type Tx } from './ledger.repository.ts';
import { scopeSql } from './scope.ts';

const inScope = (db: Tx, scope: Scope) =>
  db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .where(scopeSql(scope));

/** read by this person */
const readBy = (userId: number) =>
  sql<boolean>`exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ${userId})`;

/** How many (problem, day) pairs hold a pending notification this person has not read. */
export async function countUnreadDays(db: Tx, scope: Scope, userId: number): Promise<number> {
  const r = await inScope(db, scope)
    .select(sql<string>`count(distinct (n.problem_id, n.day))`.as('n'))
    .where('n.status', '=', 'pending')
    .where(sql<boolean>`not ${readBy(userId)}`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Notifications newest first, each with its problem, its unit and whether this person has read it. */
export function notificationsFor(db: Tx, q: { scope: Scope; userId: number; unreadOnly: boolean; limit: number }) {
  let query = inScope(db, q.scope)
    .leftJoin('org_unit as u', 'u.id', 'n.unit_id')
    .select([
      'n.id',
      'n.problem_id',
      'n.kind',
      'n.rung',
      'n.message',
      'n.day',
      'n.status',
      'n.cancelled_reason',
      'p.code as problem',
      'p.title',
      'u.name as unit',
      readBy(q.userId).as('read'),
    ]);
  if (q.unreadOnly) query = query.where('n.status', '=', 'pending').where(sql<boolean>`not ${readBy(q.userId)}`);
  return query.orderBy('n.day', 'desc').orderBy('n.id', 'desc').limit(q.limit).execute();
}

/** The ids of every pending notification in scope this person has not read. */
export async function unreadIds(db: Tx, scope: Scope, userId: number): Promise<number[]> {
  const rows = await inScope(db, scope)
    .select('n.id')
    .where('n.status', '=', 'pending')
    .where(sql<boolean>`not ${readBy(userId)}`)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** How many of `ids` lie within the scope. */
export async function countInScope(db: Tx, scope: Scope, ids: readonly number[]): Promise<number> {
  return (await inScope(db, scope).select('n.id').where('n.id', 'in', ids).execute()).length;
}

/** Marks notifications read by a person; returns how many were not read before. */
export async function markReadBy(db: Tx, userId: number, ids: readonly number[]): Promise<number> {
  let read = 0;
  for (const part of slices(ids))
    read += (
      await db
        .insertInto('notification_read')
        .values(part.map((id) => ({ notification_id: id, user_id: userId })))
        .onConflict((oc) => oc.columns(['user_id', 'notification_id']).doNothing())
        .returning('notification_id')
        .execute()
    ).length;
  return read;
}

/** The reports a source's problems missed (reminders not cancelled), oldest first. */
export function missedReportsOfSource(db: Tx, sourceId: number) {
  return db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .select(['p.code', 'n.day'])
    .where('p.source_id', '=', sourceId)
    .where('n.kind', '=', 'missed-report')
    .where('n.status', '!=', 'cancelled')
    .orderBy('n.day')
    .execute();
}
