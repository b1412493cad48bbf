// 一周一调度: the weekly sheet — every item still being worked on, its colour, what was reported that week and whether
// the report came in — and the units' standings, as an .xlsx workbook.
import { excel } from './lazy-modules.ts';
import type { UnitStanding } from '../core/supervision/ranking.ts';

export interface WeeklyRow {
  readonly code: string;
  readonly title: string;
  readonly unit: string | null;
  readonly leader: string | null;
  readonly deadline: string | null;
  readonly status: string;
  readonly progress: number;
  readonly colour: string | null;
  readonly reports: readonly string[];
  readonly reported: boolean;
  readonly supervision: string | null;
}

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function writeWeeklySheet(
  week: { from: string; to: string },
  rows: readonly WeeklyRow[],
  standings: readonly UnitStanding[],
  /** who generated it and when, printed at the head of every page (core/official/internal-mark.ts) */
  mark?: string,
): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = '整改通';
  const ws = wb.addWorksheet('调度表', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.mergeCells(1, 1, 1, 11);
  ws.getCell(1, 1).value = `整改工作调度表（${week.from} 至 ${week.to}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const header = ['编号', '问题', '牵头单位', '责任领导', '整改时限', '状态', '进度（%）', '预警', '本周进展', '本周报送', '督办情况'];
  ws.addRow(header).font = { bold: true };
  ws.columns = [16, 40, 16, 12, 12, 12, 10, 14, 50, 10, 24].map((width) => ({ width }));
  for (const r of rows)
    ws.addRow([
      r.code,
      r.title,
      r.unit ?? '未明确',
      r.leader ?? '',
      asDate(r.deadline),
      r.status,
      r.progress,
      r.colour ?? '',
      r.reports.join('\n'),
      r.reported ? '已报送' : '未报送',
      r.supervision ?? '',
    ]);
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: header.length } };
  ws.eachRow((row, n) => {
    if (n > 2) row.alignment = { wrapText: true, vertical: 'top' };
  });
  const st = wb.addWorksheet('单位排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  st.addRow(['排名', '牵头单位', '问题数', '已完成', '阶段性完成', '超期', '完成率（%）', '按时率（%）', '未按时报送']).font = {
    bold: true,
  };
  st.columns = [8, 24, 10, 10, 12, 8, 12, 12, 12].map((width) => ({ width }));
  for (const s of standings)
    st.addRow([
      s.rank,
      s.unit,
      s.total,
      s.completed,
      s.phased,
      s.overdue,
      Math.round(s.completionRate * 10) / 10,
      Math.round(s.timelinessRate * 10) / 10,
      s.missedReports,
    ]);
  if (mark) for (const sheet of wb.worksheets) sheet.headerFooter = { oddHeader: `&R&8${mark.replaceAll('&', '&&')}` };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
