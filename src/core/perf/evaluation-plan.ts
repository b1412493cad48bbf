// What a self-evaluation puts on the ledger, as the same plan a report's import makes: a source of kind
// self-evaluation with the problems its narrative names (with the measures it lists, paired in order; measures left
// over go with the last problem) and each indicator that fell short of its weight. All of them are still to be
// rectified by a deadline. Pure; services/ledger-writer/new-source.ts writes it.
import type { ImportPlan, PlannedProblem } from '../ledger/import-plan.ts';
import type { Evaluation } from './evaluation.ts';
import type { ScoredEvaluation } from './score-evaluation.ts';

const problem = (ordinal: number, title: string, detail: string | null, steps: readonly { text: string; line: number }[], line: number) =>
  ({
    ordinal,
    number: null,
    title,
    status: 'not-started',
    statusText: null,
    longTerm: false,
    triage: 'deadline',
    line,
    lastLine: line,
    measures: steps.map((m, k) => ({ ordinal: k + 1, text: m.text, line: m.line })),
    children: [],
    leadUnit: null,
    deadline: null,
    detail,
  }) satisfies PlannedProblem;

/** The indicators that fell short of their weight: each a problem to rectify. */
export const shortfalls = (scored: ScoredEvaluation) =>
  scored.indicators.filter((i) => i.weight !== null && i.score !== null && i.score < i.weight);

/** `today`: the day the problems are taken onto the ledger, which dates the source when the evaluation has no year. */
export function planFromEvaluation(e: Evaluation, scored: ScoredEvaluation, today: string): ImportPlan {
  const year = e.year ?? Number(today.slice(0, 4));
  const at = (x: { line?: number | null | undefined }) => x.line ?? 0;
  const named = e.problems.map((p, k) => {
    const last = k === e.problems.length - 1;
    const steps = last ? e.measures.slice(k) : e.measures.slice(k, k + 1);
    return problem(
      k + 1,
      p.text,
      null,
      steps.map((m) => ({ text: m.text, line: at(m) })),
      at(p),
    );
  });
  const short = shortfalls(scored).map((i, k) => {
    const deviation = e.indicators.find((x) => x.level3 === i.level3)?.deviation;
    const detail = `${i.level1}/${i.level2}：年度指标值${i.target}，实际完成值${i.actual}，得分${i.score}（分值${i.weight}）`;
    return problem(
      named.length + k + 1,
      `绩效指标“${i.level3}”未达成`,
      detail,
      deviation ? [{ text: deviation, line: 0 }] : [],
      i.line ?? 0,
    );
  });
  const aspects = [
    { ordinal: 1, title: '自评发现的问题', line: 0, problems: named },
    { ordinal: 2, title: '未达成的绩效指标', line: 0, problems: short },
  ].filter((a) => a.problems.length > 0);
  return {
    kind: 'self-evaluation',
    title: `${e.unit}${e.year ?? ''}年度预算绩效自评发现的问题`,
    issuer: e.unit,
    round: null,
    team: null,
    inspectedUnit: e.unit,
    periodStart: null,
    periodEnd: null,
    feedbackDate: null,
    reportDate: today,
    asOf: null,
    statusDate: today,
    year,
    aspects,
    claims: [],
    outcomes: [],
  };
}
