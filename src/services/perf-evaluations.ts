// Use cases of budget performance self-evaluation: read one from a file (text, .docx, .pdf or .xlsx) and score it;
// keep it (one transaction, with the file); edit it (versioned); export the 自评表 as .xlsx or .docx; and turn its
// problems — the narrative's 存在的问题 and every indicator that fell short — into ledger problems with one action.
import type { Finding } from '../core/check/finding.ts';
import { problemCode, sourceCode, sourceCodePrefix } from '../core/ledger/codes.ts';
import type { Evaluation } from '../core/perf/evaluation.ts';
import { runHeavy } from './heavy-work.ts';
import { scoreEvaluation, type ScoreOptions, type ScoredEvaluation } from '../core/perf/score-evaluation.ts';
import { selfEvaluationDocument } from '../core/perf/self-evaluation-document.ts';
import { appendEvents } from '../store/event.repository.ts';
import { insertAspects, insertMeasures, insertSource, nextSourceSeq } from '../store/ledger.repository.ts';
import { keepDocument } from '../store/document.repository.ts';
import { evaluationInScope, evaluationsInScope, insertEvaluation, lockEvaluation, updateEvaluation } from '../store/perf.repository.ts';
import type { Db, Ledger } from '../store/open-database.ts';
import { storeFile } from '../store/file-store.ts';
import { insertProblems, recordStatusChanges } from '../store/problem.repository.ts';
import type { Scope } from '../core/access/permissions.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../core/errors.ts';

export interface ReadEvaluation {
  readonly evaluation: Evaluation;
  readonly scored: ScoredEvaluation;
  /** where a line of what was read came from: "第58行", or "工作表“自评表”第12行" */
  readonly origin: (line: number) => string;
  readonly format: 'txt' | 'docx' | 'pdf' | 'xlsx';
}

/** Reads a self-evaluation from a file and scores it; PerfImportError names every cell that cannot be read. */
export async function readEvaluation(name: string, bytes: Uint8Array, opts: ScoreOptions = {}): Promise<ReadEvaluation> {
  const { origins, ...read } = await runHeavy('readEvaluation', name, bytes, opts);
  return { ...read, origin: (line: number) => origins[line - 1] ?? `第${line}行` };
}

/** Findings with their lines said the way the file has them. */
export function placedFindings(findings: readonly Finding[], origin: (line: number) => string): (Finding & { where: string[] })[] {
  return findings.map((f) => ({ ...f, where: f.lines.map(origin) }));
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

async function row(db: Db, id: number, scope?: Scope) {
  const r = await evaluationInScope(db, id, scope);
  if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
  return r;
}

export async function getEvaluation(db: Db, id: number, opts: ScoreOptions = {}, scope?: Scope) {
  const r = await row(db, id, scope);
  const evaluation = r.data as unknown as Evaluation;
  return { id: r.id, version: r.version, source: r.source, evaluation, scored: scoreEvaluation(evaluation, opts) };
}

export async function listEvaluations(db: Db, scope?: Scope) {
  const rows = await evaluationsInScope(db, scope);
  return rows.map((r) => {
    const s = scoreEvaluation(r.data as unknown as Evaluation);
    return { id: r.id, unit: r.unit, year: r.year, total: s.total, grade: s.grade, findings: s.findings.length, source: r.source };
  });
}

/** An edit of the whole evaluation, refused when someone else saved first. */
export async function saveEvaluation(db: Db, id: number, evaluation: Evaluation, expectedVersion: number, actor: string, scope?: Scope) {
  return db.transaction().execute(async (trx) => {
    const r = await lockEvaluation(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
    if (r.version !== expectedVersion) throw new StaleVersionError(`这份绩效自评已被他人修改（版本 ${r.version}），请刷新后再改`);
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
  scope?: Scope,
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
  scope?: Scope,
): Promise<{ source: string; problems: number; measures: number }> {
  return ledger.db.transaction().execute(async (trx) => {
    const r = await lockEvaluation(trx, id, scope);
    if (!r) throw new NotFoundError(`没有编号为 ${id} 的绩效自评`);
    if (r.source_id !== null) throw new ActionRefused('这份绩效自评的问题已转入整改台账');
    const e = r.data as unknown as Evaluation;
    const scored = scoreEvaluation(e);
    const shortfalls = scored.indicators.filter((i) => i.weight !== null && i.score !== null && i.score < i.weight);
    if (e.problems.length === 0 && shortfalls.length === 0)
      throw new ActionRefused('这份绩效自评没有写明存在的问题，也没有未达成的指标，无可转入台账的问题');
    const year = e.year ?? Number(today.slice(0, 4));
    const prefix = sourceCodePrefix('self-evaluation', year);
    const code = sourceCode('self-evaluation', year, await nextSourceSeq(trx, prefix));
    const source = await insertSource(trx, {
      code,
      kind: 'self-evaluation',
      title: `${e.unit}${e.year ?? ''}年度预算绩效自评发现的问题`,
      issuer: e.unit,
      inspected_unit: e.unit,
      owner_unit_id: r.owner_unit_id,
      report_date: today,
      findings: JSON.stringify(scored.findings),
    });
    let ordinal = 0;
    let measures = 0;
    const add = async (aspectId: number, title: string, detail: string | null, steps: readonly string[]) => {
      const problem = problemCode(code, ++ordinal);
      const ids = await insertProblems(trx, [
        {
          source_id: source.id,
          aspect_id: aspectId,
          code: problem,
          ordinal,
          title,
          detail,
          status: 'not-started',
          triage: 'deadline',
          start_date: today,
        },
      ]);
      const problemId = ids.get(problem) as number;
      await recordStatusChanges(trx, [
        { problem_id: problemId, at: today, from_status: null, to_status: 'not-started', reason: `由绩效自评（编号 ${id}）转入`, actor },
      ]);
      for (const [k, text] of steps.entries()) await insertMeasures(trx, [{ problem_id: problemId, ordinal: k + 1, text }]);
      measures += steps.length;
    };
    const aspect = async (n: number, title: string) =>
      (await insertAspects(trx, [{ source_id: source.id, ordinal: n, title }]))[0]?.id as number;
    if (e.problems.length) {
      const a = await aspect(1, '自评发现的问题');
      for (const [k, p] of e.problems.entries()) {
        const last = k === e.problems.length - 1;
        const steps = last ? e.measures.slice(k).map((m) => m.text) : e.measures[k] ? [e.measures[k].text] : [];
        await add(a, p.text, null, steps);
      }
    }
    if (shortfalls.length) {
      const a = await aspect(2, '未达成的绩效指标');
      for (const i of shortfalls)
        await add(
          a,
          `绩效指标“${i.level3}”未达成`,
          `${i.level1}/${i.level2}：年度指标值${i.target}，实际完成值${i.actual}，得分${i.score}（分值${i.weight}）`,
          e.indicators.find((x) => x.level3 === i.level3)?.deviation
            ? [e.indicators.find((x) => x.level3 === i.level3)?.deviation as string]
            : [],
        );
    }
    await updateEvaluation(trx, id, { source_id: source.id, version: r.version + 1, updated_at: new Date() });
    await appendEvents(trx, [
      {
        actor,
        entity: 'source',
        entityId: source.id,
        action: 'from-self-evaluation',
        after: { code, evaluation: id, problems: ordinal, measures },
      },
    ]);
    return { source: code, problems: ordinal, measures };
  });
}
