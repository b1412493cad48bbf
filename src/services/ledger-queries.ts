// Use cases that read the ledger: statistics as of a day, problem lists with their warning colours, one problem
// with its whole history, the sources, and how a source's stated figures compare with its ledger.
import { maskIdentifiers } from '../core/access/personal-data.ts';
import { problemsWaitingOnLeads } from '../store/lead.repository.ts';
import { claimDifferences, type ClaimDifference } from '../core/ledger/claim-differences.ts';
import { statistics, type Counts, type OutcomeRow, type StatusCell, type StatusCells, type Statistics } from '../core/ledger/statistics.ts';
import { ADDING_NUMBERS, coloursToday, countsToday, kept, keptSum, sharesOf, statusOnPastDays } from './source-tally.ts';
import type { WarningColour } from '../core/ledger/warning.ts';
import { reportedStatus, STATUS_LABEL, type LedgerStatus } from '../core/ledger/problem-state.ts';
import { REPORTED_STATUS_LABEL } from '../core/vocabulary.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import type { Db } from '../store/open-database.ts';
import type { Scope } from '../core/access/permissions.ts';
import { allUnits } from '../store/org.repository.ts';
import { countedOutcomes } from '../store/outcome.repository.ts';
import { colourOf } from '../store/problem-colour.ts';
import {
  aspectTitles,
  measureCountsBySource,
  measurePage,
  pageWindow,
  problemCountsBySource,
  problemPage,
  statusCounts,
  untoldCount,
  type MeasureFilter,
  type ProblemFilter,
  type ProblemSet,
} from '../store/problem-list.repository.ts';
import { problemHistory, problemInScope } from '../store/problem-record.repository.ts';
import { evidenceView } from '../core/ledger/evidence-file.ts';
import { assignmentText, earlier, linkedSubmissionText, type TimelineEntry } from '../core/ledger/timeline.ts';
import type { ProblemDetailAnswer } from '../core/contract/problem.ts';
import { NotFoundError } from '../core/errors.ts';
import { claimsOfSource, visibleSourceCodes, visibleSourceId, visibleSources } from '../store/source.repository.ts';
import type { z } from 'zod';
import type { problemItem } from '../core/contract/ledger.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { beijingDay } from '../core/ledger/dates.ts';

export interface StatsQuery {
  readonly source?: string | undefined; // source code
  readonly asOf?: string | undefined; // ISO day; default: today
  readonly today: string;
  /** count specific problems (children) instead of problems */
  readonly level?: 'problems' | 'specific';
  readonly scope: Scope;
}

/** The id of a source the viewer may see; NotFoundError otherwise. */
export async function sourceId(db: Db, code: string, scope: Scope): Promise<number> {
  const id = await visibleSourceId(db, code, scope);
  if (id === undefined) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  return id;
}

export async function ledgerStatistics(db: Db, q: StatsQuery): Promise<Statistics & { asOf: string }> {
  const asOf = q.asOf ?? q.today;
  const src = q.source ? await sourceId(db, q.source, q.scope) : null;
  const current = asOf >= q.today;
  // today's problems are counted from what is kept per source; another day's, or the specific problems', afresh
  const rows =
    current && q.level !== 'specific'
      ? await countsToday(db, { today: q.today, scope: q.scope, sourceId: src })
      : await statusCounts(db, { asOf, current, level: q.level, set: { scope: q.scope, sourceId: src } });
  // names for the ids the database grouped by
  const aspects = new Map((await aspectTitles(db, src)).map((a) => [a.id, src ? a.title : `${a.code} ${a.title}`]));
  const units = new Map((await allUnits(db)).map((u) => [u.id, u.name]));
  const cell = (r: (typeof rows)[number], key: string | null): StatusCell => ({
    key,
    status: r.status,
    pastDeadline: r.past,
    count: r.n,
  });
  const cells: StatusCells = {
    byAspect: rows.filter((r) => r.dim === 2).map((r) => cell(r, r.id === null ? null : (aspects.get(r.id) ?? null))),
    byUnit: rows.filter((r) => r.dim === 1).map((r) => cell(r, r.id === null ? null : (units.get(r.id) ?? null))),
    byTriage: rows.filter((r) => r.dim === 3).map((r) => cell(r, r.triage)),
  };
  const outcomes: OutcomeRow[] = (await countedOutcomes(db, { asOf, sourceId: src, scope: q.scope })).map((o) => ({
    kind: o.kind as OutcomeRow['kind'],
    moneyKind: o.money_kind,
    amountWan: o.amount_wan,
    people: o.people,
    count: o.count,
  }));
  return { asOf, ...statistics(cells, outcomes) };
}

