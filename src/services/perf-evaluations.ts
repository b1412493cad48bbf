// Use cases of budget performance self-evaluation: read one from a file (text, .docx, .pdf or .xlsx) and score it;
// keep it (one transaction, with the file); edit it (versioned); export the 自评表 as .xlsx or .docx; and turn its
// problems — the narrative's 存在的问题 and every indicator that fell short — into ledger problems with one action.
import type { DocumentFormat, WorkbookFormat } from '../core/document/formats.ts';
import type { Evaluation } from '../core/perf/evaluation.ts';
import { runHeavy } from './heavy-work.ts';
import { scoreEvaluation, type ScoreOptions, type ScoredEvaluation } from '../core/perf/score-evaluation.ts';
import { selfEvaluationDocument } from '../core/perf/self-evaluation-document.ts';
import { selfEvaluationReport } from '../core/perf/self-evaluation-report.ts';
import { NARRATIVE_LABEL } from '../core/perf/narrative.ts';
import { whatWasFound, type YearOfUnit, yearOnYear } from '../core/perf/year-on-year.ts';
import { ledgerSnapshot } from './official-documents.ts';
import { appendEvents } from '../store/event.repository.ts';
import { keepDocument } from '../store/document.repository.ts';
import { evaluationInScope, evaluationsInScope, insertEvaluation, lockEvaluation, updateEvaluation } from '../store/perf.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';
import { storeFile } from '../store/file-store.ts';
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';
import { planFromEvaluation } from '../core/perf/evaluation-plan.ts';
import { writeNewSource } from './ledger-writer/new-source.ts';

export interface ReadEvaluation {
  readonly evaluation: Evaluation;
  readonly scored: ScoredEvaluation;
  /** where a line of what was read came from: "第58行", or "工作表“自评表”第12行" */
  readonly origin: (line: number) => string;
  readonly format: DocumentFormat | WorkbookFormat;
}

/** Reads a self-evaluation from a file and scores it; PerfImportError names every cell that cannot be read. */
export async function readEvaluation(name: string, bytes: Uint8Array, opts: ScoreOptions = {}): Promise<ReadEvaluation> {
  const { origins, ...read } = await runHeavy('readEvaluation', name, bytes, opts);
  return { ...read, origin: (line: number) => origins[line - 1] ?? `第${line}行` };
}

export async function importEvaluation(
  ledger: Ledger,
  file: { name: string; bytes: Uint8Array },
  actor: string,
  ownerUnitId: number | null = null,
): Promise<{ id: number; evaluation: Evaluation; scored: ScoredEvaluation; origin: (line: number) => string }> {
  const read = await readEvaluation(file.name, file.bytes);
  const sha256 = await storeFile(ledger.db, file.bytes);
  const id = await ledger.db.transaction().execute(async (trx) => {
    const documentId = await keepDocument(trx, {
      sha256,
      file_name: file.name,
      format: read.format,
      size: file.bytes.length,
      imported_by: actor,
    });
    const id = await insertEvaluation(trx, {
      unit: read.evaluation.unit,
      year: read.evaluation.year,
      data: JSON.stringify(read.evaluation),
      document_id: documentId,
      owner_unit_id: ownerUnitId,
      created_by: actor,
    });
    await appendEvents(trx, [
      {
        actor,
        entity: 'perf_evaluation',
        entityId: id,
        action: 'import',
        after: { unit: read.evaluation.unit, year: read.evaluation.year, file: file.name, sha256, total: read.scored.total },
      },
    ]);
    return id;
  });
  return { id, ...read };
}

async function row(db: Db, id: number, scope: Scope) {
  const r = await evaluationInScope(db, id, scope);
  if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
  return r;
}

export async function getEvaluation(db: Db, id: number, opts: ScoreOptions = {}, scope: Scope) {
  const r = await row(db, id, scope);
  const evaluation = r.data;
  return { id: r.id, version: r.version, source: r.source, evaluation, scored: scoreEvaluation(evaluation, opts) };
}

export async function listEvaluations(db: Db, scope: Scope) {
  const rows = await evaluationsInScope(db, scope);
  return rows.map((r) => {
    const s = scoreEvaluation(r.data);
    return { id: r.id, unit: r.unit, year: r.year, total: s.total, grade: s.grade, findings: s.findings.length, source: r.source };
  });
}

