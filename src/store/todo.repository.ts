// What waits for someone, read for 待办: each list is about problems within the viewer's scope, oldest first, with
// the problem's code, title and lead unit beside what waits.
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import { scopeSql } from './scope.ts';

const problemsIn = (db: Tx, scope: Scope) =>
  db
    .selectFrom('problem as p')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
    .where(scopeSql(scope));

/** Closure requests not yet decided. */
export function undecidedClosures(db: Tx, scope: Scope, limit: number) {
  return problemsIn(db, scope)
    .innerJoin('closure_request as c', 'c.problem_id', 'p.id')
    .select(['p.code', 'p.title', 'u.name as unit', 'c.requested_at', 'c.requested_by', 'c.evidence_ids'])
    .where('c.decision', 'is', null)
    .orderBy('c.requested_at')
    .limit(limit)
    .execute();
}

/** The last request of a problem still being rectified, returned: nothing newer has been asked since. */
export function returnedClosures(db: Tx, scope: Scope, limit: number) {
  return problemsIn(db, scope)
    .innerJoin('closure_request as c', 'c.problem_id', 'p.id')
    .select(['p.code', 'p.title', 'u.name as unit', 'c.decided_at', 'c.decided_by', 'c.reason'])
    .where('c.decision', '=', 'returned')
    .where('p.status', '=', 'in-progress')
    .where(sql<boolean>`not exists (select 1 from closure_request c2 where c2.problem_id = p.id and c2.id > c.id)`)
    .orderBy('c.decided_at')
    .limit(limit)
    .execute();
}

/** Extension requests not yet decided. */
export function undecidedExtensions(db: Tx, scope: Scope, limit: number) {
  return problemsIn(db, scope)
    .innerJoin('extension_request as x', 'x.problem_id', 'p.id')
    .select(['p.code', 'p.title', 'u.name as unit', 'x.requested_at', 'x.requested_by', 'x.new_deadline', 'x.reason'])
    .where('x.decision', 'is', null)
    .orderBy('x.requested_at')
    .limit(limit)
    .execute();
}

/** Pending notices that ask for an answer: a report missed, a deadline passed, a 督办. */
export function noticesToAnswer(db: Tx, scope: Scope, limit: number) {
  return problemsIn(db, scope)
    .innerJoin('notification as n', 'n.problem_id', 'p.id')
    .select(['p.code', 'p.title', 'u.name as unit', 'n.day', 'n.kind', 'n.message'])
    .where('n.status', '=', 'pending')
    .where('n.kind', 'in', ['missed-report', 'overdue', 'escalation'])
    .orderBy('n.day')
    .limit(limit)
    .execute();
}
