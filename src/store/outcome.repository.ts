// Outcomes of rectification: money recovered, institutions made, people held accountable, meetings held.
import { sql, type Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql, sourceScopeSql } from './scope.ts';

export async function insertOutcome(trx: Tx, row: Insertable<Database['outcome']>): Promise<number> {
  return (await trx.insertInto('outcome').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * The counted outcomes in scope recorded by a day (of one source, when given): outcomes of a problem follow the
 * problem's scope, a source's own totals follow the source's.
 */
export async function countedOutcomes(db: Tx, q: { asOf: string; sourceId: number | null; scope: Scope }) {
  let outcomes = db
    .selectFrom('outcome as o')
    .innerJoin('source as s', 's.id', 'o.source_id')
    .leftJoin('problem as p', 'p.id', 'o.problem_id')
    .select(['o.kind', 'o.money_kind', 'o.amount_wan', 'o.people', 'o.count'])
    .where('o.counted', '=', true)
    .where((eb) => eb.or([eb('o.at', 'is', null), eb('o.at', '<=', q.asOf)]))
    // outcomes are few beside problems: each is tested on its own rather than the viewer's whole set found first
    .where(sql<boolean>`case when p.id is null then ${sourceScopeSql(q.scope, 'few')} else ${scopeSql(q.scope, 'few')} end`);
  if (q.sourceId) outcomes = outcomes.where('o.source_id', '=', q.sourceId);
  return outcomes.execute();
}
