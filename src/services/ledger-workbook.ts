// Use cases: a source's ledger out as an .xlsx workbook (the four lists), and a workbook in — ours, or a unit's own
// read through a mapping of its columns — every row checked first, every fault named by sheet and row, and nothing
// written unless all of it is right.
import { internalMark } from '../core/official/internal-mark.ts';
import type { WorkbookFormat } from '../core/document/formats.ts';
import type { SheetMeasure, SheetProblem, WorkbookImportResult } from '../core/ledger/ledger-sheet.ts';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { SOURCE_LABELS, type RawWorkbook } from '../core/ledger/ledger-sheet.ts';
import { planWorkbook } from '../core/ledger/workbook-plan.ts';
import { writeWorkbookPlan } from './ledger-writer/workbook-rows.ts';
import { runHeavy } from './heavy-work.ts';
import { describeMapping, guessMapping, mappedRows, parseMapping, type ColumnMapping } from '../core/ledger/column-mapping.ts';
import { auditHead } from '../store/audit-checkpoint.ts';
import { colourOf } from '../store/problem-colour.ts';
import { cooperatingUnitsOf } from '../store/snapshot.repository.ts';
import { sourceByCode, sourceInScope } from '../store/source.repository.ts';
import { supervisionActionsOf } from '../store/supervision.repository.ts';
import { measuresForSheet, problemsForSheet, topProblemTitles } from '../store/workbook.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';
import { LedgerWorkbookError } from '../core/errors.ts';
import { refuseUnowned } from './source-owner.ts';
import type { Scope } from '../core/access/permissions.ts';

export async function exportLedger(db: Db, code: string, today: string, scope: Scope, exportedBy?: string): Promise<Uint8Array> {
  const source = await sourceInScope(db, code, scope, true);
  if (!source) return refuseUnowned(db, code, scope, '导出它的台账');
  // the event log's head goes out with the workbook: a checkpoint kept away from this machine
  const logHead = await auditHead(db);
  const rows = await problemsForSheet(db, source.id);
  const ids = rows.map((r) => r.id);
  const cooperating = await cooperatingUnitsOf(db, ids);
  const supervision = ids.length ? await supervisionActionsOf(db, ids) : [];
  const measures = ids.length ? await measuresForSheet(db, ids) : [];
  return runHeavy('writeLedgerWorkbook', {
    checkpoint: { ...logHead, at: new Date().toISOString() },
    ...(exportedBy ? { mark: internalMark(exportedBy, new Date()) } : {}),
    source: {
      code: source.code,
      kind: source.kind,
      title: source.title,
      team: source.team,
      inspectedUnit: source.inspected_unit,
      feedbackDate: source.feedback_date,
    },
    problems: rows.map((r, i) => {
      const sv = supervision.filter((s) => s.problem_id === r.id);
      return {
        row: i + 2,
        code: r.code,
        aspect: r.aspect,
        title: r.title,
        status: r.status as LedgerStatus,
        longTerm: r.long_term,
        triage: r.triage as SheetProblem['triage'],
        leadUnit: r.lead_unit,
        cooperatingUnits: cooperating.filter((c) => c.problem_id === r.id).map((c) => c.name),
        leadLeader: r.lead_leader,
        responsiblePerson: r.responsible,
        deadline: r.deadline,
        target: r.target,
        amountDue: r.amount_due ? { amount: r.amount_due, unit: r.amount_unit as '元' | '万元' | '亿元' } : null,
        progress: r.progress,
        startDate: r.start_date,
        lastReportAt: r.last_progress_at,
        version: r.version,
        supervision: sv.length ? sv.map((s) => `${s.at} ${SUPERVISION_LABEL[s.kind as SupervisionKind] ?? s.kind}`).join('；') : null,
        colour: colourOf(r, today, source.warning),
      };
    }),
    measures: measures.map((m, i) => ({
      row: i + 2,
      problem: m.code,
      ordinal: m.ordinal,
      text: m.text,
      ownerUnit: m.unit,
      ownerPerson: m.person,
      deadline: m.deadline,
      status: m.status as SheetMeasure['status'],
      progress: m.progress,
    })),
  });
}

