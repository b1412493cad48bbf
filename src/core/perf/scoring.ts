// Scoring a self-evaluation. Every score comes from a named rule:
// - `execution-rate`: the budget's score is its weight × the execution rate (全年执行数 ÷ 全年预算数, else ÷ 年初预算数),
//   the rate counted at most 100%.
// - `proportional`: a quantitative "at least" target scores weight × actual ÷ target, at most the weight.
// - `proportional-reversed`: an "at most" target (a ceiling, a cost) scores the full weight when the actual stays
//   within it, else weight × target ÷ actual.
// - `qualitative-met` / `qualitative-not-met`: a qualitative target scores the full weight when the actual says it
//   was met (the same words, or 完成/达到/实现 without 未), else nothing.
// - `not-scorable`: no actual, or an actual in another unit than its target: no score, and a finding says why.
// These are the rules of the Ministry of Finance's self-evaluation tables (财预〔2020〕10号《项目支出绩效评价管理办
// 法》and its 绩效自评表 notes: positive quantitative indicators by actual ÷ target, negative ones by target ÷ actual).
// Rounding is the unit's own: seed 003 truncates to whole points (99% of a 5-point target gives 4, 95 of 96 on a
// 10-point one gives 9); "one point off per percentage point short" fits seed 003 as well, but is written nowhere,
// while proportional scoring is the published rule — so proportional it is, with truncation as the rounding.
import type { Evaluation, EvaluationIndicator } from './evaluation.ts';
import { inOneUnit, isCostIndicator, parseActual, parseTarget, type Target } from './targets.ts';
import { percentOf } from '../money.ts';

export interface Rounding {
  readonly mode: 'floor' | 'round';
  readonly decimals: 0 | 1 | 2;
}

export const ROUNDINGS: readonly Rounding[] = [
  { mode: 'round', decimals: 2 },
  { mode: 'floor', decimals: 0 },
  { mode: 'round', decimals: 0 },
  { mode: 'round', decimals: 1 },
  { mode: 'floor', decimals: 1 },
  { mode: 'floor', decimals: 2 },
];

export function applyRounding(x: number, r: Rounding): number {
  const scale = 10 ** r.decimals;
  const v = r.mode === 'floor' ? Math.floor(x * scale + 1e-9) / scale : Math.round(x * scale + 1e-9) / scale;
  return Object.is(v, -0) ? 0 : v;
}

export const roundingLabel = (r: Rounding) =>
  `${r.mode === 'floor' ? '截断' : '四舍五入'}到${r.decimals === 0 ? '整数' : `${r.decimals}位小数`}`;

export type Rule = 'execution-rate' | 'proportional' | 'proportional-reversed' | 'qualitative-met' | 'qualitative-not-met' | 'not-scorable';

export const RULE_LABEL: Record<Rule, string> = {
  'execution-rate': '预算执行率×分值（执行率超过100%按100%计）',
  proportional: '实际值÷指标值×分值（正向指标，不超过分值）',
  'proportional-reversed': '指标值÷实际值×分值（反向指标，未超过指标值得满分）',
  'qualitative-met': '定性指标达成，得满分',
  'qualitative-not-met': '定性指标未达成，不得分',
  'not-scorable': '无法计分（缺少实际完成值或计量单位不一致）',
};

export interface IndicatorScore {
  readonly score: number | null;
  readonly rule: Rule;
  readonly target: Target;
}

const NOT_MET = /未|没有|不足|不到|未能|否|差/;
const MET = /完成|达到|达成|实现|是|有效|合格|满足|良好/;
const norm = (s: string) => s.replace(/\s+/g, '').replace(/[。；;，,]$/, '');

/** One indicator's score by its rule, before rounding is applied. */
export function scoreIndicator(
  i: Pick<EvaluationIndicator, 'level1' | 'target' | 'actual' | 'weight'> & { readonly level2?: string | undefined },
): {
  raw: number | null;
  rule: Rule;
  target: Target;
} {
  const target = parseTarget(i.target, isCostIndicator(i));
  const weight = i.weight ?? 0;
  const actual = parseActual(i.actual);
  if (actual.text === '') return { raw: null, rule: 'not-scorable', target };
  if (target.direction === 'qualitative') {
    const met = norm(actual.text) === norm(target.text) || (MET.test(actual.text) && !NOT_MET.test(actual.text));
    return met ? { raw: weight, rule: 'qualitative-met', target } : { raw: 0, rule: 'qualitative-not-met', target };
  }
  // "1.25万亩" against "≥1.2万亩" or "12500亩"; not "1250户" against "亩", nor a bare figure against a unit
  const both =
    actual.value === null
      ? null
      : inOneUnit({ value: target.value as number, unit: target.unit }, { value: actual.value, unit: actual.unit });
  if (both === null) return { raw: null, rule: 'not-scorable', target };
  const t = both.target;
  const a = both.actual;
  if (target.direction === 'at-least') {
    if (t <= 0) return { raw: weight, rule: 'proportional', target };
    return { raw: weight * Math.max(0, Math.min(1, a / t)), rule: 'proportional', target };
  }
  if (a <= t) return { raw: weight, rule: 'proportional-reversed', target };
  return { raw: t <= 0 ? 0 : weight * Math.max(0, Math.min(1, t / a)), rule: 'proportional-reversed', target };
}

/** The budget's execution rate (percent, unrounded) and its score before rounding. */
export function scoreBudget(b: NonNullable<Evaluation['budget']>): { rate: number | null; raw: number | null } {
  const base = b.adjusted ?? b.initial;
  if (base === null || b.executed === null) return { rate: null, raw: null };
  const rate = percentOf(b.executed, base);
  // no budget, or one of next to nothing (a typing slip: 0.0000001), gives no rate anyone could use
  if (rate === null || !Number.isFinite(rate)) return { rate: null, raw: null };
  return { rate, raw: b.weight === null ? null : (b.weight * Math.min(100, Math.max(0, rate))) / 100 };
}

/** The rounding that reproduces most of the stated scores; ties go to the earlier in ROUNDINGS (two decimals first). */
export function inferRounding(e: Evaluation): Rounding {
  const stated = e.indicators.filter((i) => i.score !== null).map((i) => ({ stated: i.score as number, raw: scoreIndicator(i).raw }));
  let best = ROUNDINGS[0] as Rounding;
  let bestHits = -1;
  for (const r of ROUNDINGS) {
    const hits = stated.filter((s) => s.raw !== null && Math.abs(applyRounding(s.raw, r) - s.stated) < 1e-9).length;
    if (hits > bestHits) {
      best = r;
      bestHits = hits;
    }
  }
  return best;
}

export interface GradeBands {
  /** lowest total for 优, 良, 中; below 中 is 差 */
  readonly excellent: number;
  readonly good: number;
  readonly pass: number;
}

/** 财预〔2020〕10号 第二十八条: 90（含）以上为优，80（含）至90为良，60（含）至80为中，60以下为差. */
export const DEFAULT_BANDS: GradeBands = { excellent: 90, good: 80, pass: 60 };

export type Grade = '优' | '良' | '中' | '差';
export function gradeOf(total: number, bands: GradeBands = DEFAULT_BANDS): Grade {
  return total >= bands.excellent ? '优' : total >= bands.good ? '良' : total >= bands.pass ? '中' : '差';
}
