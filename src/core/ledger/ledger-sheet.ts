// The ledger as rows of a workbook (问题清单 and 任务清单): the columns, and each row read back with every fault named
// by its row ("第17行：整改时限“下月底”不是日期"). Pure: the workbook's cells come in as text, numbers or ISO days.
import { isIsoDate } from './dates.ts';
import { normalizeDecimal, type MoneyUnit } from '../money.ts';
import { STATUS_LABEL, type LedgerStatus } from './problem-state.ts';

export type Cell = string | number | boolean | null;

export const TRIAGE_LABEL = { immediate: '立行立改', deadline: '限期整改', 'long-term': '长期整改' } as const;
export type Triage = keyof typeof TRIAGE_LABEL;

export const PROBLEM_COLUMNS = [
  '编号',
  '方面',
  '问题',
  '状态',
  '长期整改',
  '整改类别',
  '牵头单位',
  '配合单位',
  '责任领导',
  '责任人',
  '整改时限',
  '成效目标',
  '应改金额',
  '金额单位',
  '进度（%）',
  '起始日期',
  '最近报告日期',
  // the problem's version when the ledger was exported: an older copy of a row is not imported over a later change
  '版本',
] as const;
export const MEASURE_COLUMNS = ['问题编号', '序号', '整改措施', '责任单位', '责任人', '时限', '状态', '进度（%）'] as const;
export const MEASURE_STATUS_LABEL = { 'not-started': '未开始', 'in-progress': '推进中', completed: '已完成' } as const;
export type MeasureStatus = keyof typeof MEASURE_STATUS_LABEL;

export interface SheetProblem {
  readonly row: number;
  readonly code: string;
  readonly aspect: string | null;
  readonly title: string;
  readonly status: LedgerStatus;
  readonly longTerm: boolean;
  readonly triage: Triage | null;
  readonly leadUnit: string | null;
  readonly cooperatingUnits: string[];
  readonly leadLeader: string | null;
  readonly responsiblePerson: string | null;
  readonly deadline: string | null;
  readonly target: string | null;
  readonly amountDue: { amount: string; unit: MoneyUnit } | null;
  readonly progress: number;
  /** when the work began and when it was last reported on: what the warning colours are reckoned from */
  readonly startDate: string | null;
  readonly lastReportAt: string | null;
  /** the problem's version in the ledger it was exported from; none in a workbook made by hand */
  readonly version: number | null;
}

export interface SheetMeasure {
  readonly row: number;
  readonly problem: string;
  readonly ordinal: number;
  readonly text: string;
  readonly ownerUnit: string | null;
  readonly ownerPerson: string | null;
  readonly deadline: string | null;
  readonly status: keyof typeof MEASURE_STATUS_LABEL;
  readonly progress: number;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const text = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  const s = String(c).trim();
  return s === '' ? null : s;
};

const reverse = <K extends string>(labels: Record<K, string>, value: string): K | undefined =>
  (Object.entries(labels) as [K, string][]).find(([k, label]) => label === value || k === value)?.[0];

function day(c: Cell | undefined, what: string, errors: string[]): string | null {
  const s = text(c);
  if (s === null) return null;
  const iso = s.replace(
    /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/,
    (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
  );
  if (!isIsoDate(iso)) {
    errors.push(`${what}“${s}”不是日期`);
    return null;
  }
  return iso;
}

function percent(c: Cell | undefined, errors: string[]): number {
  const s = text(c);
  if (s === null) return 0;
  const n = Number(s.replace(/%$/, ''));
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    errors.push(`进度“${s}”应为 0 到 100 的整数`);
    return 0;
  }
  return n;
}

