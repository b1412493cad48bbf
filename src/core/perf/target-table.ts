// The 绩效目标表 set at budget time: a unit's (or a project's) indicator tree with the value each indicator is to
// reach and, where the table gives them, its weight, beside the year's budget. Read by the same reader as a 自评表 (the
// same columns, without actual values and scores), refused cell by cell where it cannot be a target table, kept and
// approved; the year's self-evaluation starts from it, so the 自评表 is filled in, not typed again.
import type { Decimal } from '../money.ts';
import type { Evaluation } from './evaluation.ts';
import { parseTarget } from './targets.ts';

export interface TargetIndicator {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  /** the value to reach, as written: "≥95%", "190件", "提高" */
  readonly target: string;
  readonly weight: number | null;
  readonly line?: number | null | undefined;
}

export interface TargetTable {
  readonly unit: string;
  readonly year: number | null;
  /** the budget the targets go with (万元): the year's total, and the weight of its execution when the table gives one */
  readonly budget: { readonly total: Decimal | null; readonly weight: number | null } | null;
  readonly indicators: readonly TargetIndicator[];
}

/** A year's weights come to 100: the indicators' alone, or with the 10 of the budget's execution rate beside them. */
const FULL = 100;
const BUDGET_WEIGHT = 10;

/** The weight of the budget's execution rate: the table's own, else the 10 the indicators leave for it, else none. */
function budgetWeight(t: TargetTable): number | null {
  if (t.budget?.weight !== null && t.budget?.weight !== undefined) return t.budget.weight;
  const sum = t.indicators.reduce((s, i) => s + (i.weight ?? 0), 0);
  return Math.abs(sum - (FULL - BUDGET_WEIGHT)) < 1e-6 ? BUDGET_WEIGHT : null;
}

/** A table read by the 自评表 reader, as targets: its indicators' values to reach and weights, its budget. */
export function targetTableOf(e: Evaluation): TargetTable {
  return {
    unit: e.unit,
    year: e.year,
    budget: e.budget ? { total: e.budget.adjusted ?? e.budget.initial, weight: e.budget.weight } : null,
    indicators: e.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      target: i.target,
      weight: i.weight,
      line: i.line ?? null,
    })),
  };
}

/**
 * Why a table cannot be kept as the year's targets, each reason naming its row: an indicator without its value to
 * reach, a weight on some rows and not on others, weights that do not come to 100, an indicator twice. Empty when it can.
 */
export function targetTableRefusals(t: TargetTable, where: (line: number | null | undefined, k: number) => string): string[] {
  const out: string[] = [];
  if (t.indicators.length === 0) out.push('表中没有绩效指标：应有一行表头写明“一级指标、二级指标、三级指标、指标值”');
  const seen = new Map<string, number>();
  t.indicators.forEach((i, k) => {
    const at = where(i.line, k);
    if (!i.target.trim()) out.push(`${at}：指标“${i.level3}”没有填写指标值`);
    if (!i.level1.trim() || !i.level2.trim()) out.push(`${at}：指标“${i.level3}”缺少一级或二级指标`);
    const key = `${i.level1}/${i.level2}/${i.level3}`;
    if (seen.has(key)) out.push(`${at}：指标“${i.level3}”与第 ${(seen.get(key) as number) + 1} 项重复`);
    else seen.set(key, k);
    // a value to reach with a number is compared with the year's actual value later: its direction must be readable
    if (i.target.trim() && parseTarget(i.target).direction === 'qualitative' && /\d/.test(i.target) && !/\d{4}年/.test(i.target))
      out.push(`${at}：指标值“${i.target}”含数字但读不出是“不低于”还是“不超过”，请写作“≥95%”“不超过5%”等`);
  });
  const weighted = t.indicators.filter((i) => i.weight !== null);
  if (weighted.length > 0 && weighted.length < t.indicators.length)
    t.indicators.forEach((i, k) => {
      if (i.weight === null) out.push(`${where(i.line, k)}：指标“${i.level3}”没有分值（其他指标填了分值）`);
    });
  if (weighted.length === t.indicators.length && weighted.length > 0) {
    const sum = weighted.reduce((s, i) => s + (i.weight as number), 0);
    const total = sum + (budgetWeight(t) ?? 0);
    if (Math.abs(total - FULL) > 1e-6)
      out.push(
        `各项指标分值之和为 ${Math.round(sum * 100) / 100}，应为 ${FULL}（或 ${FULL - BUDGET_WEIGHT}，另 ${BUDGET_WEIGHT} 分为预算执行率）`,
      );
  }
  return out;
}

/** A monitoring point's reading, as far as the year's evaluation needs it: its label and each line's reason. */
export interface MonitoredPoint {
  readonly label: string;
  readonly lines: readonly { readonly label: string; readonly colour: string; readonly reason: string | null }[];
}

/**
 * The year's self-evaluation as it starts: every indicator with its value to reach and weight, nothing done yet —
 * and, for an indicator the year's monitoring found behind, the reason last given (the latest point first), so the
 * 偏差原因 is written from what the unit said during the year rather than from memory.
 */
export function evaluationFromTargets(t: TargetTable, monitoring: readonly MonitoredPoint[] = []): Evaluation {
  const reasonOf = (level3: string) => {
    for (const p of [...monitoring].reverse()) {
      const l = p.lines.find((x) => x.label === level3 && x.colour !== 'green' && x.reason);
      if (l) return `${p.label}监控：${l.reason}`;
    }
    return null;
  };
  return {
    unit: t.unit,
    year: t.year,
    budget:
      t.budget || budgetWeight(t) !== null
        ? { initial: t.budget?.total ?? null, executed: null, weight: budgetWeight(t), rate: null, score: null }
        : null,
    funding: [],
    spending: [],
    staffing: null,
    indicators: t.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      target: i.target,
      actual: '',
      weight: i.weight,
      score: null,
      deviation: reasonOf(i.level3),
    })),
    basics: [],
    totals: null,
    problems: [],
    measures: [],
  };
}
