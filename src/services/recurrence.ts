// Use cases: when a source comes onto the ledger, each of its problems is matched against the problems of earlier
// sources — of the same unit (屡审屡犯, a repeat) and of others (共性问题, common to several) — by the words they share;
// the matches are shown with their scores and confirmed or dismissed by a person.
import type { Scope } from '../core/access/permissions.ts';
import { sql } from 'kysely';
import { appendEvents } from '../store/event.repository.ts';
import { slices } from '../store/ledger.repository.ts';
import type { Db } from '../store/open-database.ts';
import { scopeSql } from '../store/scope.ts';
import { runHeavy } from './heavy-work.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';

/** Matches scoring below this are not shown: at 0.25 two titles share at least one telling term. */
export const MIN_SCORE = 0.25;
export const PER_PROBLEM = 3;

export const MATCH_KIND_LABEL = { repeat: '屡审屡犯', common: '共性问题' } as const;

/** Words segmented now (for problems that had none) are stored for next time. */
async function storeWords(db: Db, fresh: readonly { id: number; words: string }[]): Promise<void> {
  for (const part of slices(fresh, 5000))
    await sql`update problem p set words = x.words from unnest(${part.map((r) => r.id)}::int[], ${part.map((r) => r.words)}::text[]) as x(id, words) where p.id = x.id`.execute(
      db,
    );
}

/** Matches the source's problems against every earlier source's; returns how many matches were recorded. */
export async function matchSource(db: Db, code: string): Promise<number> {
  const source = await db
    .selectFrom('source')
    .select(['id', 'owner_unit_id', 'inspected_unit'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!source) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  const mine = await db.selectFrom('problem').select(['id', 'title', 'words']).where('source_id', '=', source.id).execute();
  const earlier = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['p.id', 'p.title', 'p.words', 's.owner_unit_id', 's.inspected_unit'])
    .where('p.source_id', '<', source.id)
    .execute();
  if (mine.length === 0 || earlier.length === 0) return 0;
  const sameUnit = (e: { owner_unit_id: number | null; inspected_unit: string | null }) =>
    (source.owner_unit_id !== null && e.owner_unit_id === source.owner_unit_id) ||
    (!!source.inspected_unit && e.inspected_unit === source.inspected_unit);
  // segmenting thousands of titles and scoring them is heavy work: the worker pool's, not the event loop's
  const found = await runHeavy(
    'matchRecurrences',
    mine.map(({ id, title, words }) => ({ id, title, words })),
    earlier.map(({ id, title, words, ...unit }) => ({ id, title, words, sameUnit: sameUnit(unit) })),
    { perProblem: PER_PROBLEM, minScore: MIN_SCORE },
  );
  await storeWords(db, found.fresh);
  let recorded = 0;
  for (const part of slices(found.matches, 2000)) {
    const rows = part.map((m) => ({ ...m, score: m.score.toFixed(3) }));
    recorded += (
      await db
        .insertInto('recurrence_match')
        .values(rows)
        .onConflict((oc) => oc.columns(['problem_id', 'earlier_id']).doNothing())
        .returning('id')
        .execute()
    ).length;
  }
  return recorded;
}

/** A problem's matches, best first, with the earlier problem and its source. */
export async function matchesOf(db: Db, code: string, scope?: Scope) {
  const p = await db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select('p.id')
    .where('p.code', '=', code)
    .where(scopeSql(scope))
    .executeTakeFirst();
  if (!p) throw new NotFoundError(`没有编号为“${code}”的问题`);
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
    .where('m.problem_id', '=', p.id)
    .orderBy('m.score', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

export async function decideMatch(db: Db, id: number, confirm: boolean, actor: string, scope?: Scope): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('recurrence_match as m')
      .innerJoin('problem as p', 'p.id', 'm.problem_id')
      .innerJoin('source as s', 's.id', 'p.source_id')
      .select(['m.id', 'm.status', 'p.code'])
      .where('m.id', '=', id)
      .where(scopeSql(scope))
      .forUpdate('m')
      .executeTakeFirst();
    if (!m) throw new NotFoundError('没有这条相似问题记录');
    if (m.status !== 'suggested') throw new ActionRefused('这条相似问题已经确认或排除过');
    const status = confirm ? 'confirmed' : 'dismissed';
    await trx.updateTable('recurrence_match').set({ status, decided_by: actor, decided_at: new Date() }).where('id', '=', id).execute();
    await appendEvents(trx, [{ actor, entity: 'recurrence_match', entityId: id, action: status, after: { problem: m.code } }]);
  });
}
