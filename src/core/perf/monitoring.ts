// 绩效运行监控 ("双监控"): during the year, the budget's execution against the time elapsed and each indicator's
// progress against its value to reach, each with a colour, so a shortfall is caught while it can still be fixed.
// A yellow or red line must say why and what will be done. The thresholds are the finance office's to set; the
// defaults are those monitoring forms commonly use: behind by more than 10 percentage points is yellow, more than
// 20 is red.
import { percentOf, type Decimal } from '../money.ts';
import type { TargetTable } from './target-table.ts';
import { inOneUnit, isCostIndicator, parseActual, parseTarget } from './targets.ts';

export type MonitorColour = 'green' | 'yellow' | 'red';
export const MONITOR_COLOUR_LABEL: Record<MonitorColour, string> = { green: '正常', yellow: '轻度偏差', red: '严重偏差' };

export interface MonitorThresholds {
  /** percentage points behind the expected progress that make a line yellow, and red */
  readonly yellow: number;
  readonly red: number;
}
export const DEFAULT_MONITOR_THRESHOLDS: MonitorThresholds = { yellow: 10, red: 20 };

/**
 * What the unit reports at a monitoring point: money spent so far and why it is behind (if it is), and for each
 * indicator of the targets, in their order, its value so far and the reason for a shortfall.
 */
export interface MonitoringInput {
  /** the day the figures stand at */
  readonly asOf: string;
  /** 万元 spent by that day */
  readonly executed: Decimal | null;
  /** why the spending is behind the time elapsed, and what will be done */
  readonly budgetReason?: string | null | undefined;
  /** one for each indicator of the targets, in the targets' order (two indicators may share a name) */
  readonly indicators: readonly {
    /** the indicator's name, as the targets have it: a check that the report and the targets are the same rows */
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
  /** each yellow or red line without its reason, each line left blank or not measurable against its target */
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
  /** `over`: how a ceiling was passed ("3100元，超过≤3000元"), said instead of a progress */
  const line = (
    label: string,
    progress: number | null,
    expected: number,
    reason: string | null | undefined,
    onCourse?: boolean | null,
    over?: string,
  ) => {
    const colour = colourOf(progress, expected, thresholds, onCourse);
    const why = reason?.trim() || null;
    const behind = progress === null ? '未按进度推进' : `进度${progress.toFixed(1)}%，落后于应有的${expected.toFixed(1)}%`;
    if (colour !== 'green' && !why) refusals.push(`“${label}”${over ?? behind}：请说明原因和改进措施`);
    return { label, progress, expected, colour, reason: why };
  };
  const budgetTotal = targets.budget?.total ?? null;
  const budget =
    budgetTotal !== null && input.executed !== null
      ? line('预算执行', percentOf(input.executed, budgetTotal), elapsed, input.budgetReason)
      : null;
  if (input.indicators.length !== targets.indicators.length)
    refusals.push(`报送了${input.indicators.length}项指标，绩效目标表有${targets.indicators.length}项：目标表可能已修改，请刷新后重新填报`);
  const asked = (label: string) => ({ label, progress: null, expected: elapsed, colour: 'yellow' as const, reason: null });
  const indicators = targets.indicators.map((t, k) => {
    const r = input.indicators[k];
    if (r && r.level3.replace(/\s+/g, '') !== t.level3.replace(/\s+/g, '')) {
      refusals.push(`第${k + 1}项指标应为“${t.level3}”，报送的是“${r.level3}”：目标表可能已修改，请刷新后重新填报`);
      return asked(t.level3);
    }
    // a line left blank says nothing: neither a value nor whether the work is on course
    if (!r || (!r.reached.trim() && (r.onCourse === null || r.onCourse === undefined))) {
      refusals.push(`请填写“${t.level3}”截至${input.asOf}的完成情况`);
      return asked(t.level3);
    }
    const target = parseTarget(t.target, isCostIndicator(t));
    if (target.direction === 'qualitative' || target.value === null) return line(t.level3, null, elapsed, r.reason, r.onCourse ?? null);
    // a figure to reach is watched by figures: "大部分已完成" against "≥1500人次" says nothing that can be measured
    const reached = parseActual(r.reached);
    if (reached.value === null) {
      refusals.push(
        `“${t.level3}”的年度指标值是${t.target}，请填写截至${input.asOf}达到的数值${target.unit ? `（单位：${target.unit}）` : ''}`,
      );
      return asked(t.level3);
    }
    // "3000亩" against "≥1.2万亩" is 25%; "3000户" against it cannot be compared
    const both = inOneUnit({ value: target.value, unit: target.unit }, { value: reached.value, unit: reached.unit }, true);
    if (!both) {
      refusals.push(`“${t.level3}”填写的“${r.reached}”与年度指标值“${t.target}”单位不同，请按“${target.unit ?? ''}”填写`);
      return asked(t.level3);
    }
    if (target.direction === 'at-most')
      // a ceiling holds or it does not: over it now is as bad as it gets
      return both.actual <= both.target
        ? line(t.level3, elapsed, elapsed, r.reason)
        : line(t.level3, 0, elapsed, r.reason, null, `${r.reached.trim()}，超过${t.target}`);
    // a rate ("≥95%") is reached or not at any time; a count grows through the year
    const rate = target.unit === '%' || target.unit === '‰';
    const progress = both.target === 0 ? 100 : (both.actual / both.target) * 100;
    return line(t.level3, Math.min(progress, 100), rate ? 100 : elapsed, r.reason);
  });
  return { elapsed, budget, indicators, refusals };
}
