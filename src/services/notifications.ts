// Use cases: the in-app notifications a person sees — those about problems within their scope — and marking one read.
import type { Scope } from '../core/access/permissions.ts';
import type { Db } from '../store/open-database.ts';
import { scopeSql } from './scope.ts';
import { NotFoundError } from '../core/errors.ts';

export async function listNotifications(db: Db, q: { scope?: Scope; status?: 'pending' | 'all'; limit?: number }) {
  let query = db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'n.unit_id')
    .select([
      'n.id',
      'n.kind',
      'n.rung',
      'n.message',
      'n.day',
      'n.status',
      'n.cancelled_reason',
      'p.code as problem',
      'p.title',
      'u.name as unit',
    ])
    .where(scopeSql(q.scope));
  if (q.status !== 'all') query = query.where('n.status', '=', 'pending');
  const items = await query
    .orderBy('n.day', 'desc')
    .orderBy('n.id', 'desc')
    .limit(q.limit ?? 200)
    .execute();
  const pending = await db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.status', '=', 'pending')
    .where(scopeSql(q.scope))
    .executeTakeFirstOrThrow();
  return { pending: Number(pending.n), items: items.map((i) => ({ ...i, id: Number(i.id) })) };
}

export async function markRead(db: Db, id: number, scope?: Scope): Promise<void> {
  const n = await db
    .selectFrom('notification as n')
    .innerJoin('problem as p', 'p.id', 'n.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['n.id', 'n.status'])
    .where('n.id', '=', id)
    .where(scopeSql(scope))
    .executeTakeFirst();
  if (!n) throw new NotFoundError('没有这条提醒');
  if (n.status === 'pending') await db.updateTable('notification').set({ status: 'read' }).where('id', '=', id).execute();
}
