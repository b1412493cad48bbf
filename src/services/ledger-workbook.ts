// Use cases: a source's ledger out as an .xlsx workbook (the four lists), and a workbook in — ours, or a unit's own
// read through a mapping of its columns — every row checked first, every fault named by sheet and row, and nothing
// written unless all of it is right.
import {
  readMeasureRow,
  readProblemRow,
  type SheetMeasure,
  type SheetProblem,
  type WorkbookImportResult,
} from '../core/ledger/ledger-sheet.ts';
import { sourceKindOf, type SourceKind } from '../core/ledger/codes.ts';
import { initialState, reportedStatus, transition, type LedgerStatus, type Transition } from '../core/ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../core/ledger/supervision.ts';
import { SOURCE_LABELS, type RawWorkbook } from '../io/ledger-workbook.ts';
import { runHeavy } from './heavy-work.ts';
import { describeMapping, guessMapping, mappedRows, parseMapping, type ColumnMapping } from '../core/ledger/column-mapping.ts';
import { appendEvents } from '../store/event.repository.ts';
import { auditHead } from '../store/audit-checkpoint.ts';
import { aspectsOfSource, insertAspects, insertMeasures, insertSource, type Tx } from '../store/ledger.repository.ts';
import { keepDocument } from '../store/document.repository.ts';
import { updateMeasure } from '../store/measure.repository.ts';
import { allUnits, insertUnit } from '../store/org.repository.ts';
import { allPeople, insertPerson } from '../store/person.repository.ts';
import { colourOf } from '../store/problem-colour.ts';
import { cooperatingUnitsOf } from '../store/snapshot.repository.ts';
import { ownsSource, sourceByCode, sourceInScope } from '../store/source.repository.ts';
import { hasSupervisionAction, recordSupervisionActions, supervisionActionsOf } from '../store/supervision.repository.ts';
import { lockProblemsOfSource, measureKeys, measuresForSheet, problemsForSheet, topProblemTitles } from '../store/workbook.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';
import { storeFile } from '../store/file-store.ts';
import {
  deleteProblemUnits,
  insertProblems,
  insertProblemUnits,
  recordStatusChanges,
  updateProblemAtVersion,
} from '../store/problem.repository.ts';
import { LedgerWorkbookError, StaleVersionError } from '../core/errors.ts';
import { ownerOfNewSource, refuseUnowned } from './source-owner.ts';
import type { Scope } from '../core/access/permissions.ts';

/** The import step never refuses (a row's status is taken as it stands); the type says it could. */
function statusAfter(t: Transition): LedgerStatus {
  if (!t.ok) throw new Error(t.error);
  return t.state.status;
}

