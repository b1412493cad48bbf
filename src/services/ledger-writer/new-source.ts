// The one writer of a new source: a report read (core/ledger/import-plan.ts) and a self-evaluation
// (core/perf/evaluation-plan.ts) each build an ImportPlan in core and hand it here, inside the caller's transaction.
// Each status goes through the state machine's "import" step; each row written is in the event log.
import { childCode, problemCode, sourceCode, sourceCodePrefix } from '../../core/ledger/codes.ts';
import type { ImportPlan, PlannedProblem } from '../../core/ledger/import-plan.ts';
import type { Finding } from '../../core/check/finding.ts';
import type { Report } from '../../core/document/model.ts';
import { initialState, reportedStatus, transition } from '../../core/ledger/problem-state.ts';
import { ImportMismatchError } from '../../core/errors.ts';
import { appendEvents, type NewEvent } from '../../store/event.repository.ts';
import {
  insertAspects,
  insertClaims,
  insertMeasures,
  insertOutcomes,
  insertSource,
  nextSourceSeq,
  type Tx,
} from '../../store/ledger.repository.ts';
import { insertProblems, recordStatusChanges } from '../../store/problem.repository.ts';
import { unitIdByName } from '../../store/org.repository.ts';
import { ownerOfNewSource } from '../source-owner.ts';

export interface ImportedSource {
  readonly code: string;
  readonly title: string;
  readonly problems: number;
}

/** Problems and specific problems the reader found in a report. */
function countProblems(report: Report): number {
  const n = (ps: readonly Report['aspects'][number]['problems'][number][]): number => ps.reduce((s, p) => s + 1 + n(p.children), 0);
  return report.aspects.reduce((s, a) => s + n(a.problems), 0);
}

export interface NewSourceContext {
  readonly actor: string;
  /** the unit whose ledger the source belongs to; none: the unit the plan names as inspected or issuing, if any */
  readonly ownerUnitId: number | null;
  /** the report it was read from: its kept document, its place in the document and what was read */
  readonly read?: { readonly documentId: number; readonly index: number; readonly report: Report };
  /** what checking found, when there is no report to take it from (a self-evaluation's scoring) */
  readonly findings?: readonly Finding[];
  /** why each status stands, in the problem's status change: the document it was taken from */
  readonly reason: (p: PlannedProblem) => string;
}

interface FlatProblem {
  readonly plan: PlannedProblem;
  readonly code: string;
  readonly aspectOrdinal: number;
  readonly parentCode: string | null;
  readonly depth: number;
}

function flatten(plan: ImportPlan, code: string): FlatProblem[] {
  const out: FlatProblem[] = [];
  let counter = 0;
  const walk = (p: PlannedProblem, aspectOrdinal: number, parentCode: string | null, depth: number, i: number) => {
    const c = parentCode ? childCode(parentCode, i) : problemCode(code, ++counter);
    out.push({ plan: p, code: c, aspectOrdinal, parentCode, depth });
    p.children.forEach((child, j) => walk(child, aspectOrdinal, c, depth + 1, j + 1));
  };
  for (const a of plan.aspects) a.problems.forEach((p, i) => walk(p, a.ordinal, null, 0, i + 1));
  return out;
}

/**
 * Writes a plan as a new source: its aspects, problems level by level under their codes, measures, each status
 * through the state machine's "import" step, claims, outcomes and the log's entries. Every way a new source comes
 * onto the ledger — a report read, a self-evaluation's problems — builds an ImportPlan in core and comes here.
 */
