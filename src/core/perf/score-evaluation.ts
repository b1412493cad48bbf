// A whole evaluation scored: the budget by its execution rate, each indicator by its rule at the unit's rounding,
// the total and the grade; beside them every finding — the table's own arithmetic (the same rules `zg check`
// applies to a read report), stated scores the rules do not give, indicators that cannot be scored, and weights
// that depart from the chosen scheme.
import { finding, type Finding } from '../check/finding.ts';
import { performanceArithmetic } from '../check/rules/performance.ts';
import type { Evaluation } from './evaluation.ts';
import {
  applyRounding,
  DEFAULT_BANDS,
  gradeOf,
  inferRounding,
  RULE_LABEL,
  roundingLabel,
  scoreBudget,
  scoreIndicator,
  type Grade,
  type GradeBands,
  type Rounding,
  type Rule,
} from './scoring.ts';
import { parseTarget, type Direction, type Target } from './targets.ts';

/** How the 100 points are shared out among the 一级指标 (and the budget's execution rate). */
export interface WeightScheme {
  readonly id: string;
  readonly name: string;
  /** where the scheme comes from */
  readonly source: string;
  readonly budget: number;
  readonly groups: readonly { readonly name: string; readonly includes: readonly string[]; readonly weight: number }[];
}

export const WEIGHT_SCHEMES: readonly WeightScheme[] = [
  {
    id: 'mof-2020',
    name: '预算执行率10、产出50、效益30、满意度10',
    source:
      '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）所附绩效自评表的说明：原则上预算执行率和一级指标权重统一设置为预算执行率10%、产出指标50%、效益指标30%、服务对象满意度指标10%；成本指标属于产出',
    budget: 10,
    groups: [
      { name: '产出指标（含成本指标）', includes: ['产出指标', '成本指标'], weight: 50 },
      { name: '效益指标', includes: ['效益指标'], weight: 30 },
      { name: '满意度指标', includes: ['满意度指标'], weight: 10 },
    ],
  },
  { id: 'none', name: '不核对权重方案', source: '单位自定', budget: 0, groups: [] },
];

export interface ScoreOptions {
  readonly rounding?: Rounding | undefined; // default: the rounding that reproduces most stated scores
  readonly bands?: GradeBands | undefined;
  readonly scheme?: string | undefined; // WEIGHT_SCHEMES id; default mof-2020
}

export interface ScoredIndicator {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly target: string;
  /** the target parsed: at least / at most a value in a unit, or qualitative */
  readonly parsed: Target;
  readonly direction: Direction;
  readonly actual: string;
  readonly weight: number | null;
  /** the engine's score */
  readonly score: number | null;
  /** the table's, when it states one */
  readonly stated: number | null;
  readonly rule: Rule;
  readonly line: number | null;
}

