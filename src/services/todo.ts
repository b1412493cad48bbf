// 待办: what is waiting for this person, by what they may do — closure requests to review, returned requests to
// answer, extensions to approve, progress reports due, 督办 notices to answer — each about a problem in their scope,
// oldest first.
import type { Capability, Scope } from '../core/access/permissions.ts';
import type { Db } from '../store/open-database.ts';
import { scopeSql } from './scope.ts';
import type { TodoAnswer, TodoItem } from '../core/contract/work.ts';
import { sql } from 'kysely';

const LIMIT = 200;

export async function todoFor(db: Db, viewer: { scope: Scope; capabilities: readonly Capability[] }): Promise<TodoAnswer> {
  const can = (c: Capability) => viewer.capabilities.includes(c);
  const problems = () =>
    db
      .selectFrom('problem as p')
      .innerJoin('source as s', 's.id', 'p.source_id')
      .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
      .where(scopeSql(viewer.scope));
  const [closures, returned, extensions, due] = await Promise.all([
    can('decide-closure')
      ? problems()
          .innerJoin('closure_request as c', 'c.problem_id', 'p.id')
          .select(['p.code', 'p.title', 'u.name as unit', 'c.requested_at', 'c.requested_by', 'c.evidence_ids'])
          .where('c.decision', 'is', null)
          .orderBy('c.requested_at')
          .limit(LIMIT)
          .execute()
      : [],
    // the last request of a problem still being rectified, returned: nothing newer has been asked since
    can('request-closure')
      ? problems()
          .innerJoin('closure_request as c', 'c.problem_id', 'p.id')
          .select(['p.code', 'p.title', 'u.name as unit', 'c.decided_at', 'c.decided_by', 'c.reason'])
          .where('c.decision', '=', 'returned')
          .where('p.status', '=', 'in-progress')
          .where(sql<boolean>`not exists (select 1 from closure_request c2 where c2.problem_id = p.id and c2.id > c.id)`)
          .orderBy('c.decided_at')
          .limit(LIMIT)
          .execute()
      : [],
    can('decide-extension')
      ? problems()
          .innerJoin('extension_request as x', 'x.problem_id', 'p.id')
          .select(['p.code', 'p.title', 'u.name as unit', 'x.requested_at', 'x.requested_by', 'x.new_deadline', 'x.reason'])
          .where('x.decision', 'is', null)
          .orderBy('x.requested_at')
          .limit(LIMIT)
          .execute()
      : [],
    can('report-progress')
      ? problems()
          .innerJoin('notification as n', 'n.problem_id', 'p.id')
          .select(['p.code', 'p.title', 'u.name as unit', 'n.day', 'n.kind', 'n.message'])
          .where('n.status', '=', 'pending')
          .where('n.kind', 'in', ['missed-report', 'overdue', 'escalation'])
          .orderBy('n.day')
          .limit(LIMIT * 3)
          .execute()
      : [],
  ]);
  const item = (code: string, title: string, unit: string | null, since: string, text: string): TodoItem => ({
    problem: code,
    title,
    unit,
    since,
    text,
  });
  // one entry per problem: the earliest notice of its kind says how long it has waited
  const once = (rows: typeof due) => {
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.code) && Boolean(seen.add(r.code)));
  };
  return {
    closures: closures.map((c) =>
      item(c.code, c.title, c.unit, c.requested_at, `${c.requested_by}申请销号，附佐证材料 ${c.evidence_ids.length} 份`),
    ),
    returned: returned.map((c) =>
      item(c.code, c.title, c.unit, c.decided_at ?? '', `${c.decided_by ?? ''}退回了销号申请：${c.reason ?? ''}，请补充整改后重新申请`),
    ),
    extensions: extensions.map((x) =>
      item(x.code, x.title, x.unit, x.requested_at, `${x.requested_by}申请延期至 ${x.new_deadline}：${x.reason}`),
    ),
    reports: once(due.filter((n) => n.kind !== 'escalation'))
      .slice(0, LIMIT)
      .map((n) => item(n.code, n.title, n.unit, n.day, n.message)),
    notices: once(due.filter((n) => n.kind === 'escalation'))
      .slice(0, LIMIT)
      .map((n) => item(n.code, n.title, n.unit, n.day, n.message)),
  };
}