/**
 * The dashboard's figures, within the viewer's scope: the statistics as of a day, each open problem's warning colour
 * counted, and — for one source — its published figures beside the ledger's.
 */
export async function dashboardStatistics(db: Db, q: Omit<StatsQuery, 'level'>) {
  const stats = await ledgerStatistics(db, q);
  const claims = q.source ? await sourceClaims(db, q.source, q.today, q.scope) : [];
  const colours = await colourCounts(db, { today: q.today, source: q.source, scope: q.scope });
  // of those being rectified, how many only because their report said nothing (today only: the mark has no history)
  const src = q.source ? await sourceId(db, q.source, q.scope) : null;
  const untold = stats.asOf >= q.today ? await untoldCount(db, { scope: q.scope, sourceId: src }) : null;
  return { ...stats, claims, colours, untold };
}

/** A source's stated overall figures beside what its ledger counts. */
export async function sourceClaims(db: Db, code: string, today: string, scope: Scope): Promise<ClaimDifference[]> {
  const id = await sourceId(db, code, scope);
  const claims = await claimsOfSource(db, id);
  // The report speaks of the whole source, so it is set beside the whole source's ledger, whoever asks: a viewer who
  // may see the source (checked above) sees how its figures hold, even where a unit sees only its own problems.
  const problems = await ledgerStatistics(db, { scope: FULL_SCOPE, source: code, today });
  const specific = await ledgerStatistics(db, { scope: FULL_SCOPE, source: code, today, level: 'specific' });
  return claimDifferences(claims, problems, specific, { problems: problems.byAspect, specific: specific.byAspect });
}

/** The code of the one source the ledger holds, for commands that may leave `--source` out. */
export async function soleSourceCode(db: Db, scope: Scope): Promise<string> {
  const codes = await visibleSourceCodes(db, scope, 6);
  if (codes.length === 1) return codes[0] as string;
  if (codes.length === 0) throw new NotFoundError('台账中还没有整改来源，请先导入');
  throw new NotFoundError(`台账中有多个整改来源（${codes.slice(0, 5).join('、')}${codes.length > 5 ? '等' : ''}），请用 --source 指定`);
}

/** The sources a viewer sees, each with how many of its top-level problems the viewer sees (counted as statistics are). */
export async function listSources(db: Db, scope: Scope, today: string) {
  // the same kept counts as the ledger page's total with no filter, taken source by source
  const shares = await sharesOf(db, scope, null);
  const q = { scope, today };
  const counts = await kept(db, { kind: problemsKind(q), shares, day: today, compute: problemsCounted(db, q), none: 0 });
  const counted = new Map(shares.list.map((s, i) => [s.source, counts[i] ?? 0]));
  return (await visibleSources(db, scope)).map(({ id, ...s }) => ({ ...s, problems: counted.get(id) ?? 0 }));
}

export type ProblemListQuery = ProblemFilter;

/** A row of the 问题清单: the contract's own shape (core/contract/ledger.ts), so the list and its answer are one. */
export type ProblemListItem = z.infer<typeof problemItem>;

/**
 * How a list's page is best read, from counts kept per source (services/source-tally.ts): how many rows the viewer's
 * filter picks (`total`), and whether to read down the index of the page's order testing each row as it comes
 * (`few`) or to find the viewer's rows first and sort them (`many`). Reading down the index passes about
 * all/seen rows for each row of the page, each cheap; finding the viewer's rows first touches every one of them,
 * about ten times dearer a row (a page of the table each, then the sort). A search, whose words are too many to keep
 * counts for, is counted with its page, its rows found first for a viewer who sees part of the ledger.
 */
