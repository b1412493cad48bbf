// A ledger as an .xlsx workbook people keep and send: 来源, 问题清单, 任务清单, 责任清单, 督办清单 — frozen headers,
// filters, widths, dates as dates, money as numbers, statuses limited to the allowed values — and read back. A last
// sheet records the event log's head at export, so a copy kept elsewhere can show the log was not cut short since.
import type ExcelJS from 'exceljs';
import { excel } from './lazy-modules.ts';
import { checkUnpackedSize, MAX_WORKBOOK_UNPACKED, ZipTooLargeError } from './zip-limits.ts';
import {
  MEASURE_COLUMNS,
  MEASURE_STATUS_LABEL,
  PROBLEM_COLUMNS,
  TRIAGE_LABEL,
  SOURCE_FIELDS,
  type Cell,
  type RawWorkbook,
  type SheetMeasure,
  type SheetProblem,
  type WorkbookSource,
} from '../core/ledger/ledger-sheet.ts';
export type { RawWorkbook, WorkbookSource };
import { STATUS_LABEL } from '../core/ledger/problem-state.ts';

/** The event log's head when the workbook was made: a copy of the checkpoint that leaves the machine with it. */
export interface WorkbookCheckpoint {
  readonly events: number;
  readonly head: string;
  /** the log's first entry's hash: which ledger it is (absent in workbooks exported before it was recorded) */
  readonly first?: string | undefined;
  /** ISO */
  readonly at: string;
}

export interface WorkbookContent {
  readonly source: WorkbookSource;
  readonly problems: readonly (SheetProblem & { supervision: string | null; colour: string | null })[];
  readonly measures: readonly SheetMeasure[];
  readonly checkpoint?: WorkbookCheckpoint | undefined;
  /** who exported it and when, printed at the head of every sheet's pages (core/official/internal-mark.ts) */
  readonly mark?: string | undefined;
}

export const CHECKPOINT_SHEET = '操作日志检查点';
const CHECKPOINT_LABELS = { events: '操作日志条数', head: '末条记录哈希', first: '首条记录哈希', at: '记录时间' } as const;

