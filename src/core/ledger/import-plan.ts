// What importing one parsed report puts on the ledger: its source, aspects, problems (with statuses and measures),
// claims kept as stated, and outcomes. Pure; services/ledger-writer/new-source.ts writes the plan in one transaction.
import type { Aspect, Claim, Problem, Report } from '../document/model.ts';
import { sourceKindOf, type SourceKind } from './codes.ts';
import { STATUS_LABEL, type LedgerStatus } from './problem-state.ts';
import { leastAdvanced } from '../document/status.ts';
import type { Triage } from './ledger-sheet.ts';
import type { MoneyKind } from '../vocabulary.ts';
import type { MoneyUnit } from '../money.ts';

export interface PlannedMeasure {
  readonly ordinal: number;
  readonly text: string;
  /** the line of the document it was read from, counted from 1; 0 where it came from a form or a workbook */
  readonly line: number;
}

/** What a person corrected of the reader's work before confirming an import: a problem found by its line. */
export interface Correction {
  readonly line: number;
  readonly title?: string | undefined;
  readonly status?: 'completed' | 'phased' | 'in-progress' | 'not-started' | undefined;
  readonly longTerm?: boolean | undefined;
  readonly leadUnit?: string | undefined;
  readonly deadline?: string | undefined;
  /**
   * The reader's nesting corrected: 'sub' puts a problem under the problem before it (as one of its specific
   * problems), 'problem' lifts a specific problem out to stand on its own, right after the one it was under.
   */
  readonly level?: 'problem' | 'sub' | undefined;
}

export interface PlannedProblem {
  readonly ordinal: number;
  readonly number: string | null;
  readonly title: string;
  readonly status: LedgerStatus;
  readonly statusText: string | null;
  readonly longTerm: boolean;
  /** the lines of the document it was read from, counted from 1; 0 where it came from a form or a workbook */
  readonly line: number;
  readonly lastLine: number;
  readonly measures: PlannedMeasure[];
  readonly children: PlannedProblem[];
  readonly leadUnit: string | null;
  readonly deadline: string | null;
  /** what the report says beside the problem: an audit report's area it is listed under */
  readonly detail: string | null;
  /** how it is to be rectified, when the source says (a report says only whether it is long-term) */
  readonly triage?: Triage;
  /** its report says nothing of its rectification: on the ledger as being rectified, and shown as not told */
  readonly untold?: boolean;
}

export interface PlannedOutcome {
  readonly kind: 'money' | 'institution' | 'accountability' | 'meeting';
  readonly moneyKind: MoneyKind | null;
  readonly amount: string | null;
  readonly unit: MoneyUnit | null;
  readonly amountWan: string | null;
  readonly title: string | null;
  readonly edition: string | null;
  readonly action: string | null;
  readonly people: number | null;
  readonly count: number | null;
  readonly line: number;
  /** counted in the sums: a report's own totals count, the details under its problems are kept beside them */
  readonly counted: boolean;
  readonly note: string;
}

export interface ImportPlan {
  readonly kind: SourceKind;
  readonly title: string;
  readonly issuer: string | null;
  readonly round: string | null;
  readonly team: string | null;
  readonly inspectedUnit: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly feedbackDate: string | null;
  readonly reportDate: string | null;
  readonly asOf: string | null;
  /** the day the imported statuses held: the report's as-of day, else its date, else the import day */
  readonly statusDate: string;
  readonly year: number;
  readonly aspects: { readonly ordinal: number; readonly title: string; readonly line: number; readonly problems: PlannedProblem[] }[];
  readonly claims: readonly Claim[];
  readonly outcomes: PlannedOutcome[];
}

/** The status text of a problem whose report says nothing of its rectification: shown, not guessed at. */
export const UNTOLD = '报告未写明整改情况，暂按正在整改';

/**
 * A problem's status on the ledger: as its report states it; where it does not, the least advanced of its specific
 * problems; where nothing is said at all, in progress (it was reported on, so work has begun) — its status text then
 * says the report does not tell, so nobody takes it for a reported status.
 */
function statusOf(p: Problem, children: readonly PlannedProblem[]): LedgerStatus {
  if (p.status !== 'unknown') return p.status;
  if (children.length > 0) return leastAdvanced(children.map((c) => c.status)) ?? 'in-progress';
  return 'in-progress';
}