async function pageReading(
  db: Db,
  q: { scope: Scope; source?: string | undefined; search?: string | undefined; today: string; limit?: number; offset?: number },
  kind: string,
  counted: (set: ProblemSet) => Promise<Map<number, number>>,
): Promise<{ total?: number; rows: 'few' | 'many' }> {
  if (q.search) return { rows: q.scope.kind === 'all' ? 'few' : 'many' };
  const src = q.source ? await visibleSourceId(db, q.source, q.scope) : null;
  if (src === undefined) return { total: 0, rows: 'few' };
  const figure = async (scope: Scope) => ({ kind, shares: await sharesOf(db, scope, src), day: q.today, compute: counted, none: 0 });
  const seen = (await keptSum(db, await figure(q.scope), ADDING_NUMBERS)).n;
  if (q.scope.kind === 'all') return { total: seen, rows: 'few' };
  const all = (await keptSum(db, await figure(FULL_SCOPE), ADDING_NUMBERS)).n;
  const w = pageWindow(seen, q.limit ?? 50, q.offset ?? 0);
  return { total: seen, rows: seen > 0 && (w.skip + w.take) * all < 10 * seen * seen ? 'few' : 'many' };
}

/** The kind of kept figure a problem filter's totals are: everything the filter asks but the source and the viewer. */
function problemsKind(q: Partial<ProblemListQuery>): string {
  const { status, unit, overdue, open, aspect, triage, supervised } = q;
  return `problems ${JSON.stringify({ status, unit, overdue, open, aspect, triage, supervised })}`;
}

const problemsCounted = (db: Db, q: ProblemListQuery) => (set: ProblemSet) => problemCountsBySource(db, q, set);

export async function listProblems(db: Db, q: ProblemListQuery): Promise<{ total: number; items: ProblemListItem[] }> {
  const { total, rows } = await problemPage(db, { ...q, ...(await pageReading(db, q, problemsKind(q), problemsCounted(db, q))) });
  return {
    total,
    items: rows.map((r) => ({
      code: r.code,
      // a list is read over shoulders and screenshotted: a number in a title is whole on the problem's own page
      title: maskIdentifiers(r.title),
      status: r.status,
      untold: r.status_untold,
      longTerm: r.long_term,
      triage: r.triage,
      deadline: r.deadline,
      leadUnit: r.unit,
      progress: r.progress,
      colour: colourOf(r, q.today, r.warning),
      source: r.source,
      aspect: r.aspect,
      leadLeader: r.lead_leader,
      responsiblePerson: r.responsible_person,
      cooperatingUnits: r.cooperating,
      supervisionCount: r.supervision_count,
      lastSupervision: r.last_supervision,
      version: r.version,
    })),
  };
}

export type MeasureListQuery = MeasureFilter;

/** 任务清单: every measure with its problem, owner and deadline; the total from counts kept per source, but a search's. */
export async function listMeasures(db: Db, q: MeasureListQuery & { readonly today: string }) {
  const kind = `measures ${JSON.stringify({ status: q.status, unit: q.unit })}`;
  const page = await measurePage(db, { ...q, ...(await pageReading(db, q, kind, (set) => measureCountsBySource(db, q, set))) });
  return {
    ...page,
    items: page.items.map((m) => ({ ...m, text: maskIdentifiers(m.text), problemTitle: maskIdentifiers(m.problemTitle) })),
  };
}

/** Completion over time: the statistics at the end of each of the last `months` months and today. */
export async function statisticsTrend(db: Db, q: { today: string; months: number; source?: string | undefined; scope: Scope }) {
  const days: string[] = [];
  const [y, m] = q.today.split('-').map(Number) as [number, number];
  for (let i = q.months; i >= 1; i--) {
    const d = new Date(Date.UTC(y, m - i, 0)); // last day of the month i-1 months before this one
    days.push(d.toISOString().slice(0, 10));
  }
  const src = q.source ? await sourceId(db, q.source, q.scope) : null;
  const past = await statusOnPastDays(db, { days, today: q.today, scope: q.scope, sourceId: src });
  const now = await ledgerStatistics(db, { today: q.today, source: q.source, scope: q.scope });
  const point = (day: string, s: Counts) => ({
    day,
    total: s.total,
    completed: s.completed,
    phased: s.phased,
    inProgress: s.inProgress,
    completionRate: s.completionRate,
  });
  // a past day's problems, counted by the same rule as today's (their deadline plays no part in these figures)
  const onDay = (day: string) =>
    statistics({
      byAspect: [],
      byUnit: [],
      byTriage: past.filter((p) => p.day === day).map((p) => ({ key: null, status: p.status, pastDeadline: false, count: p.n })),
    });
  return [...days.map((day) => point(day, onDay(day))), point(q.today, now)];
}