export interface ScoredEvaluation {
  readonly budget: {
    readonly rate: number | null;
    readonly weight: number | null;
    readonly score: number | null;
    readonly stated: number | null;
    readonly rule: 'execution-rate';
  } | null;
  readonly indicators: readonly ScoredIndicator[];
  readonly total: number;
  readonly weightTotal: number;
  readonly grade: Grade;
  readonly rounding: Rounding;
  readonly scheme: string;
  readonly findings: readonly Finding[];
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const fmt = (x: number) => String(Math.round(x * 100) / 100);

export function scoreEvaluation(e: Evaluation, opts: ScoreOptions = {}): ScoredEvaluation {
  const rounding = opts.rounding ?? inferRounding(e);
  const scheme = WEIGHT_SCHEMES.find((s) => s.id === (opts.scheme ?? 'mof-2020')) ?? (WEIGHT_SCHEMES[0] as WeightScheme);
  const findings: Finding[] = [...performanceArithmetic(e)];

  let budget: ScoredEvaluation['budget'] = null;
  if (e.budget) {
    const b = scoreBudget(e.budget);
    budget = {
      rate: b.rate,
      weight: e.budget.weight,
      // the indicators' rounding, unless the table states the execution's score exactly ("95.00%" of 10 is 9.5, where
      // its indicators are cut to whole points): a table may round the two apart
      score: b.raw === null ? null : e.budget.score !== null && same(b.raw, e.budget.score) ? b.raw : applyRounding(b.raw, rounding),
      stated: e.budget.score,
      rule: 'execution-rate',
    };
    if (budget.score !== null && e.budget.score !== null && !same(budget.score, e.budget.score))
      findings.push(
        finding(
          'score-vs-rule',
          'warning',
          `预算执行得分填为${e.budget.score}，按${RULE_LABEL['execution-rate']}应为${fmt(budget.score)}`,
          [e.budget.line],
          e.budget.score,
          budget.score,
        ),
      );
  }

  const indicators = e.indicators.map((i): ScoredIndicator => {
    // no weight, no score: the cell itself is the fault (table-cell when read, a required field when edited)
    if (i.weight === null)
      return {
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        target: i.target,
        parsed: parseTarget(i.target, /成本/.test(i.level1)),
        direction: parseTarget(i.target, /成本/.test(i.level1)).direction,
        actual: i.actual,
        weight: null,
        score: null,
        stated: i.score,
        rule: 'not-scorable',
        line: i.line ?? null,
      };
    const s = scoreIndicator(i);
    const score = s.raw === null ? null : applyRounding(s.raw, rounding);
    if (s.rule === 'not-scorable')
      findings.push(
        finding(
          'not-scorable',
          'warning',
          `指标“${i.level3}”无法计分：${i.actual.trim() ? `实际完成值“${i.actual}”与指标值“${i.target}”的计量单位不一致` : '未填写实际完成值'}`,
          [i.line],
        ),
      );
    // a stated score above its weight is already an error of its own (score-above-weight)
    else if (score !== null && i.score !== null && !same(score, i.score) && !(i.weight !== null && i.score > i.weight))
      findings.push(
        finding(
          'score-vs-rule',
          'warning',
          `指标“${i.level3}”得分填为${i.score}，按${RULE_LABEL[s.rule]}（${roundingLabel(rounding)}）应为${fmt(score)}`,
          [i.line],
          i.score,
          score,
        ),
      );
    return {
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      target: i.target,
      parsed: s.target,
      direction: s.target.direction,
      actual: i.actual,
      weight: i.weight,
      score,
      stated: i.score,
      rule: s.rule,
      line: i.line ?? null,
    };
  });

  for (const g of scheme.groups) {
    const members = e.indicators.filter((i) =>
      g.includes.some((name) => i.level1.replace(/\s+/g, '').startsWith(name.replace(/指标$/, ''))),
    );
    const sum = members.reduce((t, i) => t + (i.weight ?? 0), 0);
    if (members.length > 0 && !same(sum, g.weight))
      findings.push(
        finding(
          'weights-scheme',
          'warning',
          `${g.name}分值合计${fmt(sum)}，权重方案“${scheme.name}”为${g.weight}`,
          members.map((i) => i.line),
          sum,
          g.weight,
        ),
      );
  }
  if (scheme.groups.length && e.budget?.weight !== null && e.budget?.weight !== undefined && !same(e.budget.weight, scheme.budget))
    findings.push(
      finding(
        'weights-scheme',
        'warning',
        `预算执行率分值为${e.budget.weight}，权重方案“${scheme.name}”为${scheme.budget}`,
        [e.budget.line],
        e.budget.weight,
        scheme.budget,
      ),
    );

  const total = applyRounding((budget?.score ?? 0) + indicators.reduce((t, i) => t + (i.score ?? 0), 0), { mode: 'round', decimals: 2 });
  const weightTotal = (e.budget?.weight ?? 0) + e.indicators.reduce((t, i) => t + (i.weight ?? 0), 0);
  if (e.totals?.score !== null && e.totals?.score !== undefined && !same(total, e.totals.score))
    findings.push(
      finding(
        'total-vs-rules',
        'warning',
        `合计得分填为${e.totals.score}，按各项计分规则应为${fmt(total)}`,
        [e.totals.line],
        e.totals.score,
        total,
      ),
    );
  return {
    budget,
    indicators,
    total,
    weightTotal,
    grade: gradeOf(total, opts.bands ?? DEFAULT_BANDS),
    rounding,
    scheme: scheme.id,
    findings,
  };
}
