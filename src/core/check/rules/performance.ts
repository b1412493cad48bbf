// A self-evaluation's own arithmetic: scores within weights, totals, shortfalls explained, stated rates supported.

import { finding, type Finding } from '../finding.ts';
import type { PerformanceFacts } from '../../perf/evaluation.ts';
import { addDecimals, compareDecimals, percentOf, type Decimal } from '../../money.ts';

const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;
const same = (a: number, b: number) => Math.abs(a - b) < 0.005;
const negated = (a: Decimal) => (a.startsWith('-') ? a.slice(1) : `-${a}`);
/** Two amounts the same to the cent a table writes (万元 to two places), compared exactly. */
const sameAmount = (a: Decimal, b: Decimal) => {
  const d = addDecimals([a, negated(b)]);
  return compareDecimals(d.replace(/^-/, ''), '0.005') < 0;
};

export function performanceArithmetic(p: PerformanceFacts): Finding[] {
  const out: Finding[] = [];
  for (const i of p.indicators) {
    if (i.weight !== null && i.score !== null && i.score > i.weight)
      out.push(finding('score-above-weight', 'error', `指标“${i.level3}”得分${i.score}高于分值${i.weight}`, [i.line], i.score, i.weight));
    if (i.weight !== null && i.score !== null && i.score < i.weight && !i.deviation)
      out.push(
        finding(
          'shortfall-without-reason',
          'warning',
          `指标“${i.level3}”得分${i.score}低于分值${i.weight}，未填写偏差原因分析及改进措施`,
          [i.line],
          i.score,
          i.weight,
        ),
      );
  }
  const b = p.budget;
  if (p.totals && p.indicators.length > 0) {
    const w = p.indicators.reduce((s, i) => s + (i.weight ?? 0), 0) + (b?.weight ?? 0);
    const sc = p.indicators.reduce((s, i) => s + (i.score ?? 0), 0) + (b?.score ?? 0);
    // a row whose figure is missing makes the sum unknown, not smaller: a blank is not a zero
    const allWeights = p.indicators.every((i) => i.weight !== null);
    const allScores = p.indicators.every((i) => i.score !== null);
    if (p.totals.weight !== null && allWeights && !same(w, p.totals.weight))
      out.push(
        finding(
          'weights-total',
          'error',
          `各项分值之和为${round2(w)}，与合计${p.totals.weight}不符`,
          [p.totals.line],
          p.totals.weight,
          round2(w),
        ),
      );
    if (p.totals.score !== null && allScores && !same(sc, p.totals.score))
      out.push(
        finding(
          'scores-total',
          'error',
          `各项得分之和为${round2(sc)}，与合计${p.totals.score}不符`,
          [p.totals.line],
          p.totals.score,
          round2(sc),
        ),
      );
  }
  const base = b?.adjusted ?? b?.initial;
  const baseName = b?.adjusted ? '全年预算数' : '年初预算数';
  const rate = b && base != null && b.executed !== null ? percentOf(b.executed, base) : null;
  if (b && rate !== null && b.rate !== null) {
    const computed = round2(rate);
    if (Number.isFinite(computed) && !same(computed, b.rate)) {
      const capped = b.rate === 100 && computed > 100;
      out.push(
        finding(
          'execution-rate',
          capped ? 'warning' : 'error',
          capped
            ? `预算执行率填为${b.rate}%，按全年执行数${b.executed}÷${baseName}${base}计算为${computed}%（超过100%，疑按100%封顶填报，表中未说明）`
            : `预算执行率填为${b.rate}%，按全年执行数${b.executed}÷${baseName}${base}计算为${computed}%`,
          [b.line],
          b.rate,
          computed,
        ),
      );
    }
  }
  const s = p.staffing;
  if (s && s.controlRate !== null && s.authorized && s.actual !== null) {
    const computed = round2((s.actual / s.authorized) * 100);
    if (Number.isFinite(computed) && !same(computed, s.controlRate))
      out.push(
        finding(
          'control-rate',
          'error',
          `人员控制率填为${s.controlRate}%，按实际在职人数${s.actual}÷编制数${s.authorized}计算为${computed}%`,
          [s.line],
          s.controlRate,
          computed,
        ),
      );
  }
  // "年度资金总额: 0 0 0" above "其中:本年财政拨款 90 89.974 89.974": a part cannot exceed its whole. A funding row
  // may give the initial or the executed amount, so it is compared with the largest the total row states.
  const stated = b ? [b.initial, b.adjusted, b.executed].filter((v): v is Decimal => v != null) : [];
  const whole = stated.reduce<Decimal | null>((m, v) => (m === null || compareDecimals(v, m) > 0 ? v : m), null);
  for (const f of p.funding)
    if (b && whole !== null && compareDecimals(f.amount, whole) > 0 && !sameAmount(f.amount, whole))
      out.push(
        finding(
          'funding-exceeds-total',
          'error',
          `其中“${f.source}”${f.amount}万元，大于年度资金总额${whole}万元`,
          [b.line, f.line].filter((l, i, all) => all.indexOf(l) === i),
          whole,
          f.amount,
        ),
      );
  if (b && b.executed !== null && p.funding.length >= 2) {
    const sum = addDecimals(p.funding.map((f) => f.amount));
    if (!sameAmount(sum, b.executed) && !(b.initial !== null && sameAmount(sum, b.initial)))
      out.push(
        finding(
          'funding-sum',
          'error',
          `按收入性质分列的资金之和为${sum}万元，与全年执行数${b.executed}万元不符${b.initial !== null ? `，也不等于年初预算数${b.initial}万元` : ''}`,
          [b.line, ...p.funding.map((f) => f.line)],
          b.executed,
          sum,
        ),
      );
  }
  if (b && b.executed !== null && p.spending.length >= 2) {
    const sum = addDecimals(p.spending.map((f) => f.amount));
    if (!sameAmount(sum, b.executed))
      out.push(
        finding(
          'spending-sum',
          'error',
          `按支出性质分列的支出之和为${sum}万元，与全年执行数${b.executed}万元不符`,
          [b.line, ...p.spending.map((f) => f.line)],
          b.executed,
          sum,
        ),
      );
  }
  return out;
}

/** Cells that cannot be what their column says, one finding each: the table cannot be scored until they are fixed. */
export function tableCells(p: { readonly faults: readonly { line: number; column: string; text: string; reason: string }[] }): Finding[] {
  return p.faults.map((f) => finding('table-cell', 'error', `${f.reason}${f.text ? `，实为“${f.text}”` : ''}`, [f.line], f.text, null));
}
