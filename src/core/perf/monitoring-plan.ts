// When a year's 绩效运行监控 reports are due and what the daily supervision run says about them. The finance office
// sets the cadence for each approved 绩效目标表 — monthly, quarterly or once at mid-year — and how many days after
// a monitoring point the report is due. The run then works as it does for rectification: a reminder when the point
// is reached, a notice once the report is late, the ladder (督办单 → 挂牌督办 → 约谈) climbed by days late, one rung
// a day, and word of every report that shows a yellow or red deviation. Every notice carries a key made of what it
// is about, so the same run twice creates nothing new.
import { daysBetween, fromDay, toDay } from '../ledger/dates.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../ledger/supervision.ts';
import type { SupervisionPolicy } from '../supervision/policy.ts';
import type { MonitorColour, MonitoredLine } from './monitoring.ts';

export type MonitorCadence = 'monthly' | 'quarterly' | 'mid-year';
export const MONITOR_CADENCE_LABEL: Record<MonitorCadence, string> = {
  monthly: '每月',
  quarterly: '每季度',
  'mid-year': '年中（6月30日）',
};

export interface MonitoringSettings {
  readonly cadence: MonitorCadence;
  /** days after the monitoring point by which the report is due (每月10日前报送上月情况) */
  readonly dueDays: number;
  readonly yellow: number;
  readonly red: number;
}
export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = { cadence: 'mid-year', dueDays: 10, yellow: 10, red: 20 };

export interface MonitoringPeriod {
  /** "2025-06": the month the point closes */
  readonly period: string;
  /** the monitoring point: the figures stand as at the end of this day */
  readonly asOf: string;
  /** the last day the report may come in */
  readonly due: string;
  readonly label: string;
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The year's monitoring points. December has none: the year's end is the self-evaluation's. Monthly points run
 * January to November, quarterly March, June and September, mid-year is June alone.
 */
export function monitoringPeriods(year: number, s: Pick<MonitoringSettings, 'cadence' | 'dueDays'>): MonitoringPeriod[] {
  const months = s.cadence === 'monthly' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] : s.cadence === 'quarterly' ? [3, 6, 9] : [6];
  return months.map((m) => {
    const asOf = lastDayOf(year, m);
    return {
      period: asOf.slice(0, 7),
      asOf,
      due: fromDay(toDay(asOf) + s.dueDays),
      label: `截至${year}年${m}月${Number(asOf.slice(8))}日`,
    };
  });
}

/** Settings as stored, possibly partial: out-of-range values fall back to the defaults. */
export function monitoringSettingsOf(stored: Partial<Record<keyof MonitoringSettings, unknown>>): MonitoringSettings {
  const d = DEFAULT_MONITORING_SETTINGS;
  const num = (v: unknown, lo: number, hi: number, dflt: number) => (typeof v === 'number' && v >= lo && v <= hi ? v : dflt);
  const cadence =
    stored.cadence === 'monthly' || stored.cadence === 'quarterly' || stored.cadence === 'mid-year' ? stored.cadence : d.cadence;
  const yellow = num(stored.yellow, 1, 100, d.yellow);
  return {
    cadence,
    dueDays: Math.round(num(stored.dueDays, 0, 60, d.dueDays)),
    yellow,
    red: num(stored.red, yellow, 100, Math.max(d.red, yellow)),
  };
}

/** Why settings the office typed cannot be kept, in its words; empty when they can. */
export function monitoringSettingsRefusals(s: MonitoringSettings): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.dueDays) || s.dueDays < 0 || s.dueDays > 60) out.push('报送期限应为监控时点后 0 至 60 天');
  if (!(s.yellow > 0 && s.yellow <= 100)) out.push('轻度偏差的阈值应大于 0、不超过 100 个百分点');
  if (!(s.red > s.yellow && s.red <= 100)) out.push('严重偏差的阈值应大于轻度偏差的阈值、不超过 100 个百分点');
  return out;
}

/** A kept monitoring report, as the run needs it. */
export interface ReportedPoint {
  readonly period: string;
  readonly version: number;
  readonly lines: readonly Pick<MonitoredLine, 'label' | 'colour' | 'reason' | 'progress' | 'expected'>[];
}