function planProblem(p: Problem, ordinal: number): PlannedProblem {
  const children = p.children.map((c, i) => planProblem(c, i + 1));
  return {
    ordinal,
    number: p.number || null,
    title: p.title,
    status: statusOf(p, children),
    statusText: p.statusText ?? (p.status === 'unknown' && children.length === 0 ? UNTOLD : null),
    untold: p.status === 'unknown' && children.length === 0,
    longTerm: p.longTerm,
    line: p.line,
    lastLine: p.lastLine,
    measures: p.measures.map((m, i) => ({ ordinal: i + 1, text: m.text, line: m.line })),
    children,
    leadUnit: null,
    deadline: null,
    detail: p.area ? `所属审计事项：${p.area}` : null,
  };
}

/** A person's corrections win over what the reader made of the text. */
function corrected(p: PlannedProblem, byLine: ReadonlyMap<number, Correction>): PlannedProblem {
  const c = byLine.get(p.line);
  const children = p.children.map((x) => corrected(x, byLine));
  if (!c) return { ...p, children };
  return {
    ...p,
    children,
    ...(c.title?.trim() ? { title: c.title.trim() } : {}),
    ...(c.status ? { status: c.status, statusText: `导入时更正为“${STATUS_LABEL[c.status]}”` } : {}),
    ...(c.longTerm !== undefined ? { longTerm: c.longTerm } : {}),
    ...(c.leadUnit ? { leadUnit: c.leadUnit } : {}),
    ...(c.deadline ? { deadline: c.deadline } : {}),
  };
}

/**
 * The nesting as a person corrected it, within one aspect. A problem made a specific problem joins the one before it
 * (its own specific problems with it, on one level); a specific problem made a problem follows its former parent.
 * The first problem of an aspect has none before it and stays. Ordinals are counted again.
 */
function regrouped(problems: readonly PlannedProblem[], byLine: ReadonlyMap<number, Correction>): PlannedProblem[] {
  const out: PlannedProblem[] = [];
  for (const p of problems) {
    const lifted = p.children.filter((c) => byLine.get(c.line)?.level === 'problem');
    const kept = lifted.length ? { ...p, children: p.children.filter((c) => !lifted.includes(c)) } : p;
    const before = out[out.length - 1];
    if (byLine.get(p.line)?.level === 'sub' && before)
      out[out.length - 1] = {
        ...before,
        lastLine: Math.max(before.lastLine, kept.lastLine),
        children: [...before.children, { ...kept, children: [] }, ...kept.children],
      };
    else out.push(kept);
    out.push(...lifted);
  }
  return out.map((p, i) => ({ ...p, ordinal: i + 1, children: p.children.map((c, j) => ({ ...c, ordinal: j + 1 })) }));
}

/** 追回 → recovered; 上缴国库 → treasury; 退回/归还 → returned; 拨付/发放 → disbursed — the first verb of the sentence wins. */
export function moneyKindOf(sentence: string): MoneyKind {
  const verbs: [RegExp, MoneyKind][] = [
    [/上缴|缴入|缴回|上交国库|缴库/, 'treasury'],
    [/追回|收回|追缴|挽回/, 'recovered'],
    [/退回|归还|返还|退还|清退|归垫|退赔/, 'returned'],
    [/拨付|发放|支付/, 'disbursed'],
  ];
  let best: { at: number; kind: MoneyKind } | null = null;
  for (const [re, kind] of verbs) {
    const m = re.exec(sentence);
    if (m && (!best || m.index < best.at)) best = { at: m.index, kind };
  }
  return best?.kind ?? 'other';
}

function within(line: number, aspects: readonly Aspect[]): boolean {
  return aspects.some((a) => a.problems.some((p) => line >= p.line && line <= p.lastLine));
}

function planOutcomes(r: Report): PlannedOutcome[] {
  const out: PlannedOutcome[] = [];
  const base = {
    moneyKind: null,
    amount: null,
    unit: null,
    amountWan: null,
    title: null,
    edition: null,
    action: null,
    people: null,
    count: null,
  };
  const inProblem = (c: { line: number }) => within(c.line, r.aspects);
  // what the report says of itself counts, not what its problems' text says; and where it states a whole, not what
  // it states of a part or a category ("处理干部12人，其中党纪政务处分4人"): the whole already holds them
  const pick = (metric: Claim['metric']) => {
    const cs = r.claims.filter((c) => c.metric === metric);
    const totals = cs.filter((c) => !inProblem(c));
    const whole = totals.some((c) => c.scope === null);
    return cs.map((c) => ({ c, counted: (totals.length > 0 ? !inProblem(c) : true) && !(whole && c.scope !== null) }));
  };
  for (const { c, counted } of pick('money')) {
    const a = r.amounts.find((x) => x.line === c.line && x.wan === c.value);
    out.push({
      ...base,
      kind: 'money',
      moneyKind: moneyKindOf(c.text),
      amount: a?.value ?? (c.value as string),
      unit: a?.unit ?? '万元',
      amountWan: c.value as string,
      line: c.line,
      counted,
      note: c.text,
    });
  }
  for (const { c, counted } of pick('accountable'))
    out.push({ ...base, kind: 'accountability', people: c.value as number, line: c.line, counted, note: c.text });
  for (const { c, counted } of pick('meetings'))
    out.push({ ...base, kind: 'meeting', count: c.value as number, line: c.line, counted, note: c.text });
  const instTotals = r.claims.filter((c) => c.metric === 'institutions' && !inProblem(c));
  for (const c of r.claims.filter((x) => x.metric === 'institutions'))
    out.push({
      ...base,
      kind: 'institution',
      count: c.value as number,
      line: c.line,
      counted: instTotals.length > 0 && !inProblem(c),
      note: c.text,
    });
  for (const i of r.institutions)
    out.push({
      ...base,
      kind: 'institution',
      title: i.title,
      edition: i.edition,
      action: i.action,
      count: 1,
      line: i.line,
      counted: instTotals.length === 0,
      note: `${i.action}《${i.title}》`,
    });
  return out;
}

