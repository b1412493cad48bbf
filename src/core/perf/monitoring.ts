// 绩效运行监控 ("双监控"): during the year, the budget's execution against the time elapsed and each indicator's
// progress against its value to reach, each with a colour, so a shortfall is caught while it can still be fixed.
// A yellow or red line must say why and what will be done. The thresholds are the finance office's to set; the
// defaults are those monitoring forms commonly use: behind by more than 10 percentage points is yellow, more than
// 20 is red.
import { percentOf, type Decimal } from '../money.ts';
import type { TargetTable } from './target-table.ts';
import { parseActual, parseTarget } from './targets.ts';

export type MonitorColour = 'green' | 'yellow' | 'red';
export const MONITOR_COLOUR_LABEL: Record<MonitorColour, string> = { green: '正常', yellow: '轻度偏差', red: '严重偏差' };

export interface MonitorThresholds {
  /** percentage points behind the expected progress that make a line yellow, and red */
  readonly yellow: number;
  readonly red: number;
}
export const DEFAULT_MONITOR_THRESHOLDS: MonitorThresholds = { yellow: 10, red: 20 };

/** What the unit reports at a monitoring point: money spent so far, each indicator's value so far, reasons. */
export interface MonitoringInput {
  /** the day the figures stand at */
  readonly asOf: string;
  /** 万元 spent by that day */
  readonly executed: Decimal | null;
  readonly indicators: readonly {
    readonly level3: string;
    /** the value reached so far, as written ("820人次", "96%"); for a qualitative target, whether it is on course */
    readonly reached: string;
    /** for a qualitative target: the unit's own judgement */
    readonly onCourse?: boolean | null | undefined;
    /** why a yellow or red line is behind, and what will be done */
    readonly reason?: string | null | undefined;
  }[];
}

export interface MonitoredLine {
  readonly label: string;
  /** percent of the year's target reached (or of the budget spent); null where no figure can be compared */
  readonly progress: number | null;
  /** percent of the year elapsed: what progress is expected by now */
  readonly expected: number;
  readonly colour: MonitorColour;
  readonly reason: string | null;
}

export interface MonitoringResult {
  readonly elapsed: number;
  readonly budget: MonitoredLine | null;
  readonly indicators: readonly MonitoredLine[];
  /** each yellow or red line without its reason, and each reported indicator the targets do not have */
  readonly refusals: readonly string[];
}

const DAY = 86_400_000;

/** The share of the year gone by the end of `asOf`, in percent. */
export function yearElapsed(asOf: string): number {
  const d = new Date(`${asOf}T00:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const end = Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  return Math.min(100, ((d.getTime() + DAY - start) / (end - start)) * 100);
}

function colourOf(progress: number | null, expected: number, t: MonitorThresholds, onCourse?: boolean | null): MonitorColour {
  if (progress === null) return onCourse === false ? 'red' : 'green';
  const behind = expected - progress;
  return behind > t.red ? 'red' : behind > t.yellow ? 'yellow' : 'green';
}

/**
 * A monitoring point read against the year's targets. A ceiling ("≤3000元", "不超过预算") is on course while it
 * holds, whatever the time; a count or a rate to reach is expected in proportion to the time elapsed.
 */
export function monitor(
  targets: TargetTable,
  input: MonitoringInput,
  thresholds: MonitorThresholds = DEFAULT_MONITOR_THRESHOLDS,
): MonitoringResult {
  const elapsed = yearElapsed(input.asOf);
  const refusals: string[] = [];
  const reported = new Map(input.indicators.map((i) => [i.level3.replace(/\s+/g, ''), i]));
  const line = (label: string, progress: number | null, expected: number, reason: string | null | undefined, onCourse?: boolean | null) => {
    const colour = colourOf(progress, expected, thresholds, onCourse);
    const why = reason?.trim() || null;
    if (colour !== 'green' && !why)
      refusals.push(
        `“${label}”${progress === null ? '未按进度推进' : `进度${progress.toFixed(1)}%，落后于应有的${expected.toFixed(1)}%`}：请说明原因和改进措施`,
      );
    return { label, progress, expected, colour, reason: why };
  };
  const budgetTotal = targets.budget?.total ?? null;
  const budget =
    budgetTotal !== null && input.executed !== null
      ? line('预算执行', percentOf(input.executed, budgetTotal), elapsed, input.indicators.find((i) => i.level3 === '预算执行')?.reason)
      : null;
  const indicators = targets.indicators.map((t) => {
    const r = reported.get(t.level3.replace(/\s+/g, ''));
    const target = parseTarget(t.target, t.level1.includes('成本'));
    const reached = r ? parseActual(r.reached) : null;
    // a line left blank says nothing: neither a value nor whether the work is on course
    if (!r || (!r.reached.trim() && (r.onCourse === null || r.onCourse === undefined))) {
      refusals.push(`请填写“${t.level3}”截至${input.asOf}的完成情况`);
      return { label: t.level3, progress: null, expected: elapsed, colour: 'yellow' as const, reason: null };
    }
    if (target.direction === 'qualitative' || target.value === null || reached?.value === null || reached === null)
      return line(t.level3, null, elapsed, r.reason, r.onCourse ?? null);
    if (target.direction === 'at-most')
      // a ceiling holds or it does not: over it now is as bad as it gets
      return line(t.level3, reached.value <= target.value ? elapsed : 0, elapsed, r.reason);
    // a rate ("≥95%") is reached or not at any time; a count grows through the year
    const rate = target.unit === '%' || target.unit === '‰';
    const progress = target.value === 0 ? 100 : (reached.value / target.value) * 100;
    return line(t.level3, Math.min(progress, 100), rate ? 100 : elapsed, r.reason);
  });
  for (const i of input.indicators)
    if (i.level3 !== '预算执行' && !targets.indicators.some((t) => t.level3.replace(/\s+/g, '') === i.level3.replace(/\s+/g, '')))
      refusals.push(`绩效目标中没有指标“${i.level3}”`);
  return { elapsed, budget, indicators, refusals };
}