const SUPERVISION_COLUMNS = ['编号', '问题', '状态', '预警', '牵头单位', '整改时限', '督办情况'] as const;

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly string[], widths: readonly number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((header, i) => ({ header, width: widths[i] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function listValidation(ws: ExcelJS.Worksheet, column: number, rows: number, values: readonly string[]) {
  for (let r = 2; r <= Math.max(rows + 1, 2); r++)
    ws.getCell(r, column).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '状态',
      error: `请从 ${values.join('、')} 中选择`,
    };
}

export async function writeLedgerWorkbook(c: WorkbookContent): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = '整改通';
  const src = wb.addWorksheet('来源');
  src.columns = [
    { header: '项目', width: 20 },
    { header: '内容', width: 80 },
  ];
  for (const [k, label] of SOURCE_FIELDS) src.addRow([label, k === 'feedbackDate' ? asDate(c.source[k]) : c.source[k]]);
  src.getColumn(2).numFmt = 'yyyy-mm-dd';

  const ps = sheet(wb, '问题清单', PROBLEM_COLUMNS, [16, 28, 48, 14, 10, 12, 16, 20, 12, 12, 12, 30, 14, 10, 10, 12, 12]);
  for (const p of c.problems)
    ps.addRow([
      p.code,
      p.aspect,
      p.title,
      STATUS_LABEL[p.status],
      p.longTerm ? '是' : '否',
      p.triage ? TRIAGE_LABEL[p.triage] : null,
      p.leadUnit,
      p.cooperatingUnits.join('、'),
      p.leadLeader,
      p.responsiblePerson,
      asDate(p.deadline),
      p.target,
      p.amountDue ? Number(p.amountDue.amount) : null,
      p.amountDue?.unit ?? null,
      p.progress,
      asDate(p.startDate),
      asDate(p.lastReportAt),
      p.version,
    ]);
  for (const c of [11, 16, 17]) ps.getColumn(c).numFmt = 'yyyy-mm-dd';
  ps.getColumn(13).numFmt = '#,##0.00####';
  listValidation(ps, 4, c.problems.length, Object.values(STATUS_LABEL));

  const ms = sheet(wb, '任务清单', MEASURE_COLUMNS, [16, 6, 70, 16, 12, 12, 10, 10]);
  for (const m of c.measures)
    ms.addRow([m.problem, m.ordinal, m.text, m.ownerUnit, m.ownerPerson, asDate(m.deadline), MEASURE_STATUS_LABEL[m.status], m.progress]);
  ms.getColumn(6).numFmt = 'yyyy-mm-dd';
  listValidation(ms, 7, c.measures.length, Object.values(MEASURE_STATUS_LABEL));

  // views for people: who answers for what, and what is being supervised
  const rs = sheet(
    wb,
    '责任清单',
    ['编号', '问题', '牵头单位', '配合单位', '责任领导', '责任人', '整改时限'],
    [16, 48, 16, 20, 12, 12, 12],
  );
  for (const p of c.problems)
    rs.addRow([p.code, p.title, p.leadUnit, p.cooperatingUnits.join('、'), p.leadLeader, p.responsiblePerson, asDate(p.deadline)]);
  rs.getColumn(7).numFmt = 'yyyy-mm-dd';
  const ds = sheet(wb, '督办清单', SUPERVISION_COLUMNS, [16, 48, 14, 12, 16, 12, 30]);
  for (const p of c.problems.filter((x) => x.supervision || x.colour === 'red'))
    ds.addRow([
      p.code,
      p.title,
      STATUS_LABEL[p.status],
      p.colour === 'red' ? '已超期' : p.colour === 'yellow' ? '进度滞后' : p.colour === 'blue' ? '临近时限' : '',
      p.leadUnit,
      asDate(p.deadline),
      p.supervision,
    ]);
  ds.getColumn(6).numFmt = 'yyyy-mm-dd';
  if (c.checkpoint) {
    // last, out of the way of the lists; the time as text, exact to the millisecond as the checkpoint file has it
    const cs = wb.addWorksheet(CHECKPOINT_SHEET);
    cs.columns = [
      { header: '项目', width: 16 },
      { header: '内容', width: 70 },
    ];
    cs.addRow([CHECKPOINT_LABELS.events, c.checkpoint.events]);
    cs.addRow([CHECKPOINT_LABELS.head, c.checkpoint.head]);
    if (c.checkpoint.first) cs.addRow([CHECKPOINT_LABELS.first, c.checkpoint.first]);
    cs.addRow([CHECKPOINT_LABELS.at, c.checkpoint.at]);
    cs.addRow([
      '说明',
      '导出时操作日志的条数和末条记录的哈希。用 zg audit verify --against 本文件 可核对操作日志此后没有被删去末尾的记录。',
    ]);
  }
  // an internal workbook says on every printed page whose export it was
  if (c.mark) for (const ws of wb.worksheets) ws.headerFooter = { oddHeader: `&R&8${c.mark.replaceAll('&', '&&')}` };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell as text, a number or an ISO day (dates written as dates come back as dates). */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return null;
  }
  return v as Cell;
}

/** A sheet's merged ranges as rows and columns (1-based): "B3:B6" → rows 3–6 of column 2. */
export function mergedRanges(ws: ExcelJS.Worksheet): { top: number; bottom: number; left: number; right: number }[] {
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return ((ws.model as { merges?: string[] }).merges ?? [])
    .map((m) => /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ top: Number(m[2]), bottom: Number(m[4]), left: col(m[1] as string), right: col(m[3] as string) }));
}

/**
 * Merged cells below the header: a merged "方面" over four rows leaves three of them empty, and guessing that they
 * repeat the first is how wrong rows get written. Each is named, to be unmerged and filled in.
 */
function mergedCells(ws: ExcelJS.Worksheet, headerRow: number, headers: readonly (string | null)[]): string[] {
  const out: string[] = [];
  for (const { top, bottom, left, right } of mergedRanges(ws)) {
    if (bottom <= headerRow) continue;
    const name = (c: number) => `“${headers[c - 1] ?? `第${c}列`}”`;
    const cols = left === right ? `${name(left)}列` : `${name(left)}至${name(right)}列`;
    out.push(`工作表“${ws.name}”第${top}${bottom > top ? `—${bottom}` : ''}行${cols}是合并单元格：请取消合并，逐行填写`);
  }
  return out;
}

/** One sheet of a unit's own workbook: its header row (the first row with text), its rows, and what cannot be read. */
export interface SheetTable {
  readonly sheets: string[];
  readonly name: string;
  readonly headerRow: number;
  readonly headers: string[];
  readonly rows: { row: number; cells: Cell[] }[];
  readonly faults: string[];
}