export async function problemDetail(db: Db, code: string, today: string, scope: Scope): Promise<ProblemDetailAnswer> {
  const p = await problemInScope(db, code, scope);
  if (!p) throw new NotFoundError(`没有编号为“${code}”的问题`);
  const id = p.id;
  const { children, measures, units, changes, progress, evidence, closures, extensions, supervision, lookbacks, outcomes, assigned } =
    await problemHistory(db, id);
  const day = (d: Date | string) => (d instanceof Date ? beijingDay(d) : d);
  const moment = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());
  const timeline: TimelineEntry[] = [
    ...changes.map((c) => ({
      at: c.at,
      time: moment(c.recorded_at),
      kind: 'status' as const,
      by: c.actor,
      // a status taken from a document says it as the document did ("已完成"): no closure was reviewed here to call it
      // "已销号"
      text: `${c.from_status ? STATUS_LABEL[c.from_status as LedgerStatus] : '—'} → ${
        c.document_id ? REPORTED_STATUS_LABEL[reportedStatus(c.to_status as LedgerStatus)] : STATUS_LABEL[c.to_status as LedgerStatus]
      }：${c.reason}`,
      ...(c.document_id && c.file_name ? { document: { id: c.document_id, fileName: c.file_name } } : {}),
    })),
    // who gave it a lead unit and a deadline, and when; which submissions of the public were linked to it
    ...assigned.map((e) => {
      const after = (e.after ?? {}) as { at?: string; detail?: Parameters<typeof assignmentText>[0]; submission?: string };
      return e.action === 'link-submission'
        ? {
            at: day(e.at),
            time: moment(e.at),
            kind: 'submission' as const,
            by: e.actor,
            text: linkedSubmissionText(after.submission ?? ''),
          }
        : {
            at: after.at ?? day(e.at),
            time: moment(e.at),
            kind: 'assignment' as const,
            by: e.actor,
            text: assignmentText(after.detail ?? {}),
          };
    }),
    ...progress.map((u) => ({
      at: u.at,
      time: moment(u.created_at),
      kind: 'progress' as const,
      by: u.reported_by,
      text: `${u.text}${u.progress !== null ? `（进度 ${u.progress}%）` : ''}`,
    })),
    ...evidence.map((e) => ({
      at: day(e.uploaded_at),
      time: moment(e.uploaded_at),
      kind: 'evidence' as const,
      by: e.uploaded_by,
      text: `上传佐证材料“${e.file_name}”`,
    })),
    ...closures.flatMap((c) => [
      {
        at: c.requested_at,
        time: moment(c.requested_recorded_at),
        kind: 'closure-request' as const,
        by: c.requested_by,
        text: `申请销号，佐证材料 ${c.evidence_ids.length} 份${c.note ? `：${c.note}` : ''}`,
      },
      ...(c.decision && c.decided_at
        ? [
            {
              at: c.decided_at,
              time: moment(c.decided_recorded_at),
              kind: 'closure-decision' as const,
              by: c.decided_by,
              text: c.decision === 'accepted' ? `同意销号${c.reason ? `：${c.reason}` : ''}` : `退回：${c.reason ?? ''}`,
            },
          ]
        : []),
    ]),
    ...extensions.flatMap((x) => [
      {
        at: x.requested_at,
        time: moment(x.requested_recorded_at),
        kind: 'extension-request' as const,
        by: x.requested_by,
        text: `申请延期至 ${x.new_deadline}：${x.reason}`,
      },
      ...(x.decision && x.decided_at
        ? [
            {
              at: x.decided_at,
              time: moment(x.decided_recorded_at),
              kind: 'extension-decision' as const,
              by: x.decided_by,
              text: `${x.decision === 'approved' ? '批准延期' : '不批准延期'}${x.decision_reason ? `：${x.decision_reason}` : ''}`,
            },
          ]
        : []),
    ]),
    ...supervision.map((s) => ({
      at: s.at,
      time: moment(s.recorded_at),
      kind: 'supervision' as const,
      by: s.by,
      text: `${SUPERVISION_LABEL[s.kind as SupervisionKind] ?? s.kind}${s.note ? `：${s.note}` : ''}`,
    })),
    ...lookbacks.map((l) => ({
      at: l.at,
      time: moment(l.recorded_at),
      kind: 'lookback' as const,
      by: l.by,
      text: `回头看：${l.result === 'consolidated' ? '巩固' : '反弹'}${l.note ? `，${l.note}` : ''}`,
    })),
  ].sort(earlier);
  return {
    problem: {
      code: p.code,
      title: p.title,
      number: p.number,
      source: { code: p.source_code, title: p.source_title },
      aspect: p.aspect,
      status: p.status as LedgerStatus,
      statusText: p.status_text,
      untold: p.status_untold,
      longTerm: p.long_term,
      triage: p.triage,
      progress: p.progress,
      deadline: p.deadline,
      startDate: p.start_date,
      target: p.target,
      amountDue: p.amount_due ? { amount: p.amount_due, unit: p.amount_unit } : null,
      leadUnit: p.lead_unit,
      leadLeader: p.lead_leader,
      responsiblePerson: p.responsible_person,
      cooperatingUnits: units.filter((c) => c.role === 'cooperating').map((c) => c.name),
      reopenedCount: p.reopened_count,
      version: p.version,
      colour: colourOf(p, today, p.warning),
      waitingOnLead: (await problemsWaitingOnLeads(db, [id])).has(id),
    },
    children,
    measures: measures.map((m) => ({ ordinal: m.ordinal, text: m.text, status: m.status, progress: m.progress, deadline: m.deadline })),
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      size: e.size,
      mime: e.mime,
      view: evidenceView(e.mime),
      uploadedBy: e.uploaded_by,
      uploadedAt: new Date(e.uploaded_at).toISOString(),
    })),
    // the document the present status was taken from, when it was taken from one (a report, a workbook): its basis
    basis: (() => {
      const last = changes[changes.length - 1];
      return last?.document_id && last.file_name ? { id: last.document_id, fileName: last.file_name } : null;
    })(),
    pendingClosure: closures.find((c) => c.decision === null)?.evidence_ids ?? null,
    pendingExtension: extensions.find((x) => x.decision === null)?.new_deadline ?? null,
    outcomes: outcomes.map((o) => ({
      kind: o.kind,
      moneyKind: o.money_kind,
      amount: o.amount,
      unit: o.unit,
      title: o.title,
      people: o.people,
      count: o.count,
      note: o.note,
    })),
    timeline,
  };
}