export async function exportLedger(db: Db, code: string, today: string, scope?: Scope): Promise<Uint8Array> {
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

/** Where a row's faults are said to be: our own sheets by name, or the one sheet of a unit's workbook. */
interface SheetNames {
  readonly problems: string;
  readonly measures: string;
}
const OWN_SHEETS: SheetNames = { problems: '问题清单', measures: '任务清单' };

/** Checks every row; throws LedgerWorkbookError with all the faults, or returns what to write. */
function checkRaw(raw: RawWorkbook, sourceOverride: string | undefined, sheets: SheetNames = OWN_SHEETS) {
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
  const supervision: { code: string; at: string; kind: string; row: number }[] = [];
  for (const { row, cells } of raw.supervision) {
    const code = cells[0] === null ? '' : String(cells[0]).trim();
    for (const entry of String(cells[6] ?? '')
      .split(/[；;]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const m = /^(\d{4}-\d{2}-\d{2})\s+(\S+)$/.exec(entry);
      const kind = m ? Object.entries(SUPERVISION_LABEL).find(([, label]) => label === m[2])?.[0] : undefined;
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

/**
 * Names to ids for units and people, loaded once per import: a name not yet known is created (a workbook from
 * another ledger brings its own units and people along).
 */
async function nameIndex(trx: Tx) {
  const units = new Map((await allUnits(trx)).map((u) => [u.name, u.id]));
  const people = new Map<string, number>();
  for (const p of await allPeople(trx)) if (!people.has(p.name)) people.set(p.name, p.id);
  return {
    async unit(name: string | null): Promise<number | null> {
      if (!name) return null;
      const known = units.get(name);
      if (known) return known;
      const id = await insertUnit(trx, { name });
      units.set(name, id);
      return id;
    },
    async person(name: string | null, unit: number | null): Promise<number | null> {
      if (!name) return null;
      const known = people.get(name);
      if (known) return known;
      const id = await insertPerson(trx, { name, unit_id: unit });
      people.set(name, id);
      return id;
    },
  };
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
  readonly scope?: Scope | undefined;
  /** the owner of a source the import creates (an office importing: its unit; else the unit named as inspected) */
  readonly ownerUnitId?: number | null | undefined;
}

/**
 * A workbook in: our own four lists, or — when it has no 问题清单 sheet, or a mapping is given — a unit's own
 * ledger read through a mapping of its columns. All rows are checked before anything is written.
 */
export async function importLedgerWorkbook(ledger: Ledger, bytes: Uint8Array, opts: WorkbookImportOptions): Promise<WorkbookImportResult> {
  const own = await runHeavy('readLedgerWorkbook', opts.fileName, bytes);
  const isOwn = opts.mapping === undefined && opts.sheet === undefined && !own.missing.includes('缺少工作表“问题清单”');
  if (isOwn) return write(ledger, checkRaw(own, opts.source), bytes, opts);
  return importMapped(ledger, bytes, opts);
}

async function importMapped(ledger: Ledger, bytes: Uint8Array, opts: WorkbookImportOptions): Promise<WorkbookImportResult> {
  const table = await runHeavy('readSheetTable', opts.fileName, bytes, opts.sheet);
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
    source: { [SOURCE_LABELS.title]: opts.title ?? `${opts.fileName.replace(/\.xlsx$/i, '')}` },
    problems: rows.problems,
    measures: rows.measures,
    supervision: [],
    missing: [],
  };
  const sheet = `工作表“${table.name}”`;
  const columns = new Set(Object.keys(mapping));
  const r = await write(ledger, checkRaw(raw, opts.source, { problems: sheet, measures: `${sheet}（整改措施）` }), bytes, opts, columns);
  return { ...r, mapping: describeMapping(mapping, table.headers) };
}

/** Which problem fields each of our columns writes: a unit's workbook updates an existing problem only where it has the column. */
const FIELDS_OF: Record<string, readonly string[]> = {
  方面: ['aspect_id'],
  问题: ['title', 'words'],
  长期整改: ['long_term'],
  整改类别: ['triage'],
  牵头单位: ['lead_unit_id'],
  责任领导: ['lead_leader_id'],
  责任人: ['responsible_person_id'],
  整改时限: ['deadline'],
  成效目标: ['target'],
  应改金额: ['amount_due', 'amount_unit'],
  '进度（%）': ['progress'],
};

/**
 * Writes checked rows in one transaction. `mapped`: the columns a unit's workbook has; an existing problem keeps
 * everything else (its status too, when the workbook has no status column).
 */
async function write(
  ledger: Ledger,
  wb: ReturnType<typeof checkRaw>,
  bytes: Uint8Array,
  opts: WorkbookImportOptions,
  mapped?: ReadonlySet<string>,
): Promise<WorkbookImportResult> {
  // the workbook is kept first, chunk by chunk and outside the transaction (store/file-store.ts)
  const sha256 = await storeFile(ledger.db, bytes);
  return ledger.db.transaction().execute(async (trx) => {
    const names = await nameIndex(trx);
    let source = await sourceByCode(trx, wb.code);
    const created = !source;
    // into a source that exists, only its owner imports
    if (source && !(await ownsSource(trx, source.id, opts.scope))) await refuseUnowned(trx, wb.code, opts.scope, '向它导入台账');
    if (!source) {
      const kind = (
        ['xunshi', 'xuncha', 'audit', 'special-check', 'self-evaluation', 'other'].includes(wb.source.kind ?? '')
          ? wb.source.kind
          : sourceKindOf('', wb.source.title ?? '', wb.source.team)
      ) as SourceKind;
      source = await insertSource(trx, {
        code: wb.code,
        kind,
        title: wb.source.title ?? wb.code,
        team: wb.source.team,
        inspected_unit: wb.source.inspectedUnit,
        owner_unit_id: await ownerOfNewSource(trx, opts.ownerUnitId, wb.source.inspectedUnit),
        feedback_date: wb.source.feedbackDate,
        findings: '[]',
      });
    }
    const documentId = await keepDocument(trx, {
      sha256,
      file_name: opts.fileName,
      format: 'xlsx',
      size: bytes.length,
      imported_by: opts.actor,
    });
    const aspects = new Map<string, number>();
    for (const a of await aspectsOfSource(trx, source.id)) aspects.set(a.title, a.id);
    const known = new Map((await lockProblemsOfSource(trx, source.id)).map((p) => [p.code, p]));
    const ids = new Map<string, number>();
    const events = [];
    // parents before their specific problems: "XC2021-01-008" before "XC2021-01-008-01"
    for (const p of [...wb.problems].sort((a, b) => a.code.split('-').length - b.code.split('-').length || a.code.localeCompare(b.code))) {
      let aspectId: number | null = null;
      if (p.aspect) {
        aspectId = aspects.get(p.aspect) ?? null;
        if (!aspectId) {
          aspectId = (await insertAspects(trx, [{ source_id: source.id, ordinal: aspects.size + 1, title: p.aspect }]))[0]?.id as number;
          aspects.set(p.aspect, aspectId);
        }
      }
      const lead = await names.unit(p.leadUnit);
      const parentCode = p.code.split('-').slice(0, -1).join('-');
      const values = {
        aspect_id: aspectId,
        parent_id: ids.get(parentCode) ?? null,
        title: p.title,
        words: null, // segmented again for recurrence matching when next needed
        triage: p.triage,
        long_term: p.longTerm,
        status: p.status as LedgerStatus,
        progress: p.progress,
        lead_unit_id: lead,
        lead_leader_id: await names.person(p.leadLeader, lead),
        responsible_person_id: await names.person(p.responsiblePerson, lead),
        deadline: p.deadline,
        target: p.target,
        amount_due: p.amountDue?.amount ?? null,
        amount_unit: p.amountDue?.unit ?? null,
        start_date: p.startDate,
        last_progress_at: p.lastReportAt,
      };
      const existing = known.get(p.code);
      const has = (column: string) => !existing || !mapped || mapped.has(column);
      if (existing && mapped) {
        const kept = Object.entries(FIELDS_OF)
          .filter(([column]) => !mapped.has(column))
          .flatMap(([, fields]) => fields);
        for (const f of [...kept, 'status', 'start_date', 'last_progress_at', 'parent_id'])
          if (f !== 'status' || !mapped.has('状态')) delete (values as Record<string, unknown>)[f];
      }
      const reason = `依据台账工作簿“${opts.fileName}”第${p.row}行`;
      // what the row's status makes of the problem's — or of a new one's first state: the state machine's "import"
      // step (a row cannot put a closure request on the ledger: 待审核销号 without one is read as being rectified)
      const before = existing
        ? {
            status: existing.status as LedgerStatus,
            longTerm: existing.long_term,
            pendingEvidence: 0,
            reopenedCount: existing.reopened_count,
          }
        : initialState(p.longTerm);
      const status: LedgerStatus =
        !existing || has('状态')
          ? statusAfter(transition(before, { kind: 'import', status: reportedStatus(p.status), from: reason }))
          : before.status;
      if ('status' in values) values.status = status;
      let id: number;
      if (existing) {
        id = existing.id;
        if (
          !(await updateProblemAtVersion(trx, id, existing.version, { ...values, version: existing.version + 1, updated_at: new Date() }))
        )
          throw new StaleVersionError(p.code);
      } else {
        const ordinal = Number(p.code.split('-').pop()) || 1;
        id = (await insertProblems(trx, [{ ...values, status, source_id: source.id, code: p.code, ordinal }])).get(p.code) as number;
      }
      ids.set(p.code, id);
      if (!existing || existing.status !== status) {
        await recordStatusChanges(trx, [
          {
            problem_id: id,
            at: opts.today,
            from_status: (existing?.status as LedgerStatus | undefined) ?? null,
            to_status: status,
            reason,
            actor: opts.actor,
            // the workbook is the basis of the status it states, kept once as a document
            document_id: documentId,
          },
        ]);
      }
      const pu: { problem_id: number; unit_id: number; role: string }[] = [];
      if (has('牵头单位')) {
        await deleteProblemUnits(trx, id, 'lead');
        if (lead) pu.push({ problem_id: id, unit_id: lead, role: 'lead' });
      }
      if (has('配合单位')) {
        await deleteProblemUnits(trx, id, 'cooperating');
        for (const name of p.cooperatingUnits) {
          const u = (await names.unit(name)) as number;
          if (u !== lead) pu.push({ problem_id: id, unit_id: u, role: 'cooperating' });
        }
      }
      await insertProblemUnits(trx, pu);
      events.push({
        actor: opts.actor,
        entity: 'problem',
        entityId: id,
        action: existing ? 'workbook-update' : 'workbook-import',
        after: { code: p.code, status },
      });
    }
    for (const sv of wb.supervision) {
      const problemId = ids.get(sv.code);
      if (!problemId) continue;
      if (!(await hasSupervisionAction(trx, problemId, sv.kind, sv.at)))
        await recordSupervisionActions(trx, [
          { problem_id: problemId, kind: sv.kind, at: sv.at, by: opts.actor, note: `依据台账工作簿督办清单第${sv.row}行` },
        ]);
    }
    const knownMeasures = new Map(
      (ids.size ? await measureKeys(trx, [...ids.values()]) : []).map((m) => [`${m.problem_id}:${m.ordinal}`, m]),
    );
    for (const m of wb.measures) {
      const problemId = ids.get(m.problem) as number;
      const owner = await names.unit(m.ownerUnit);
      const values = {
        text: m.text,
        owner_unit_id: owner,
        owner_person_id: await names.person(m.ownerPerson, owner),
        deadline: m.deadline,
        status: m.status,
        progress: m.progress,
      };
      const existing = knownMeasures.get(`${problemId}:${m.ordinal}`);
      if (existing) await updateMeasure(trx, existing.id, values);
      else await insertMeasures(trx, [{ ...values, problem_id: problemId, ordinal: m.ordinal }]);
    }
    await appendEvents(trx, [
      {
        actor: opts.actor,
        entity: 'source',
        entityId: source.id,
        action: 'workbook-import',
        after: { code: source.code, fileName: opts.fileName, sha256, problems: wb.problems.length, measures: wb.measures.length },
      },
      ...events,
    ]);
    return { source: source.code, created, problems: wb.problems.length, measures: wb.measures.length };
  });
}
