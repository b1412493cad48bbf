// The 绩效运行监控表 as an .xlsx workbook: one sheet for each monitoring point reported, the budget's execution and
// every indicator with its progress, the progress expected by then, its colour (filled in the cell, as offices mark
// them by hand) and the reason given; the rows are core/perf/monitoring-report.ts's, as in the .docx.
import { excel } from './lazy-modules.ts';
import { MONITORING_COLUMNS } from '../core/perf/monitoring-report.ts';

export interface MonitoringSheet {
  /** "截至2025年6月30日" */
  readonly label: string;
  readonly rows: readonly (readonly string[])[];
}

const FILL: Record<string, string> = { 轻度偏差: 'FFFFF2CC', 严重偏差: 'FFF8CBAD' };

export async function writeMonitoringSheets(title: string, sheets: readonly MonitoringSheet[]): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = '整改通';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.label.replace(/[\\/?*[\]:]/g, '').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    ws.mergeCells(1, 1, 1, MONITORING_COLUMNS.length);
    ws.getCell(1, 1).value = `${title}（${s.label}）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.addRow([...MONITORING_COLUMNS]).font = { bold: true };
    ws.columns = [12, 14, 24, 14, 14, 12, 12, 10, 40].map((width) => ({ width }));
    for (const r of s.rows) {
      // the amounts and percentages are figures a reader can add up, not text; "800人次" stays as written
      const row = ws.addRow(r.map((c, k) => (k >= 4 && k <= 6 && /^-?\d+(?:\.\d+)?$/.test(c) ? Number(c) : c)));
      row.alignment = { wrapText: true, vertical: 'top' };
      const fill = FILL[r[7] ?? ''];
      if (fill) row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    }
  }
  if (sheets.length === 0) wb.addWorksheet('监控表').addRow(['尚未报送监控情况']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