/** One row of 问题清单, cells in PROBLEM_COLUMNS order. */
export function readProblemRow(cells: readonly Cell[], row: number): RowResult<SheetProblem> {
  const errors: string[] = [];
  const code = text(cells[0]);
  const title = text(cells[2]);
  if (!code) errors.push('编号为空');
  if (!title) errors.push('问题为空');
  const statusText = text(cells[3]) ?? '';
  const status = reverse(STATUS_LABEL, statusText) ?? reverse({ completed: '已完成' } as Record<LedgerStatus, string>, statusText);
  if (!status) errors.push(`状态“${statusText}”不是 ${Object.values(STATUS_LABEL).join('、')} 之一`);
  const longTermText = text(cells[4]);
  if (longTermText !== null && !['是', '否'].includes(longTermText)) errors.push(`长期整改“${longTermText}”应为“是”或“否”`);
  const triageText = text(cells[5]);
  const triage = triageText ? reverse(TRIAGE_LABEL, triageText) : undefined;
  if (triageText && !triage) errors.push(`整改类别“${triageText}”不是 立行立改、限期整改、长期整改 之一`);
  const deadline = day(cells[10], '整改时限', errors);
  const amountText = text(cells[12]);
  const unitText = text(cells[13]);
  let amountDue: SheetProblem['amountDue'] = null;
  if (amountText !== null) {
    const amount = normalizeDecimal(amountText.replace(/,/g, ''));
    if (amount === null) errors.push(`应改金额“${amountText}”不是数字`);
    else if (!unitText || !['元', '万元', '亿元'].includes(unitText)) errors.push(`金额单位“${unitText ?? ''}”应为 元、万元、亿元 之一`);
    else amountDue = { amount, unit: unitText as MoneyUnit };
  }
  const progress = percent(cells[14], errors);
  const startDate = day(cells[15], '起始日期', errors);
  const lastReportAt = day(cells[16], '最近报告日期', errors);
  const versionText = text(cells[17]);
  const version = versionText === null ? null : /^[1-9]\d{0,8}$/.test(versionText) ? Number(versionText) : undefined;
  if (version === undefined) errors.push(`版本“${versionText}”应为正整数（由导出的台账带出，请勿修改）`);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      startDate,
      lastReportAt,
      version: version ?? null,
      row,
      code: code as string,
      aspect: text(cells[1]),
      title: title as string,
      status: status as LedgerStatus,
      longTerm: longTermText === '是',
      triage: triage ?? null,
      leadUnit: text(cells[6]),
      cooperatingUnits: (text(cells[7]) ?? '')
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
      leadLeader: text(cells[8]),
      responsiblePerson: text(cells[9]),
      deadline,
      target: text(cells[11]),
      amountDue,
      progress,
    },
  };
}

/** One row of 任务清单, cells in MEASURE_COLUMNS order. */
export function readMeasureRow(cells: readonly Cell[], row: number): RowResult<SheetMeasure> {
  const errors: string[] = [];
  const problem = text(cells[0]);
  if (!problem) errors.push('问题编号为空');
  const ordinal = Number(text(cells[1]));
  if (!Number.isInteger(ordinal) || ordinal < 1) errors.push(`序号“${text(cells[1]) ?? ''}”应为正整数`);
  const measureText = text(cells[2]);
  if (!measureText) errors.push('整改措施为空');
  const deadline = day(cells[5], '时限', errors);
  const statusText = text(cells[6]) ?? '推进中';
  const status = reverse(MEASURE_STATUS_LABEL, statusText);
  if (!status) errors.push(`状态“${statusText}”不是 未开始、推进中、已完成 之一`);
  const progress = percent(cells[7], errors);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row,
      problem: problem as string,
      ordinal,
      text: measureText as string,
      ownerUnit: text(cells[3]),
      ownerPerson: text(cells[4]),
      deadline,
      status: status as SheetMeasure['status'],
      progress,
    },
  };
}

/** What a workbook import did (the CLI prints it, the web shows it). */
export interface WorkbookImportResult {
  readonly source: string;
  readonly created: boolean;
  readonly problems: number;
  readonly measures: number;
  /** a unit's own workbook: how its columns were read, "问题 ← 问题描述；牵头单位 ← 责任部门" */
  readonly mapping?: string;
}

/** The 来源 sheet: the source a workbook is the ledger of. */
export interface WorkbookSource {
  readonly code: string;
  readonly kind: string;
  readonly title: string;
  readonly team: string | null;
  readonly inspectedUnit: string | null;
  readonly feedbackDate: string | null;
}

export const SOURCE_FIELDS: [keyof WorkbookSource, string][] = [
  ['code', '来源编号'],
  ['kind', '来源类型'],
  ['title', '标题'],
  ['team', '巡察（审计）组'],
  ['inspectedUnit', '被巡察（审计）单位'],
  ['feedbackDate', '反馈日期'],
];

export const SOURCE_LABELS = Object.fromEntries(SOURCE_FIELDS.map(([k, label]) => [k, label])) as Record<keyof WorkbookSource, string>;

/** A workbook's sheets as read, before any row is checked: its cells by row, and the sheets it lacks. */
export interface RawWorkbook {
  readonly source: Record<string, Cell>;
  readonly problems: { row: number; cells: Cell[] }[];
  readonly measures: { row: number; cells: Cell[] }[];
  /** 督办清单: optional; its 督办情况 column carries the supervision records */
  readonly supervision: { row: number; cells: Cell[] }[];
  readonly missing: string[];
}