/** An edit of the whole evaluation, refused when someone else saved first. */
export async function saveEvaluation(db: Db, id: number, evaluation: Evaluation, expectedVersion: number, actor: string, scope: Scope) {
  return db.transaction().execute(async (trx) => {
    const r = await lockEvaluation(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
    if (r.version !== expectedVersion) throw new StaleVersionError(String(id), '绩效自评');
    await updateEvaluation(trx, id, {
      unit: evaluation.unit,
      year: evaluation.year,
      data: JSON.stringify(evaluation),
      version: r.version + 1,
      updated_at: new Date(),
    });
    const scored = scoreEvaluation(evaluation);
    await appendEvents(trx, [{ actor, entity: 'perf_evaluation', entityId: id, action: 'edit', before: r.data, after: evaluation }]);
    return { version: r.version + 1, scored };
  });
}

export async function exportEvaluation(
  db: Db,
  id: number,
  format: 'xlsx' | 'docx',
  today: string,
  scope: Scope,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { evaluation, scored } = await getEvaluation(db, id, {}, scope);
  const base = `${evaluation.unit || '预算单位'}-${evaluation.year ?? ''}年度绩效自评表`;
  if (format === 'xlsx') return { fileName: `${base}.xlsx`, bytes: await runHeavy('writePerfWorkbook', evaluation, scored) };
  return { fileName: `${base}.docx`, bytes: await runHeavy('writeOfficialDocx', selfEvaluationDocument(evaluation, scored, today)) };
}

/**
 * The evaluation's problems onto the ledger as a source of kind self-evaluation: each problem the narrative names
 * (with the measures it lists, paired in order; measures left over go with the last problem), and each indicator
 * that fell short of its weight. Once per evaluation.
 */
export async function evaluationToLedger(
  ledger: Ledger,
  id: number,
  actor: string,
  today: string,
  scope: Scope,
): Promise<{ source: string; problems: number; measures: number }> {
  return ledger.db.transaction().execute(async (trx) => {
    const r = await lockEvaluation(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
    if (r.source_id !== null) throw new ActionRefused('这份绩效自评的问题已转入整改台账');
    const e = r.data;
    const scored = scoreEvaluation(e);
    const plan = planFromEvaluation(e, scored, today);
    if (plan.aspects.length === 0) throw new ActionRefused('这份绩效自评没有写明存在的问题，也没有未达成的指标，无可转入台账的问题');
    const source = await writeNewSource(trx, plan, {
      actor,
      ownerUnitId: r.owner_unit_id,
      findings: scored.findings,
      reason: () => `由绩效自评（编号 ${id}）转入`,
    });
    const measures = plan.aspects.flatMap((a) => a.problems).reduce((n, p) => n + p.measures.length, 0);
    await updateEvaluation(trx, id, { source_id: source.id, version: r.version + 1, updated_at: new Date() });
    await appendEvents(trx, [
      {
        actor,
        entity: 'source',
        entityId: source.id,
        action: 'from-self-evaluation',
        after: { code: source.code, evaluation: id, problems: source.problems, measures },
      },
    ]);
    return { source: source.code, problems: source.problems, measures };
  });
}

/**
 * The 自评报告 of an evaluation as .docx, written from its tables, its scoring and the unit's words, with the
 * rectification of `source` (its code) as the ledger stood on `asOf`. Tells which of the unit's sections are unwritten.
 */
export async function evaluationReport(
  db: Db,
  id: number,
  opts: { readonly source?: string | undefined; readonly asOf: string; readonly today: string },
  scope: Scope,
): Promise<{ fileName: string; bytes: Uint8Array; unwritten: string[] }> {
  const { evaluation, scored } = await getEvaluation(db, id, {}, scope);
  const rectification = opts.source ? await ledgerSnapshot(db, opts.source, opts.asOf, opts.today, scope) : null;
  const { document, unwritten } = selfEvaluationReport(evaluation, scored, { date: opts.today, rectification });
  return {
    fileName: `${evaluation.unit || '预算单位'}-${evaluation.year ?? ''}年度整体支出绩效自评报告.docx`,
    bytes: await runHeavy('writeOfficialDocx', document),
    unwritten: unwritten.map((k) => NARRATIVE_LABEL[k]),
  };
}

/** The unit's evaluations of every year the viewer sees, scored: for the comparison year on year. */
async function yearsOfUnit(db: Db, unit: string, scope: Scope): Promise<YearOfUnit[]> {
  const rows = (await evaluationsInScope(db, scope)).filter((r) => r.unit === unit && r.year !== null);
  return rows.map((r) => ({ year: r.year as number, evaluation: r.data, scored: scoreEvaluation(r.data) }));
}

/** This evaluation's indicators beside the same unit's other years. */
export async function evaluationYears(db: Db, id: number, scope: Scope) {
  const r = await row(db, id, scope);
  if (r.year === null) return yearOnYear([]);
  const others = (await yearsOfUnit(db, r.unit, scope)).filter((y) => y.year !== r.year);
  return yearOnYear([
    { year: r.year, evaluation: r.data, scored: scoreEvaluation(r.data) },
    ...others.filter((y) => y.year < (r.year as number)),
  ]);
}

/** What the unit's evaluation of the year before found, for whoever sets this year's targets; null when there is none. */
export async function previousYearFindings(db: Db, unit: string, year: number | null, scope: Scope) {
  if (year === null) return null;
  const before = (await yearsOfUnit(db, unit, scope)).find((y) => y.year === year - 1);
  return before ? { year: before.year, ...whatWasFound(before.evaluation, before.scored) } : null;
}
