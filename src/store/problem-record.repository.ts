// One problem and its whole record: what it is, who answers for it, and everything that happened to it — status
// changes (with the document an imported status was taken from), progress, evidence, requests and decisions,
// supervision, look-backs, outcomes, and who assigned it.
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import { problemsWithNames } from './problem-list.repository.ts';
import { scopeSql } from './scope.ts';

/** The problem of that code within the viewer's scope, with its source, aspect and the names answering for it. */
export function problemInScope(db: Tx, code: string, scope: Scope) {
  return problemsWithNames(db)
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
    .selectAll('p')
    .select([
      's.code as source_code',
      's.title as source_title',
      's.warning',
      'a.title as aspect',
      'u.name as lead_unit',
      'l.name as lead_leader',
      'r.name as responsible_person',
    ])
    .where('p.code', '=', code)
    .where(scopeSql(scope))
    .executeTakeFirst();
}

/** Everything recorded about a problem, each list in the order it happened. */
export async function problemHistory(db: Tx, id: number) {
  const [children, measures, units, changes, progress, evidence, closures, extensions, supervision, lookbacks, outcomes, assigned] =
    await Promise.all([
      db.selectFrom('problem').select(['code', 'title', 'status']).where('parent_id', '=', id).orderBy('ordinal').execute(),
      db.selectFrom('measure').selectAll().where('problem_id', '=', id).orderBy('ordinal').execute(),
      db
        .selectFrom('problem_unit')
        .innerJoin('org_unit', 'org_unit.id', 'problem_unit.unit_id')
        .select(['org_unit.name', 'problem_unit.role'])
        .where('problem_id', '=', id)
        .execute(),
      db
        .selectFrom('status_change as c')
        .leftJoin('document as d', 'd.id', 'c.document_id')
        .selectAll('c')
        .select('d.file_name')
        .where('c.problem_id', '=', id)
        .orderBy('c.at')
        .orderBy('c.id')
        .execute(),
      db.selectFrom('progress_update').selectAll().where('problem_id', '=', id).orderBy('at').orderBy('id').execute(),
      db
        .selectFrom('evidence')
        .select(['id', 'file_name', 'sha256', 'size', 'mime', 'uploaded_by', 'uploaded_at'])
        .where('problem_id', '=', id)
        .orderBy('id')
        .execute(),
      db.selectFrom('closure_request').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      db.selectFrom('extension_request').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      db.selectFrom('supervision_action').selectAll().where('problem_id', '=', id).orderBy('at').execute(),
      db.selectFrom('lookback').selectAll().where('problem_id', '=', id).orderBy('at').execute(),
      db.selectFrom('outcome').selectAll().where('problem_id', '=', id).orderBy('id').execute(),
      // who gave it a lead unit and a deadline, and which submissions of the public were linked to it, and when: from
      // the event log, which records every step
      db
        .selectFrom('event')
        .select(['at', 'actor', 'action', 'after'])
        .where('entity', '=', 'problem')
        .where('entity_id', '=', String(id))
        .where('action', 'in', ['assign', 'link-submission'])
        .orderBy('id')
        .execute(),
    ]);
  return { children, measures, units, changes, progress, evidence, closures, extensions, supervision, lookbacks, outcomes, assigned };
}
