// What the ledger workbook reads: a source's problems and measures as its lists show them, and, for an import, the
// problems it may change (held until it commits) and the measures already there.
import type { Tx } from './ledger.repository.ts';
import { problemsWithNames } from './problem-list.repository.ts';

/** The problems of a source as the 问题清单 lists them, in code order. */
export function problemsForSheet(db: Tx, sourceId: number) {
  return problemsWithNames(db)
    .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
    .select([
      'p.id',
      'p.code',
      'a.title as aspect',
      'p.title',
      'p.status',
      'p.long_term',
      'p.triage',
      'u.name as lead_unit',
      'l.name as lead_leader',
      'r.name as responsible',
    ])
    .select(['p.deadline', 'p.target', 'p.amount_due', 'p.amount_unit', 'p.progress', 'p.start_date', 'p.last_progress_at', 'p.version'])
    .where('p.source_id', '=', sourceId)
    .orderBy('p.code_order')
    .execute();
}

/** The measures of these problems as the 任务清单 lists them, by problem code and ordinal. */
export function measuresForSheet(db: Tx, problemIds: readonly number[]) {
  return db
    .selectFrom('measure as m')
    .innerJoin('problem as p', 'p.id', 'm.problem_id')
    .leftJoin('org_unit as u', 'u.id', 'm.owner_unit_id')
    .leftJoin('person as o', 'o.id', 'm.owner_person_id')
    .select(['p.code', 'm.ordinal', 'm.text', 'u.name as unit', 'o.name as person', 'm.deadline', 'm.status', 'm.progress'])
    .where('m.problem_id', 'in', problemIds)
    .orderBy('p.code_order')
    .orderBy('m.ordinal')
    .execute();
}

/** The top-level problems of a source by title: a unit's own sheet finds an existing problem by its title. */
export function topProblemTitles(db: Tx, sourceId: number) {
  return db
    .selectFrom('problem')
    .select(['code', 'title', 'ordinal'])
    .where('source_id', '=', sourceId)
    .where('parent_id', 'is', null)
    .execute();
}

/** The problems of a source an import may change, held until it commits: nobody's edit in between is overwritten unseen. */
export function lockProblemsOfSource(trx: Tx, sourceId: number) {
  return trx
    .selectFrom('problem')
    .select(['id', 'code', 'status', 'version', 'long_term', 'reopened_count'])
    .where('source_id', '=', sourceId)
    .forUpdate()
    .execute();
}

/** The measures of these problems, to be updated by ordinal. */
export function measureKeys(trx: Tx, problemIds: readonly number[]) {
  return trx.selectFrom('measure').select(['id', 'problem_id', 'ordinal']).where('problem_id', 'in', problemIds).execute();
}
