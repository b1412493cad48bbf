// 待办: what is waiting for this person, by what they may do — closure requests to review, returned requests to
// answer, extensions to approve, progress reports due, 督办 notices to answer — each about a problem in their scope,
// oldest first; and beside the problems, the leads whose deadline or follow-up is due (纪检, 监督) and what the public
// sent that is not yet handled (整改办), and the 绩效运行监控 reports owed.
import type { Capability, Scope } from '../core/access/permissions.ts';
import type { Db } from '../store/open-database.ts';
import { noticesToAnswer, returnedClosures, undecidedClosures, undecidedExtensions } from '../store/todo.repository.ts';
import type { TodoAnswer, TodoItem } from '../core/contract/work.ts';
import { listLeads } from './leads.ts';
import { listSubmissions } from './public-supervision.ts';
import { monitoringOwed } from './perf-monitoring.ts';

const LIMIT = 200;

export async function todoFor(db: Db, viewer: { scope: Scope; capabilities: readonly Capability[] }, today: string): Promise<TodoAnswer> {
  const can = (c: Capability) => viewer.capabilities.includes(c);
  const [closures, returned, extensions, due, leads, submissions, monitoring] = await Promise.all([
    can('decide-closure') ? undecidedClosures(db, viewer.scope, LIMIT) : [],
    can('request-closure') ? returnedClosures(db, viewer.scope, LIMIT) : [],
    can('decide-extension') ? undecidedExtensions(db, viewer.scope, LIMIT) : [],
    can('report-progress') ? noticesToAnswer(db, viewer.scope, LIMIT * 3) : [],
    can('leads') ? listLeads(db, viewer.scope, { asOf: today, state: 'open-all' }) : [],
    can('intake') ? listSubmissions(db, viewer.scope, {}) : [],
    can('report-progress') ? monitoringOwed(db, viewer.scope, today) : [],
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
    leads: leads
      .filter((x) => x.state === 'overdue' || x.state === 'due-soon' || x.trackingDue)
      .sort((a, b) => a.deadline.localeCompare(b.deadline))
      .slice(0, LIMIT)
      .map((x) => ({
        code: x.code,
        summary: x.summary,
        since: x.transferredOn,
        text:
          x.state === 'overdue'
            ? `办理期限 ${x.deadline} 已过，尚未办结${x.supervision ? `（已${x.supervision}）` : ''}`
            : x.state === 'due-soon'
              ? `办理期限 ${x.deadline} 将至`
              : '已到跟踪了解的时候，请登记办理进展',
      })),
    // oldest first: what has waited longest is answered first
    submissions: submissions
      .filter((x) => x.state !== 'handled' && x.duplicateOf === null)
      .reverse()
      .slice(0, LIMIT)
      .map((x) => ({
        ref: x.ref,
        since: x.receivedOn,
        text: `${x.kindLabel}${x.state === 'new' ? '（待阅）' : '（已阅，未办理）'}：${x.content.length > 60 ? `${x.content.slice(0, 60)}…` : x.content}`,
      })),
    monitoring: monitoring.slice(0, LIMIT),
  };
}
