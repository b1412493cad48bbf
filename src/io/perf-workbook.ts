// The 自评表 as an .xlsx workbook, laid out as the published table is (so the same reader reads it back), and any
// self-evaluation workbook in: each sheet's rows become tab-separated lines, as text extraction leaves a table, with
// a map from each line back to its sheet and row. Merged cells over figures are named; merged labels (一级指标
// over several rows) are how these tables are drawn, and the reader carries them down.
import type ExcelJS from 'exceljs';
import { excel } from './lazy-modules.ts';
import type { Evaluation } from '../core/perf/evaluation.ts';
import type { ScoredEvaluation } from '../core/perf/score-evaluation.ts';
import { RULE_LABEL } from '../core/perf/scoring.ts';
import { loadWorkbook, mergedRanges } from './ledger-workbook.ts';
import { decimalOfNumber, type Decimal } from '../core/money.ts';

/**
 * A figure as a number cell, so a spreadsheet can add it up: a table's figure has at most 15 significant digits, which
 * a cell's double holds exactly, and reading it back gives the same decimal (decimalOfNumber).
 */
const asCell = (d: Decimal | null | undefined): number | null => (d === null || d === undefined ? null : Number(d));

export const INDICATOR_HEADER = [
  '绩效指标',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
  '计分规则',
] as const;

export async function writePerfWorkbook(e: Evaluation, s: ScoredEvaluation): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = '整改通';
  const ws = wb.addWorksheet('自评表', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.columns = [10, 14, 18, 30, 14, 14, 8, 8, 36, 30].map((width) => ({ width }));
  const bold = (r: ExcelJS.Row) => (r.font = { bold: true });
  bold(ws.addRow([`${e.year ?? ''} 年度预算单位整体支出绩效自评表`]));
  ws.addRow(['预算单位名称', e.unit]);
  const b = e.budget;
  if (b) {
    const adjusted = b.adjusted !== null && b.adjusted !== undefined;
    ws.addRow(['年度预算申请（万元）', '年初预算数', ...(adjusted ? ['全年预算数'] : []), '全年执行数', '分值', '执行率', '得分']);
    // what the table states where it states it, else what the rules give
    const rate = b.rate ?? (s.budget?.rate === null || s.budget?.rate === undefined ? null : Math.min(100, s.budget.rate));
    ws.addRow([
      '',
      '年度资金总额:',
      asCell(b.initial),
      ...(adjusted ? [asCell(b.adjusted)] : []),
      asCell(b.executed),
      b.weight,
      rate === null ? null : `${rate.toFixed(2)}%`,
      b.score ?? s.budget?.score ?? null,
    ]);
    ws.addRow(['', '按收入性质分:']);
    for (const f of e.funding) ws.addRow(['', `${f.source}:`, asCell(f.amount)]);
    ws.addRow(['', '按支出性质分:']);
    for (const x of e.spending) ws.addRow(['', `${x.type}:`, asCell(x.amount)]);
  }
  if (e.staffing) {
    ws.addRow(['财政供养人员情况', '编制数', '实际在职人数', '控制率']);
    ws.addRow(['', e.staffing.authorized, e.staffing.actual, e.staffing.controlRate === null ? null : `${e.staffing.controlRate}%`]);
  }
  for (const t of e.basics) {
    ws.addRow([t.title, ...t.columns]);
    // a blank stays blank: it was not reported, which is not the same as zero
    // (a row named after its table, as 楼堂馆所's one row is, is written without the name, as the table has it)
    for (const r of t.rows) ws.addRow([r.label === t.title ? '' : r.label, ...r.values.map(asCell)]);
  }
  bold(ws.addRow([...INDICATOR_HEADER]));
  e.indicators.forEach((i, k) => {
    const scored = s.indicators[k];
    ws.addRow([
      '',
      i.level1,
      i.level2,
      i.level3,
      i.target,
      i.actual,
      i.weight,
      i.score ?? scored?.score ?? null,
      i.deviation ?? '',
      scored ? RULE_LABEL[scored.rule] : '',
    ]);
  });
  bold(
    ws.addRow([
      '',
      '合计',
      '—',
      '—',
      '—',
      '—',
      e.totals?.weight ?? s.weightTotal,
      e.totals?.score ?? s.total,
      `按计分规则：${s.total}分，${s.grade}`,
    ]),
  );
  ws.addRow([]);
  ws.addRow(['一、存在的问题']);
  e.problems.forEach((p, k) => ws.addRow([`${k + 1}.${p.text}`]));
  ws.addRow(['二、下一步改进措施']);
  e.measures.forEach((m, k) => ws.addRow([`${k + 1}.${m.text}`]));
  ws.eachRow((r) => (r.alignment = { wrapText: true, vertical: 'middle' }));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface WorkbookText {
  readonly text: string;
  /** "工作表“自评表”第12行" for a line of the text (1-based) */
  readonly origin: (line: number) => string;
  readonly faults: readonly string[];
}

/** A cell's value as the table shows it: numbers as written, percentages with their sign, dates as days. */
function shown(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return numFmt?.includes('%') ? `${Math.round(v * 10000) / 100}%` : (decimalOfNumber(v) ?? '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return shown(v.result as ExcelJS.CellValue, numFmt);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

export async function perfWorkbookText(bytes: Uint8Array): Promise<WorkbookText> {
  const wb = await loadWorkbook(bytes);
  const lines: string[] = [];
  const origins: string[] = [];
  const faults: string[] = [];
  for (const ws of wb.worksheets) {
    // which columns hold figures: 分值, 得分 (and the amounts beside 年度资金总额)
    let figureColumns: Map<number, string> | null = null;
    const last = ws.actualRowCount ? ws.rowCount : 0;
    for (let n = 1; n <= last; n++) {
      const row = ws.getRow(n);
      const width = Math.max(row.cellCount, ws.columnCount);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // a merged cell's other parts are empty, as in an extracted table
        cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : shown(cell.value, cell.numFmt));
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      // a row inside a table whose figures are all blank ("其中：公车购置" with nothing reported) is still a row of that
      // table: it keeps the width of the row above, so its blanks stay blanks rather than ending the table
      const above = lines[lines.length - 1] ?? '';
      if (cells.length === 1 && above.includes('\t')) while (cells.length < above.split('\t').length) cells.push('');
      if (cells.includes('三级指标'))
        figureColumns = new Map(cells.flatMap((h, i): [number, string][] => (h === '分值' || h === '得分' ? [[i + 1, h]] : [])));
      lines.push(cells.join('\t'));
      origins.push(`工作表“${ws.name}”第${n}行`);
    }
    for (const { top, bottom, left, right } of mergedRanges(ws)) {
      for (const [c, name] of figureColumns ?? [])
        if (c >= left && c <= right && bottom > top)
          faults.push(`工作表“${ws.name}”第${top}—${bottom}行“${name}”列是合并单元格：每项指标的${name}应分别填写`);
    }
    lines.push('');
    origins.push(`工作表“${ws.name}”末尾`);
  }
  return { text: lines.join('\n'), origin: (line) => origins[line - 1] ?? `第${line}行`, faults };
}
