// The warning colour of an item on a given day. Red: past its deadline. Yellow: behind its plan, or its last progress
// report is too old. Blue: the deadline is near. Green: on track. Completed items have none. Thresholds per source.
import { daysBetween } from './dates.ts';
import { isOpen, type LedgerStatus } from './problem-state.ts';

export type WarningColour = 'green' | 'blue' | 'yellow' | 'red';

export const COLOUR_LABEL: Record<WarningColour, string> = {
  green: '绿色（正常）',
  blue: '蓝色（临近时限）',
  yellow: '黄色（进度滞后）',
  red: '红色（已超期）',
};

export interface WarningThresholds {
  /** blue within this many days of the deadline */
  readonly nearDays: number;
  /** yellow when no progress was reported for this many days */
  readonly reportEveryDays: number;
  /** yellow when progress trails the straight line from start to deadline by more than this many points */
  readonly behindPoints: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = { nearDays: 7, reportEveryDays: 15, behindPoints: 20 };

export interface WarnedItem {
  readonly status: LedgerStatus;
  readonly deadline: string | null;
  readonly startDate: string | null;
  readonly progress: number;
  readonly lastProgressAt: string | null;
}

export function warningColour(item: WarnedItem, today: string, t: WarningThresholds = DEFAULT_THRESHOLDS): WarningColour | null {
  if (item.status === 'completed') return null;
  if (isOpen(item.status) && item.deadline && daysBetween(item.deadline, today) > 0) return 'red';
  const lastReport = item.lastProgressAt ?? item.startDate;
  if (lastReport && daysBetween(lastReport, today) > t.reportEveryDays) return 'yellow';
  if (isOpen(item.status) && item.deadline && item.startDate) {
    const span = daysBetween(item.startDate, item.deadline);
    const elapsed = daysBetween(item.startDate, today);
    if (span > 0 && elapsed > 0 && item.progress < (elapsed / span) * 100 - t.behindPoints) return 'yellow';
  }
  if (isOpen(item.status) && item.deadline && daysBetween(today, item.deadline) <= t.nearDays) return 'blue';
  return 'green';
}

/** A source's own thresholds over the defaults; anything that is not a sensible number of days or points is ignored. */
export function thresholdsOf(stored: unknown): WarningThresholds {
  const o = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const pick = (k: keyof WarningThresholds) => {
    const v = o[k];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3650 ? v : DEFAULT_THRESHOLDS[k];
  };
  return { nearDays: pick('nearDays'), reportEveryDays: pick('reportEveryDays'), behindPoints: pick('behindPoints') };
}
