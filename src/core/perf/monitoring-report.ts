// The monitoring point's report (绩效运行监控情况报告) and its table, from what the unit reported and how it read against
// the year's targets: the budget's execution against the time elapsed, each indicator's progress with its colour,
// every deviation with the reason and measure the unit gave. Figures are the kept report's, never typed again. The
// rows are shared by the .docx table and the .xlsx monitoring table (io/perf-monitoring-sheet.ts).
import type { Block, OfficialDocument } from '../official/model.ts';
import { numberedHeading } from '../official/wording.ts';
import type { Decimal } from '../money.ts';
import { MONITOR_COLOUR_LABEL, type MonitoredLine, type MonitoringInput, type MonitoringResult } from './monitoring.ts';
import type { MonitoringPeriod } from './monitoring-plan.ts';
import type { TargetTable } from './target-table.ts';

/** One point as kept: the period, what was reported, and the reading. */
export interface MonitoringPoint {
  readonly period: MonitoringPeriod;
  readonly input: MonitoringInput;
  readonly result: MonitoringResult;
}

export const MONITORING_COLUMNS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '截至时点完成值',
  '完成进度（%）',
  '应有进度（%）',
  '偏差程度',
  '偏差原因及改进措施',
] as const;

const pct = (n: number | null) => (n === null ? '—' : n.toFixed(1));

/** The table's rows: the budget's execution first, then every indicator of the targets in their order. */
export function monitoringRows(targets: TargetTable, p: MonitoringPoint): string[][] {
  const rows: string[][] = [];
  const b = p.result.budget;
  if (b)
    rows.push([
      '预算执行',
      '预算执行率',
      `执行数（万元）`,
      `全年预算${targets.budget?.total ?? '—'}万元`,
      p.input.executed ?? '—',
      pct(b.progress),
      pct(b.expected),
      MONITOR_COLOUR_LABEL[b.colour],
      b.reason ?? '',
    ]);
  targets.indicators.forEach((t, k) => {
    const line = p.result.indicators[k] as MonitoredLine | undefined;
    const r = p.input.indicators[k];
    const value = r ? r.reached.trim() || (r.onCourse === false ? '未按进度推进' : r.onCourse ? '按进度推进' : '') : '';
    rows.push([
      t.level1,
      t.level2,
      t.level3,
      t.target,
      value,
      pct(line?.progress ?? null),
      pct(line?.expected ?? null),
      line ? MONITOR_COLOUR_LABEL[line.colour] : '',
      line?.reason ?? '',
    ]);
  });
  return rows;
}

const count = (lines: readonly MonitoredLine[], c: MonitoredLine['colour']) => lines.filter((l) => l.colour === c).length;

/** The 监控情况报告 of one point, in 公文 format, signed by the unit on `date`. */
export function monitoringReportDocument(targets: TargetTable, p: MonitoringPoint, date: string): OfficialDocument {
  const year = targets.year === null ? '' : `${targets.year}年度`;
  const { budget, indicators } = p.result;
  const blocks: Block[] = [];
  let section = 0;
  const heading = (title: string) => blocks.push({ kind: 'heading', level: 1, text: numberedHeading(1, ++section, title) });
  blocks.push({
    kind: 'paragraph',
    text: `按照预算绩效运行监控工作要求，对照${year}绩效目标，我单位对${p.period.label}的预算执行情况和绩效目标完成情况开展了监控，现将有关情况报告如下。`,
  });
  heading('预算执行情况');
  const total: Decimal | null = targets.budget?.total ?? null;
  blocks.push({
    kind: 'paragraph',
    text:
      budget && total !== null
        ? `全年预算${total}万元，${p.period.label}执行${p.input.executed}万元，预算执行率${pct(budget.progress)}%，时间进度${pct(budget.expected)}%，${budget.colour === 'green' ? '执行进度正常' : `${MONITOR_COLOUR_LABEL[budget.colour]}，落后时间进度${(budget.expected - (budget.progress ?? 0)).toFixed(1)}个百分点`}。`
        : '本次监控未报送预算执行数。',
  });
  if (budget && budget.colour !== 'green' && budget.reason) blocks.push({ kind: 'paragraph', text: `原因及改进措施：${budget.reason}` });
  heading('绩效目标完成情况');
  blocks.push({
    kind: 'paragraph',
    text: `${year}绩效目标共设三级指标${indicators.length}项，截至监控时点，进度正常${count(indicators, 'green')}项，轻度偏差${count(indicators, 'yellow')}项，严重偏差${count(indicators, 'red')}项。`,
  });
  blocks.push({
    kind: 'table',
    columns: MONITORING_COLUMNS.map((title, k) => ({ title, width: [3, 3, 5, 3, 3, 2, 2, 2, 6][k] as number })),
    rows: monitoringRows(targets, p),
  });
  heading('偏差原因分析及改进措施');
  const off = [...(budget ? [budget] : []), ...indicators].filter((l) => l.colour !== 'green');
  if (off.length === 0) blocks.push({ kind: 'paragraph', text: '各项指标进度正常，未发现需要纠偏的情况。' });
  off.forEach((l, k) =>
    blocks.push({
      kind: 'paragraph',
      text: `${k + 1}.${l.label}（${MONITOR_COLOUR_LABEL[l.colour]}，${l.progress === null ? '未按进度推进' : `完成进度${pct(l.progress)}%，应有进度${pct(l.expected)}%`}）。${l.reason ?? ''}`,
    }),
  );
  return {
    title: `${targets.unit}关于${year}绩效运行监控情况的报告`,
    blocks,
    signature: { issuer: targets.unit, date },
    landscape: true,
  };
}
