// What a ledger workbook puts on the ledger, checked row by row before anything is written: ours (the four lists) or
// a unit's own sheet read through a column mapping. Every fault is named by its sheet and row, and one fault stops
// the whole workbook. Pure; services/ledger-writer/workbook-rows.ts writes the plan.
import { LedgerWorkbookError } from '../errors.ts';
import { readMeasureRow, readProblemRow, SOURCE_LABELS, type RawWorkbook, type SheetMeasure, type SheetProblem } from './ledger-sheet.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from './supervision.ts';

/** Where a row's faults are said to be: our own sheets by name, or the one sheet of a unit's workbook. */
export interface SheetNames {
  readonly problems: string;
  readonly measures: string;
}
const OWN_SHEETS: SheetNames = { problems: '问题清单', measures: '任务清单' };

/**
 * Checks every row; throws LedgerWorkbookError with all the faults, or returns what to write: the source's code
 * (`sourceOverride`, else the 来源 sheet's), its particulars, the problems, measures and supervision records.
 */
export function planWorkbook(raw: RawWorkbook, sourceOverride: string | undefined, sheets: SheetNames = OWN_SHEETS) {
  const reasons = [...raw.missing];
  const problems: SheetProblem[] = [];
  const measures: SheetMeasure[] = [];
  for (const { row, cells } of raw.problems) {
    const r = readProblemRow(cells, row);
    if (r.ok) problems.push(r.value);
    else reasons.push(...r.errors.map((e) => `${sheets.problems}第${row}行：${e}`));
  }
  for (const { row, cells } of raw.measures) {
    const r = readMeasureRow(cells, row);
    if (r.ok) measures.push(r.value);
    else reasons.push(...r.errors.map((e) => `${sheets.measures}第${row}行：${e}`));
  }
  // codes as written, valid rows or not: one bad cell should not make every row that refers to its problem wrong too
  const seen = new Map<string, number>();
  for (const { row, cells } of raw.problems) {
    const code = cells[0] === null ? '' : String(cells[0]).trim();
    if (!code) continue;
    const before = seen.get(code);
    if (before) reasons.push(`${sheets.problems}第${row}行：编号“${code}”与第${before}行重复`);
    else seen.set(code, row);
  }
  for (const m of measures) if (!seen.has(m.problem)) reasons.push(`${sheets.measures}第${m.row}行：问题编号“${m.problem}”不在问题清单中`);
  const code = sourceOverride ?? (raw.source[SOURCE_LABELS.code] ? String(raw.source[SOURCE_LABELS.code]) : null);
  if (!code) reasons.push('来源：缺少来源编号');
  if (reasons.length) throw new LedgerWorkbookError(reasons);
  const str = (k: keyof typeof SOURCE_LABELS) =>
    raw.source[SOURCE_LABELS[k]] === null || raw.source[SOURCE_LABELS[k]] === undefined ? null : String(raw.source[SOURCE_LABELS[k]]);
  const supervision: { code: string; at: string; kind: SupervisionKind; row: number }[] = [];
  for (const { row, cells } of raw.supervision) {
    const code = cells[0] === null ? '' : String(cells[0]).trim();
    for (const entry of String(cells[6] ?? '')
      .split(/[；;]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const m = /^(\d{4}-\d{2}-\d{2})\s+(\S+)$/.exec(entry);
      const kind = m ? (Object.keys(SUPERVISION_LABEL) as SupervisionKind[]).find((k) => SUPERVISION_LABEL[k] === m[2]) : undefined;
      if (!m || !kind) reasons.push(`督办清单第${row}行：督办情况“${entry}”应为“日期 方式”，如“2025-03-01 督办单”`);
      else supervision.push({ code, at: m[1] as string, kind, row });
    }
  }
  if (reasons.length) throw new LedgerWorkbookError(reasons);
  return {
    code: code as string,
    supervision,
    source: {
      kind: str('kind'),
      title: str('title'),
      team: str('team'),
      inspectedUnit: str('inspectedUnit'),
      feedbackDate: str('feedbackDate'),
    },
    problems,
    measures,
  };
}

export type WorkbookPlan = ReturnType<typeof planWorkbook>;
