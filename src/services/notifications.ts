// Use cases: the in-app notifications a person sees — those about problems within their scope — merged so that what
// one run said about one problem on one day is one notification (a reminder, a warning and a 督办单 together), and
// marking them read, one, several or all. Read is each person's own: one person's reading takes nothing off another's.
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Db } from '../store/open-database.ts';
import { scopeSql } from './scope.ts';
import { NotFoundError } from '../core/errors.ts';
import { slices } from '../store/ledger.repository.ts';
import type { MergedNotification, NotificationKind } from '../core/contract/work.ts';

type Kind = NotificationKind;
/** the kind a merged notification is shown as: the most serious of its parts */
const SEVERITY: readonly Kind[] = ['escalation', 'overdue', 'warning', 'missed-report', 'due-soon'];

/** Who is asking: their scope, and who they are (what they have read). */
export interface Reader {
  readonly scope?: Scope | undefined;
  readonly userId: number;
}

const inScope = (db: Db, scope?: Scope) =>
  db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .where(scopeSql(scope));

/** read by this person */
const readBy = (userId: number) =>
  sql<boolean>`exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ${userId})`;

/** How many merged notifications this person has not read: the badge in the menu. */
export async function unreadNotifications(db: Db, who: Reader): Promise<number> {
  const r = await inScope(db, who.scope)
    .select(sql<string>`count(distinct (n.problem_id, n.day))`.as('n'))
    .where('n.status', '=', 'pending')
    .where(sql<boolean>`not ${readBy(who.userId)}`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listNotifications(db: Db, q: Reader & { status?: 'pending' | 'all'; limit?: number }) {
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
  if (q.status !== 'all') query = query.where('n.status', '=', 'pending').where(sql<boolean>`not ${readBy(q.userId)}`);
  const rows = await query
    .orderBy('n.day', 'desc')
    .orderBy('n.id', 'desc')
    .limit((q.limit ?? 200) * 5)
    .execute();
  const stateOf = (r: (typeof rows)[number]) => (r.status === 'cancelled' ? 'cancelled' : r.read ? 'read' : 'pending');
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.problem_id}:${r.day}:${stateOf(r)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const items: MergedNotification[] = [...groups.values()].slice(0, q.limit ?? 200).map((g) => {
    const kinds = [...new Set(g.map((r) => r.kind as Kind))].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b));
    const first = g[0] as (typeof rows)[number];
    return {
      ids: g.map((r) => Number(r.id)),
      kind: kinds[0] as Kind,
      kinds,
      rung: g.find((r) => r.rung)?.rung ?? null,
      messages: g.map((r) => r.message),
      day: first.day,
      status: stateOf(first),
      cancelledReason: first.cancelled_reason,
      problem: first.problem,
      title: first.title,
      unit: first.unit,
    };
  });
  return { pending: await unreadNotifications(db, q), items };
}

/** Marks notifications read for this person: those given (each must be in their scope), or every unread one in it. */
export async function markRead(db: Db, which: readonly number[] | 'all', who: Reader): Promise<number> {
  const ids =
    which === 'all'
      ? (
          await inScope(db, who.scope)
            .select('n.id')
            .where('n.status', '=', 'pending')
            .where(sql<boolean>`not ${readBy(who.userId)}`)
            .execute()
        ).map((r) => Number(r.id))
      : [...new Set(which)];
  if (ids.length === 0) return 0;
  const found = await inScope(db, who.scope).select('n.id').where('n.id', 'in', ids).execute();
  if (which !== 'all' && found.length !== ids.length) throw new NotFoundError('没有这条提醒');
  let read = 0;
  for (const part of slices(ids))
    read += (
      await db
        .insertInto('notification_read')
        .values(part.map((id) => ({ notification_id: id, user_id: who.userId })))
        .onConflict((oc) => oc.columns(['user_id', 'notification_id']).doNothing())
        .returning('notification_id')
        .execute()
    ).length;
  return read;
}