export interface WorkbookImportOptions {
  readonly actor: string;
  readonly today: string;
  readonly fileName: string;
  /** the source to import into; a unit's own workbook needs one (a new code creates the source) */
  readonly source?: string | undefined;
  /** for a unit's own workbook: its sheet (default: the first with content) */
  readonly sheet?: string | undefined;
  /** for a unit's own workbook: "问题=问题描述,牵头单位=责任部门", over the mapping guessed from its headers */
  readonly mapping?: string | undefined;
  /** for a new source made from a unit's own workbook */
  readonly title?: string | undefined;
  /** whose import it is: into an existing source only its owner imports */
  readonly scope: Scope;
  /** the owner of a source the import creates (an office importing: its unit; else the unit named as inspected) */
  readonly ownerUnitId?: number | null | undefined;
}

/**
 * A workbook in: our own four lists, or — when it has no 问题清单 sheet, or a mapping is given — a unit's own
 * ledger read through a mapping of its columns. All rows are checked before anything is written.
 */
export async function importLedgerWorkbook(ledger: Ledger, bytes: Uint8Array, opts: WorkbookImportOptions): Promise<WorkbookImportResult> {
  // an old .xls (or .et, .ods) is read as the .xlsx LibreOffice makes of it, and kept as it came
  const { bytes: xlsx, format } = await runHeavy('workbookAsXlsx', opts.fileName, bytes);
  const own = await runHeavy('readLedgerWorkbook', opts.fileName, xlsx);
  const isOwn = opts.mapping === undefined && opts.sheet === undefined && !own.missing.includes('缺少工作表“问题清单”');
  if (isOwn) return writeWorkbookPlan(ledger, planWorkbook(own, opts.source), bytes, { ...opts, format });
  return importMapped(ledger, xlsx, bytes, { ...opts, format });
}

async function importMapped(
  ledger: Ledger,
  xlsx: Uint8Array,
  bytes: Uint8Array,
  opts: WorkbookImportOptions & { format: WorkbookFormat },
): Promise<WorkbookImportResult> {
  const table = await runHeavy('readSheetTable', opts.fileName, xlsx, opts.sheet);
  if (!opts.source)
    throw new LedgerWorkbookError([
      '这不是本系统导出的台账工作簿（没有“问题清单”工作表）：请指定导入到哪个整改来源（可为新的来源编号），系统将按列对应读取',
    ]);
  const guessed = guessMapping(table.headers);
  const given = opts.mapping ? parseMapping(opts.mapping, table.headers) : { mapping: {}, reasons: [] };
  const mapping: ColumnMapping = { ...guessed, ...given.mapping };
  const reasons = [...table.faults, ...given.reasons];
  if (mapping.问题 === undefined && given.reasons.length === 0)
    reasons.push(
      `未能确定哪一列是“问题”，请写明列对应，如：问题=问题描述（工作表“${table.name}”的列有：${table.headers.filter(Boolean).join('、')}）`,
    );
  if (reasons.length) throw new LedgerWorkbookError(reasons);
  const existing = await sourceByCode(ledger.db, opts.source);
  const known = existing ? await topProblemTitles(ledger.db, existing.id) : [];
  const rows = mappedRows(table.rows, mapping, {
    code: opts.source,
    byTitle: new Map(known.map((p) => [p.title, p.code])),
    nextOrdinal: known.reduce((n, p) => Math.max(n, p.ordinal), 0) + 1,
  });
  const raw: RawWorkbook = {
    source: { [SOURCE_LABELS.title]: opts.title ?? `${opts.fileName.replace(/\.(?:xlsx|xls|et|ods)$/i, '')}` },
    problems: rows.problems,
    measures: rows.measures,
    supervision: [],
    missing: [],
  };
  const sheet = `工作表“${table.name}”`;
  const columns = new Set(Object.keys(mapping));
  const r = await writeWorkbookPlan(
    ledger,
    planWorkbook(raw, opts.source, { problems: sheet, measures: `${sheet}（整改措施）` }),
    bytes,
    opts,
    columns,
  );
  return { ...r, mapping: describeMapping(mapping, table.headers) };
}