export async function writeNewSource(trx: Tx, plan: ImportPlan, ctx: NewSourceContext): Promise<ImportedSource & { id: number }> {
  const report = ctx.read?.report;
  const prefix = sourceCodePrefix(plan.kind, plan.year);
  const code = sourceCode(plan.kind, plan.year, await nextSourceSeq(trx, prefix));
  const { id: sourceId } = await insertSource(trx, {
    code,
    kind: plan.kind,
    title: plan.title,
    issuer: plan.issuer,
    round: plan.round,
    team: plan.team,
    inspected_unit: plan.inspectedUnit,
    owner_unit_id: await ownerOfNewSource(trx, ctx.ownerUnitId, plan.inspectedUnit, plan.issuer),
    period_start: plan.periodStart,
    period_end: plan.periodEnd,
    feedback_date: plan.feedbackDate,
    report_date: plan.reportDate,
    as_of: plan.asOf,
    document_id: ctx.read?.documentId ?? null,
    report_index: ctx.read?.index ?? null,
    report_lines: report?.lines ?? null,
    parsed: report ? JSON.stringify(report) : null,
    findings: JSON.stringify(report?.findings ?? ctx.findings ?? []),
  });

  const aspectIds = new Map<number, number>();
  if (plan.aspects.length) {
    const rows = await insertAspects(
      trx,
      plan.aspects.map((a) => ({ source_id: sourceId, ordinal: a.ordinal, title: a.title, line: a.line || null })),
    );
    for (const r of rows) aspectIds.set(r.ordinal, r.id);
  }

  // Each status as the source states it, through the state machine's "import" step before anything is written, dated
  // the day it held and recorded as taken from it by the person who imported it. A report itself is the basis of a
  // closed status — kept once, on the source — and no closure request or approval is invented for it.
  const flat = flatten(plan, code).map((f) => {
    const reason = ctx.reason(f.plan);
    const t = transition(initialState(f.plan.longTerm), { kind: 'import', status: reportedStatus(f.plan.status), from: reason });
    // a plan is made by core from statuses it knows: a refusal here is a bug, not a person's mistake
    if (!t.ok) throw new Error(`import of ${f.code}: the state machine refused ${f.plan.status}: ${t.error}`);
    return { ...f, status: t.state.status, reason };
  });
  // Problems level by level, so every child finds its parent's id.
  const unitIds = new Map<string, number>();
  for (const name of new Set(flat.flatMap((f) => (f.plan.leadUnit ? [f.plan.leadUnit] : []))))
    unitIds.set(name, await unitIdByName(trx, name, { forNewWork: false }));
  const ids = new Map<string, number>();
  for (let depth = 0; ; depth++) {
    const level = flat.filter((f) => f.depth === depth);
    if (level.length === 0) break;
    const written = await insertProblems(
      trx,
      level.map((f) => ({
        source_id: sourceId,
        aspect_id: aspectIds.get(f.aspectOrdinal) ?? null,
        parent_id: f.parentCode ? (ids.get(f.parentCode) ?? null) : null,
        code: f.code,
        ordinal: f.plan.ordinal,
        number: f.plan.number,
        title: f.plan.title,
        triage: f.plan.triage ?? (f.plan.longTerm ? 'long-term' : null),
        long_term: f.plan.longTerm,
        status: f.status,
        status_text: f.plan.statusText,
        status_untold: f.plan.untold ?? false,
        detail: f.plan.detail,
        progress: f.status === 'completed' ? 100 : 0,
        start_date: plan.feedbackDate,
        deadline: f.plan.deadline,
        lead_unit_id: f.plan.leadUnit ? (unitIds.get(f.plan.leadUnit) ?? null) : null,
        source_line: f.plan.line || null,
        last_progress_at: plan.statusDate,
      })),
    );
    for (const [code, id] of written) ids.set(code, id);
  }
  // every problem read is on the ledger, under its own code, or nothing is: a plan or a writer that drops or merges
  // problems (as numbering past 999 once did) refuses the import with the numbers instead of losing them quietly
  const read = report ? countProblems(report) : flat.length;
  if (ids.size !== read || flat.length !== read) throw new ImportMismatchError(plan.title, read, ids.size);
  const idOf = (f: FlatProblem) => ids.get(f.code) as number;

  const measures = flat.flatMap((f) =>
    f.plan.measures.map((m) => ({
      problem_id: idOf(f),
      ordinal: m.ordinal,
      text: m.text,
      source_line: m.line || null,
      status: f.status === 'completed' || f.status === 'not-started' ? f.status : ('in-progress' as const),
      progress: f.status === 'completed' ? 100 : 0,
    })),
  );
  await insertMeasures(trx, measures);

  const changes = flat.map((f) => ({
    problem_id: idOf(f),
    at: plan.statusDate,
    from_status: null,
    to_status: f.status,
    reason: f.reason,
    actor: ctx.actor,
    document_id: ctx.read?.documentId ?? null,
  }));
  await recordStatusChanges(trx, changes);

  const claims = plan.claims.map((c) => ({
    source_id: sourceId,
    metric: c.metric,
    value: String(c.value),
    scope: c.scope,
    line: c.line,
    text: c.text,
  }));
  await insertClaims(trx, claims);

  // An outcome belongs to the innermost problem whose lines hold it.
  const holder = (line: number) =>
    flat.filter((f) => line >= f.plan.line && line <= f.plan.lastLine).sort((a, b) => b.plan.line - a.plan.line)[0];
  const outcomes = plan.outcomes.map((o) => {
    const h = holder(o.line);
    return {
      source_id: sourceId,
      problem_id: h ? idOf(h) : null,
      kind: o.kind,
      money_kind: o.moneyKind,
      amount: o.amount,
      unit: o.unit,
      amount_wan: o.amountWan,
      title: o.title,
      edition: o.edition,
      action: o.action,
      people: o.people,
      count: o.count,
      at: plan.statusDate,
      line: o.line,
      counted: o.counted,
      note: o.note,
    };
  });
  await insertOutcomes(trx, outcomes);

  const events: NewEvent[] = [
    {
      actor: ctx.actor,
      entity: 'source',
      entityId: sourceId,
      action: 'import',
      after: { code, title: plan.title, kind: plan.kind, problems: flat.length },
    },
    ...flat.map((f) => ({
      actor: ctx.actor,
      entity: 'problem',
      entityId: idOf(f),
      action: 'import',
      after: { code: f.code, title: f.plan.title, status: f.status },
    })),
  ];
  await appendEvents(trx, events);
  return { id: sourceId, code, title: plan.title, problems: flat.filter((f) => f.parentCode === null).length };
}
