// Reporting cadence: 一日一推进 (daily), 一周一调度 (weekly, on a weekday), 半月一督办 (the 1st and 16th), 每月一通报
// (monthly, on a day), quarterly for phased long-term items. A report is due on each due day for the period since the
// due day before; an open item with no report in that period (the last one is on or before the earlier due day) has
// missed it.
import { fromDay, toDay } from '../ledger/dates.ts';

export type Cadence =
  | { readonly every: 'daily' }
  | { readonly every: 'weekly'; readonly weekday: number } // 1 = Monday … 7 = Sunday
  | { readonly every: 'half-monthly' }
  | { readonly every: 'monthly'; readonly day: number } // 1 … 28
  | { readonly every: 'quarterly' }; // the first day of each quarter

export const CADENCE_LABEL: Record<Cadence['every'], string> = {
  daily: '每日',
  weekly: '每周',
  'half-monthly': '每半月',
  monthly: '每月',
  quarterly: '每季度',
};

/** 1 = Monday … 7 = Sunday. (1970-01-01 was a Thursday.) */
export function weekday(day: string): number {
  return ((((toDay(day) + 3) % 7) + 7) % 7) + 1;
}

function isDue(c: Cadence, day: string): boolean {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  switch (c.every) {
    case 'daily':
      return true;
    case 'weekly':
      return weekday(day) === c.weekday;
    case 'half-monthly':
      return d === 1 || d === 16;
    case 'monthly':
      return d === c.day;
    case 'quarterly':
      return d === 1 && (m - 1) % 3 === 0;
  }
}

/**
 * The report period a day falls in: the latest due day on or before it, and the due day before that. A report made
 * after the earlier due day and by the later one is the report for that period.
 */
export function period(c: Cadence, day: string): { due: string; previous: string | null } | null {
  const due = lastDue(c, day);
  return due ? { due, previous: lastDue(c, fromDay(toDay(due) - 1)) } : null;
}

/** The latest due day on or before `day` (looking back at most a quarter and a bit), or null. */
export function lastDue(c: Cadence, day: string): string | null {
  const n = toDay(day);
  for (let k = 0; k <= 100; k++) if (isDue(c, fromDay(n - k))) return fromDay(n - k);
  return null;
}