/**
 * A report whose overall figures name the status of the problems its items leave silent: "我镇己对巡察组反馈的14个问题
 * 全部整改到位" over 14 silent items; "已完成整改10个，基本完成2个" over 12 items of which the 2 basically done are
 * named. When the completed count equals the number of silent items, and none is already said to be completed,
 * the silent ones are those.
 */
function silentOnesCompleted(r: Report, aspects: ImportPlan['aspects']): ImportPlan['aspects'] {
  const top = aspects.flatMap((a) => a.problems);
  const parsed = r.aspects.flatMap((a) => a.problems);
  const silent = parsed.filter((p) => p.status === 'unknown');
  const whole = (metric: string) => r.claims.filter((c) => c.metric === metric && c.scope === null && !c.specific);
  const done = whole('completed')[0];
  if (!done || silent.length === 0 || done.value !== silent.length || parsed.some((p) => p.status === 'completed')) return aspects;
  // …and only where the items read are all the report's problems, the rest of them being exactly those it says are
  // under way: a reader that missed some items or misread their statuses must not close problems nobody said were done
  const total = whole('problems')[0];
  if (total && total.value !== parsed.length) return aspects;
  const others = [...whole('phased'), ...whole('in-progress')].reduce((n, c) => n + Number(c.value), 0);
  if (others !== parsed.length - silent.length) return aspects;
  const silentLines = new Set(silent.map((p) => p.line));
  const mark = (p: PlannedProblem): PlannedProblem => ({
    ...p,
    status: 'completed',
    untold: false,
    statusText: `报告称已完成整改${done.value}个（第${done.line}行）`,
    children: p.children.map(mark),
  });
  if (top.length !== parsed.length) return aspects;
  return aspects.map((a) => ({ ...a, problems: a.problems.map((p) => (silentLines.has(p.line) ? mark(p) : p)) }));
}

export function planImport(r: Report, today: string, corrections: readonly Correction[] = []): ImportPlan {
  const m = r.meta;
  const statusDate = m.asOf?.value.length === 10 ? m.asOf.value : (m.reportDate?.value ?? today);
  const dated = m.feedbackDate?.value ?? m.reportDate?.value ?? m.inspectionEnd?.value ?? today;
  return {
    kind: sourceKindOf(r.kind, m.title?.value ?? '', m.team?.value ?? null),
    title: m.title?.value ?? '（无标题）',
    issuer: m.issuer?.value ?? null,
    round: m.round?.value ?? null,
    team: m.team?.value ?? null,
    inspectedUnit: m.inspectedUnit?.value ?? null,
    periodStart: m.inspectionStart?.value ?? null,
    periodEnd: m.inspectionEnd?.value ?? null,
    feedbackDate: m.feedbackDate?.value ?? null,
    reportDate: m.reportDate?.value.length === 10 ? m.reportDate.value : null,
    asOf: m.asOf?.value.length === 10 ? m.asOf.value : null,
    statusDate,
    year: Number(dated.slice(0, 4)),
    aspects: silentOnesCompleted(
      r,
      r.aspects.map((a, i) => ({
        ordinal: i + 1,
        title: a.title,
        line: a.line,
        problems: a.problems.map((p, j) => planProblem(p, j + 1)),
      })),
    ).map((a) => {
      const byLine = new Map(corrections.map((c) => [c.line, c]));
      return { ...a, problems: regrouped(a.problems, byLine).map((p) => corrected(p, byLine)) };
    }),
    claims: r.claims,
    outcomes: planOutcomes(r),
  };
}
