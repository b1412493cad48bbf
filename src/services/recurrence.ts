// Use cases: when a source comes onto the ledger, each of its problems is matched against the problems of earlier
// sources — of the same unit (屡审屡犯, a repeat) and of others (共性问题, common to several) — by the words they share;
// the matches are shown with their scores and confirmed or dismissed by a person.
import type { Scope } from '../core/access/permissions.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import {
  decideMatchRow,
  earlierProblemWords,
  insertMatches,
  lockMatchInScope,
  matchesOfProblem,
  problemIdInScope,
  problemWordsOf,
  sourceToMatch,
  storeWords,
} from '../store/recurrence.repository.ts';
import { runHeavy } from './heavy-work.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';

/** Matches scoring below this are not shown: at 0.25 two titles share at least one telling term. */
export const MIN_SCORE = 0.25;
export const PER_PROBLEM = 3;

/** Matches the source's problems against every earlier source's; returns how many matches were recorded. */
export async function matchSource(db: Db, code: string): Promise<number> {
  const source = await sourceToMatch(db, code);
  if (!source) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  const mine = await problemWordsOf(db, source.id);
  const earlier = await earlierProblemWords(db, source.id);
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
  return insertMatches(
    db,
    found.matches.map((m) => ({ ...m, score: m.score.toFixed(3) })),
  );
}

/** A problem's matches, best first, with the earlier problem and its source. */
export async function matchesOf(db: Db, code: string, scope: Scope) {
  const id = await problemIdInScope(db, code, scope);
  if (id === undefined) throw new NotFoundError(`没有编号为“${code}”的问题`);
  return matchesOfProblem(db, id);
}

export async function decideMatch(db: Db, id: number, confirm: boolean, actor: string, scope: Scope): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const m = await lockMatchInScope(trx, id, scope);
    if (!m) throw new NotFoundError('没有这条相似问题记录');
    if (m.status !== 'suggested') throw new ActionRefused('这条相似问题已经确认或排除过');
    const status = confirm ? 'confirmed' : 'dismissed';
    await decideMatchRow(trx, id, status, actor);
    await appendEvents(trx, [{ actor, entity: 'recurrence_match', entityId: id, action: status, after: { problem: m.code } }]);
  });
}
