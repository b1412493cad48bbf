// Ranking units for the monthly 通报: by completion (items fully completed over all they lead), then timeliness
// (items completed by their deadline, or still open and not yet past it, over all), then fewer missed reports.
import { completionRate } from '../ledger/completion-rate.ts';
import type { LedgerStatus } from '../ledger/problem-state.ts';

export interface RankedItem {
  readonly unit: string | null;
  readonly status: LedgerStatus;
  readonly deadline: string | null;
  /** the day it was completed, if it was */
  readonly completedOn: string | null;
}

export interface UnitStanding {
  readonly rank: number;
  readonly unit: string;
  readonly total: number;
  readonly completed: number;
  readonly phased: number;
  readonly overdue: number;
  readonly onTime: number;
  readonly missedReports: number;
  /** percent, unrounded */
  readonly completionRate: number;
  readonly timelinessRate: number;
}

export const NO_UNIT = '（未明确牵头单位）';

export function rankUnits(
  items: readonly RankedItem[],
  day: string,
  missedReports: ReadonlyMap<string, number> = new Map(),
): UnitStanding[] {
  const by = new Map<string, RankedItem[]>();
  for (const i of items) by.set(i.unit ?? NO_UNIT, [...(by.get(i.unit ?? NO_UNIT) ?? []), i]);
  const rows = [...by].map(([unit, xs]) => {
    const completed = xs.filter((x) => x.status === 'completed').length;
    const overdue = xs.filter((x) => x.status !== 'completed' && x.status !== 'phased' && x.deadline !== null && x.deadline < day).length;
    const onTime = xs.filter((x) =>
      x.status === 'completed'
        ? x.deadline === null || (x.completedOn !== null && x.completedOn <= x.deadline)
        : x.status === 'phased' || x.deadline === null || x.deadline >= day,
    ).length;
    return {
      unit,
      total: xs.length,
      completed,
      phased: xs.filter((x) => x.status === 'phased').length,
      overdue,
      onTime,
      missedReports: missedReports.get(unit) ?? 0,
      completionRate: completionRate(completed, xs.length) ?? 0,
      timelinessRate: completionRate(onTime, xs.length) ?? 0,
    };
  });
  rows.sort(
    (a, b) =>
      b.completionRate - a.completionRate ||
      b.timelinessRate - a.timelinessRate ||
      a.missedReports - b.missedReports ||
      a.unit.localeCompare(b.unit, 'zh'),
  );
  // equal on every measure, equal in rank
  let rank = 0;
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    if (
      !prev ||
      prev.completionRate !== r.completionRate ||
      prev.timelinessRate !== r.timelinessRate ||
      prev.missedReports !== r.missedReports
    )
      rank = i + 1;
    return { rank, ...r };
  });
}
