// Recurrence: the words segmented for each problem (kept for the next match), and the matches found between a
// problem and earlier sources' problems, suggested until a person confirms or dismisses them.
import { sql, type Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import { slices, type Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';

/** Words segmented now (for problems that had none) are stored for next time. */
export async function storeWords(db: Tx, fresh: readonly { id: number; words: string }[]): Promise<void> {
  for (const part of slices(fresh, 5000))
    await sql`update problem p set words = x.words from unnest(${part.map((r) => r.id)}::int[], ${part.map((r) => r.words)}::text[]) as x(id, words) where p.id = x.id`.execute(
      db,
    );
}

/** The source a match starts from: whose it is and which unit it inspected. */
export function sourceToMatch(db: Tx, code: string) {
  return db.selectFrom('source').select(['id', 'owner_unit_id', 'inspected_unit']).where('code', '=', code).executeTakeFirst();
}

/** The problems of a source with their words. */
export function problemWordsOf(db: Tx, sourceId: number) {
  return db.selectFrom('problem').select(['id', 'title', 'words']).where('source_id', '=', sourceId).execute();
}

/** The problems of every source before this one, with their words and their source's unit. */
export function earlierProblemWords(db: Tx, sourceId: number) {
  return db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['p.id', 'p.title', 'p.words', 's.owner_unit_id', 's.inspected_unit'])
    .where('p.source_id', '<', sourceId)
    .execute();
}

/** Records matches not yet known; returns how many were new. */
export async function insertMatches(db: Tx, rows: readonly Insertable<Database['recurrence_match']>[]): Promise<number> {
  let recorded = 0;
  for (const part of slices(rows, 2000))
    recorded += (
      await db
        .insertInto('recurrence_match')
        .values(part)
        .onConflict((oc) => oc.columns(['problem_id', 'earlier_id']).doNothing())
        .returning('id')
        .execute()
    ).length;
  return recorded;
}

/** The id of a problem within the viewer's scope. */
export async function problemIdInScope(db: Tx, code: string, scope: Scope): Promise<number | undefined> {
  const p = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select('p.id')
    .where('p.code', '=', code)
    .where(scopeSql(scope))
    .executeTakeFirst();
  return p?.id;
}

/** A problem's matches, best first, with the earlier problem and its source. */
export async function matchesOfProblem(db: Tx, problemId: number) {
  const rows = await db
    .selectFrom('recurrence_match as m')
    .innerJoin('problem as e', 'e.id', 'm.earlier_id')
    .innerJoin('source as s', 's.id', 'e.source_id')
    .select([
      'm.id',
      'm.kind',
      'm.score',
      'm.status',
      'm.decided_by',
      'e.code',
      'e.title',
      'e.status as earlier_status',
      's.title as source',
      's.inspected_unit',
    ])
    .where('m.problem_id', '=', problemId)
    .orderBy('m.score', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/** A match on a problem within the viewer's scope, locked for a decision. */
export function lockMatchInScope(trx: Tx, id: number, scope: Scope) {
  return trx
    .selectFrom('recurrence_match as m')
    .innerJoin('problem as p', 'p.id', 'm.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['m.id', 'm.status', 'p.code'])
    .where('m.id', '=', id)
    .where(scopeSql(scope))
    .forUpdate('m')
    .executeTakeFirst();
}

export async function decideMatchRow(trx: Tx, id: number, status: 'confirmed' | 'dismissed', by: string): Promise<void> {
  await trx.updateTable('recurrence_match').set({ status, decided_by: by, decided_at: new Date() }).where('id', '=', id).execute();
}