export interface MonitoredTargets {
  readonly id: number;
  readonly unit: string;
  readonly year: number;
  readonly settings: MonitoringSettings;
  /** the day the targets were approved: points before it are not chased (a table approved in August owes no June report) */
  readonly since: string;
  readonly reports: readonly ReportedPoint[];
  /** the rungs already climbed, by period */
  readonly climbed: readonly { readonly period: string; readonly rung: SupervisionKind; readonly on: string }[];
}

export type MonitoringNoticeKind = 'due' | 'missed' | 'escalation' | 'deviation';
export const MONITORING_NOTICE_LABEL: Record<MonitoringNoticeKind, string> = {
  due: '报送提醒',
  missed: '逾期未报',
  escalation: '升级督办',
  deviation: '偏差预警',
};

export interface MonitoringNotice {
  readonly key: string;
  readonly targetId: number;
  readonly period: string;
  readonly kind: MonitoringNoticeKind;
  readonly rung: SupervisionKind | null;
  readonly message: string;
}

const COLOUR_WORD: Record<MonitorColour, string> = { green: '正常', yellow: '轻度偏差', red: '严重偏差' };

/** "预算执行进度40.0%，应有49.6%" — a yellow or red line in a notice. */
function lineWords(l: ReportedPoint['lines'][number]): string {
  const figures = l.progress === null ? '未按进度推进' : `进度${l.progress.toFixed(1)}%，应有${l.expected.toFixed(1)}%`;
  return `“${l.label}”${COLOUR_WORD[l.colour]}（${figures}${l.reason ? `；原因及措施：${l.reason}` : ''}）`;
}

export function planMonitoringSupervision(
  tables: readonly MonitoredTargets[],
  day: string,
  policy: Pick<SupervisionPolicy, 'listedAfterOverdueDays' | 'talkAfterOverdueDays'>,
): MonitoringNotice[] {
  const out: MonitoringNotice[] = [];
  for (const t of tables) {
    const about = `${t.unit}${t.year}年度绩效运行监控`;
    const add = (p: MonitoringPeriod, kind: MonitoringNoticeKind, key: string, message: string, rung: SupervisionKind | null = null) =>
      out.push({ key, targetId: t.id, period: p.period, kind, rung, message });
    for (const p of monitoringPeriods(t.year, t.settings)) {
      if (day < p.asOf || p.asOf < t.since) continue;
      const report = t.reports.find((r) => r.period === p.period);
      if (report) {
        const off = report.lines.filter((l) => l.colour !== 'green');
        if (off.length)
          add(
            p,
            'deviation',
            `perf-deviation:${t.id}:${p.period}:${report.version}`,
            `【偏差预警】${about}（${p.label}）有${off.filter((l) => l.colour === 'red').length}项严重偏差、${off.filter((l) => l.colour === 'yellow').length}项轻度偏差：${off.map(lineWords).join('；')}。请按所报措施及时纠偏。`,
          );
        continue;
      }
      const late = -daysBetween(day, p.due);
      if (late <= 0)
        add(
          p,
          'due',
          `perf-due:${t.id}:${p.period}`,
          `【报送提醒】请${t.unit}于${p.due}前报送${about}情况（${p.label}）：预算执行进度和各项绩效指标完成情况，偏差须说明原因。`,
        );
      else {
        add(
          p,
          'missed',
          `perf-missed:${t.id}:${p.period}`,
          `【逾期未报】${t.unit}应于${p.due}前报送${about}情况（${p.label}），已逾期${late}天，请尽快报送。`,
        );
        const rungs: SupervisionKind[] = ['notice'];
        if (late >= Math.max(1, policy.listedAfterOverdueDays)) rungs.push('listed');
        if (late >= Math.max(1, policy.talkAfterOverdueDays)) rungs.push('talk');
        const climbed = t.climbed.filter((c) => c.period === p.period);
        const next = rungs.find((r) => !climbed.some((c) => c.rung === r));
        if (next && !climbed.some((c) => c.on >= day))
          add(
            p,
            'escalation',
            `perf-escalation:${t.id}:${p.period}:${next}`,
            `【${SUPERVISION_LABEL[next]}】${about}情况（${p.label}）逾期${late}天未报，${next === 'talk' ? `建议约谈${t.unit}有关负责同志` : `请${t.unit}限期报送`}。`,
            next,
          );
      }
    }
  }
  return out;
}