export async function readSheetTable(bytes: Uint8Array, sheetName?: string): Promise<SheetTable> {
  const wb = await loadWorkbook(bytes);
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws)
    return {
      sheets,
      name: sheetName ?? '',
      headerRow: 0,
      headers: [],
      rows: [],
      faults: [sheetName ? `没有名为“${sheetName}”的工作表（有：${sheets.join('、')}）` : '工作簿中没有内容'],
    };
  // a title row ("XX局巡察整改台账") may sit above the header: the header is the first row with two or more cells
  let headerRow = 0;
  ws.eachRow((r, n) => {
    if (headerRow === 0 && (r.values as unknown[]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '').length >= 2)
      headerRow = n;
  });
  const width = ws.columnCount;
  const headers = Array.from({ length: width }, (_, i) => String(cellValue(ws.getRow(headerRow).getCell(i + 1).value) ?? '').trim());
  const rows: { row: number; cells: Cell[] }[] = [];
  ws.eachRow((r, n) => {
    if (n <= headerRow) return;
    const cells = headers.map((_, i) => cellValue(r.getCell(i + 1).value));
    if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ row: n, cells });
  });
  return { sheets, name: ws.name, headerRow, headers, rows, faults: mergedCells(ws, headerRow, headers) };
}

export class WorkbookFormatError extends Error {}
/** A workbook that would unpack past MAX_WORKBOOK_UNPACKED. */
export class WorkbookTooLargeError extends Error {}

/** Opens an .xlsx, refusing before inflating one that would unpack past the limit. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  try {
    checkUnpackedSize(bytes, MAX_WORKBOOK_UNPACKED);
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw new WorkbookTooLargeError(e.message);
    throw e;
  }
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookFormatError((e as Error).message);
  }
  return wb;
}

/** The workbook's rows by sheet, headers checked; nothing interpreted yet. */
export async function readLedgerWorkbook(bytes: Uint8Array): Promise<RawWorkbook> {
  const wb = await loadWorkbook(bytes);
  const missing: string[] = [];
  const rows = (name: string, columns: readonly string[]) => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      missing.push(`缺少工作表“${name}”`);
      return [];
    }
    const header = columns.map((_, i) => cellValue(ws.getRow(1).getCell(i + 1).value));
    columns.forEach((c, i) => header[i] !== c && missing.push(`工作表“${name}”第${i + 1}列应为“${c}”，实为“${header[i] ?? '空'}”`));
    missing.push(...mergedCells(ws, 1, columns));
    const out: { row: number; cells: Cell[] }[] = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const cells = columns.map((_, i) => cellValue(r.getCell(i + 1).value));
      if (cells.some((c) => c !== null && String(c).trim() !== '')) out.push({ row: n, cells });
    });
    return out;
  };
  const source: Record<string, Cell> = {};
  const ws = wb.getWorksheet('来源');
  if (!ws) missing.push('缺少工作表“来源”');
  ws?.eachRow((r, n) => {
    if (n > 1) source[String(cellValue(r.getCell(1).value) ?? '')] = cellValue(r.getCell(2).value);
  });
  const supervision = wb.getWorksheet('督办清单') ? rows('督办清单', SUPERVISION_COLUMNS) : [];
  return { source, problems: rows('问题清单', PROBLEM_COLUMNS), measures: rows('任务清单', MEASURE_COLUMNS), supervision, missing };
}

/** The checkpoint a workbook of ours records, or null when it has none (or not in the form we write). */
export async function readWorkbookCheckpoint(bytes: Uint8Array): Promise<WorkbookCheckpoint | null> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet(CHECKPOINT_SHEET);
  if (!ws) return null;
  const byLabel = new Map<string, Cell>();
  ws.eachRow((r, n) => {
    if (n > 1) byLabel.set(String(cellValue(r.getCell(1).value) ?? ''), cellValue(r.getCell(2).value));
  });
  const events = Number(byLabel.get(CHECKPOINT_LABELS.events));
  const head = String(byLabel.get(CHECKPOINT_LABELS.head) ?? '');
  const at = String(byLabel.get(CHECKPOINT_LABELS.at) ?? '');
  const first = String(byLabel.get(CHECKPOINT_LABELS.first) ?? '');
  return Number.isSafeInteger(events) && events >= 0 && /^[0-9a-f]{64}$/.test(head) && at
    ? { events, head, ...(/^[0-9a-f]{64}$/.test(first) ? { first } : {}), at }
    : null;
}