/** How many open problems show each warning colour today (the colour rule is core's; this only counts). */
export async function colourCounts(
  db: Db,
  q: { today: string; source?: string | undefined; scope: Scope },
): Promise<Record<WarningColour, number>> {
  const src = q.source ? await sourceId(db, q.source, q.scope) : null;
  return coloursToday(db, { today: q.today, scope: q.scope, sourceId: src });
}

/**
 * Counts the whole ledger's dashboard for a day once — its figures, trend, sources and lists' totals — so that the
 * first person of the day finds them kept: everyone who sees whole sources shares these counts. The server runs it at
 * start and when the day turns; a unit's own share is small and counted on its first visit.
 */
export async function countTheDay(db: Db, today: string): Promise<void> {
  // the embedded database answers on this thread: between the counts, requests that came meanwhile are answered,
  // rather than all of them waiting for the whole day to be counted
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  await dashboardStatistics(db, { today, scope: FULL_SCOPE });
  await turn();
  await statisticsTrend(db, { today, months: 6, scope: FULL_SCOPE });
  await turn();
  await listSources(db, FULL_SCOPE, today);
  await turn();
  await listProblems(db, { today, scope: FULL_SCOPE, limit: 1 });
  await turn();
  await listMeasures(db, { today, scope: FULL_SCOPE, limit: 1 });
}
