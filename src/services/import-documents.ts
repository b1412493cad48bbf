// Use case: import published reports into the ledger. All files are read first; then one transaction writes every
// source, aspect, problem, measure, status, claim and outcome. The same bytes imported again change nothing; a file
// that cannot be read, or any failure while writing, leaves the database as it was.
import { childCode, problemCode, sourceCode, sourceCodePrefix } from '../core/ledger/codes.ts';
import { planImport, UNTOLD, type Correction, type ImportPlan, type PlannedProblem } from '../core/ledger/import-plan.ts';
import { readFileBytes } from '../io/read-document.ts';
import { runHeavy } from './heavy-work.ts';
import type { ReadForImport } from './heavy-jobs.ts';
import { appendEvents, type NewEvent } from '../store/event.repository.ts';
import type { SameAs } from '../core/ledger/already-imported.ts';
import { ownerOfNewSource } from './source-owner.ts';
import { findDocument, insertDocument, lockFingerprint, sourcesOfDocument } from '../store/document.repository.ts';
import {
  insertAspects,
  insertClaims,
  insertMeasures,
  insertOutcomes,
  insertSource,
  nextSourceSeq,
  type Tx,
} from '../store/ledger.repository.ts';
import type { Ledger } from '../store/open-database.ts';
import { sha256Of, storeFile } from '../store/file-store.ts';
import { insertProblems, recordStatusChanges } from '../store/problem.repository.ts';
import { unitIdByName } from '../store/org.repository.ts';
import type { Report } from '../core/document/model.ts';
import { matchSource } from './recurrence.ts';
import { initialState, reportedStatus, transition } from '../core/ledger/problem-state.ts';
import { DocumentError, ImportError, ImportMismatchError } from '../core/errors.ts';

export interface ImportedSource {
  readonly code: string;
  readonly title: string;
  readonly problems: number;
}

export interface ImportResult {
  readonly file: string;
  readonly sha256: string;
  readonly status: 'imported' | 'already-imported';
  readonly sources: ImportedSource[];
  /** already imported: as which file, whether byte for byte, and as which sources */
  readonly sameAs?: SameAs;
}

export interface ImportOptions {
  readonly actor: string;
  readonly today: string;
  readonly maxBytes?: number;
  /** told of each source as it is written, before the transaction commits */
  readonly onSource?: (source: ImportedSource) => void;
  /** the unit whose ledger the sources belong to (an office importing in the web application: its own) */
  readonly ownerUnitId?: number | null;
  /** what a person corrected before confirming, per report of the (single) uploaded document */
  readonly corrections?: readonly (Correction & { report: number })[];
}

/** Files on disk (the command line). */
export async function importDocuments(ledger: Ledger, files: readonly string[], opts: ImportOptions): Promise<ImportResult[]> {
  return importRead(
    ledger,
    files.map((file) => async () => runHeavy('readForImport', file, await readFileBytes(file, opts.maxBytes), opts.maxBytes)),
    opts,
  );
}

/** Uploaded bytes (the web application): the same checks by content, never by name. */
export async function importDocumentBytes(
  ledger: Ledger,
  uploads: readonly { name: string; bytes: Uint8Array }[],
  opts: ImportOptions,
): Promise<ImportResult[]> {
  return importRead(
    ledger,
    uploads.map((u) => () => runHeavy('readForImport', u.name, u.bytes, opts.maxBytes)),
    opts,
  );
}

async function importRead(
  ledger: Ledger,
  readers: readonly (() => Promise<ReadForImport>)[],
  opts: ImportOptions,
): Promise<ImportResult[]> {
  const docs: (ReadForImport & { bytes: Uint8Array; sha256: string })[] = [];
  const failures: { file: string; reason: string }[] = [];
  for (const [i, read] of readers.entries()) {
    try {
      const r = await read();
      // a file with nothing the ledger can take is refused by name, not "imported" as no sources and remembered
      if (!r.reports.some(importable)) {
        failures.push({
          file: r.doc.file,
          reason: `文件“${r.doc.file.split(/[\\/]/).pop()}”中没有找到整改报告：应有报告标题和编号列出的问题`,
        });
        continue;
      }
      docs.push({ ...r, bytes: r.doc.data, sha256: sha256Of(r.doc.data) });
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      failures.push({ file: e.file || String(i + 1), reason: e.reason });
    }
  }
  if (failures.length) throw new ImportError(failures);
  // the files are kept first, chunk by chunk and outside the transaction (store/file-store.ts)
  for (const d of docs) await storeFile(ledger.db, d.bytes);

  const results = await ledger.db.transaction().execute(async (trx) => {
    const results: ImportResult[] = [];
    const seen = new Map<string, string>(); // fingerprint → file, within this import
    for (const { doc, bytes, sha256, reports, fingerprint } of docs) {
      await lockFingerprint(trx, fingerprint);
      const earlier = seen.get(fingerprint);
      const kept = earlier ? null : await findDocument(trx, sha256, fingerprint);
      if (earlier || kept) {
        const sameAs = kept
          ? { fileName: kept.file_name, sameBytes: kept.sha256 === sha256, sources: await sourcesOfDocument(trx, kept.id) }
          : { fileName: earlier as string, sameBytes: false, sources: [] };
        results.push({ file: doc.file, sha256, status: 'already-imported', sources: [], sameAs });
        continue;
      }
      seen.set(fingerprint, doc.file);
      const fileName = doc.file.split(/[\\/]/).pop() as string;
      const documentId = await insertDocument(trx, {
        sha256,
        fingerprint,
        file_name: fileName,
        format: doc.format,
        size: bytes.length,
        imported_by: opts.actor,
      });
      const sources: ImportedSource[] = [];
      for (const [index, report] of reports.entries()) {
        if (!importable(report)) continue;
        const plan = planImport(
          report,
          opts.today,
          (opts.corrections ?? []).filter((c) => c.report === index),
        );
        const written = await writeSource(trx, plan, report, {
          documentId,
          index,
          actor: opts.actor,
          ownerUnitId: opts.ownerUnitId ?? null,
        });
        sources.push(written);
        opts.onSource?.(written);
      }
      await appendEvents(trx, [
        {
          actor: opts.actor,
          entity: 'document',
          entityId: documentId,
          action: 'import',
          after: { fileName, sha256, sources: sources.map((s) => s.code) },
        },
      ]);
      results.push({ file: doc.file, sha256, status: 'imported', sources });
    }
    return results;
  });
  // after the import stands: each new source's problems matched against earlier ones (屡审屡犯, 共性问题); a failure
  // here leaves the import as it is and is only reported
  for (const r of results)
    for (const src of r.sources)
      await matchSource(ledger.db, src.code).catch((e: unknown) =>
        process.emitWarning(`整改来源 ${src.code} 已导入，但与以往问题的比对未能完成（导入的数据不受影响）：${(e as Error).message}`),
      );
  return results;
}

/** A report the ledger can take: one of a known kind, or one with aspects of problems. */
const importable = (report: Report) => !(report.kind === 'unknown' && report.aspects.length === 0);

/** Problems and specific problems the reader found in a report. */
function countProblems(report: Report): number {
  const n = (ps: readonly Report['aspects'][number]['problems'][number][]): number => ps.reduce((s, p) => s + 1 + n(p.children), 0);
  return report.aspects.reduce((s, a) => s + n(a.problems), 0);
}

interface WriteContext {
  readonly documentId: number;
  readonly index: number;
  readonly actor: string;
  readonly ownerUnitId: number | null;
}

interface FlatProblem {
  readonly plan: PlannedProblem;
  readonly code: string;
  readonly aspectOrdinal: number;
  readonly parentCode: string | null;
  readonly depth: number;
}

function flatten(plan: ImportPlan, code: string): FlatProblem[] {
  const out: FlatProblem[] = [];
  let counter = 0;
  const walk = (p: PlannedProblem, aspectOrdinal: number, parentCode: string | null, depth: number, i: number) => {
    const c = parentCode ? childCode(parentCode, i) : problemCode(code, ++counter);
    out.push({ plan: p, code: c, aspectOrdinal, parentCode, depth });
    p.children.forEach((child, j) => walk(child, aspectOrdinal, c, depth + 1, j + 1));
  };
  for (const a of plan.aspects) a.problems.forEach((p, i) => walk(p, a.ordinal, null, 0, i + 1));
  return out;
}

async function writeSource(trx: Tx, plan: ImportPlan, report: Report, ctx: WriteContext): Promise<ImportedSource> {
  const prefix = sourceCodePrefix(plan.kind, plan.year);
  const code = sourceCode(plan.kind, plan.year, await nextSourceSeq(trx, prefix));
  const { id: sourceId } = await insertSource(trx, {
    code,
    kind: plan.kind,
    title: plan.title,
    issuer: plan.issuer,
    round: plan.round,
    team: plan.team,
    inspected_unit: plan.inspectedUnit,
    owner_unit_id: await ownerOfNewSource(trx, ctx.ownerUnitId, plan.inspectedUnit, plan.issuer),
    period_start: plan.periodStart,
    period_end: plan.periodEnd,
    feedback_date: plan.feedbackDate,
    report_date: plan.reportDate,
    as_of: plan.asOf,
    document_id: ctx.documentId,
    report_index: ctx.index,
    report_lines: report.lines,
    parsed: JSON.stringify(report),
    findings: JSON.stringify(report.findings),
  });

  const aspectIds = new Map<number, number>();
  if (plan.aspects.length) {
    const rows = await insertAspects(
      trx,
      plan.aspects.map((a) => ({ source_id: sourceId, ordinal: a.ordinal, title: a.title, line: a.line })),
    );
    for (const r of rows) aspectIds.set(r.ordinal, r.id);
  }

  // Problems level by level, so every child finds its parent's id.
  const flat = flatten(plan, code);
  const unitIds = new Map<string, number>();
  for (const name of new Set(flat.flatMap((f) => (f.plan.leadUnit ? [f.plan.leadUnit] : []))))
    unitIds.set(name, await unitIdByName(trx, name, { forNewWork: false }));
  const ids = new Map<string, number>();
  for (let depth = 0; ; depth++) {
    const level = flat.filter((f) => f.depth === depth);
    if (level.length === 0) break;
    const written = await insertProblems(
      trx,
      level.map((f) => ({
        source_id: sourceId,
        aspect_id: aspectIds.get(f.aspectOrdinal) ?? null,
        parent_id: f.parentCode ? (ids.get(f.parentCode) ?? null) : null,
        code: f.code,
        ordinal: f.plan.ordinal,
        number: f.plan.number,
        title: f.plan.title,
        triage: f.plan.longTerm ? 'long-term' : null,
        long_term: f.plan.longTerm,
        status: f.plan.status,
        status_text: f.plan.statusText,
        detail: f.plan.detail,
        progress: f.plan.status === 'completed' ? 100 : 0,
        start_date: plan.feedbackDate,
        deadline: f.plan.deadline,
        lead_unit_id: f.plan.leadUnit ? (unitIds.get(f.plan.leadUnit) ?? null) : null,
        source_line: f.plan.line,
        last_progress_at: plan.statusDate,
      })),
    );
    for (const [code, id] of written) ids.set(code, id);
  }
  // every problem read is on the ledger, under its own code, or nothing is: a plan or a writer that drops or merges
  // problems (as numbering past 999 once did) refuses the import with the numbers instead of losing them quietly
  const read = countProblems(report);
  if (ids.size !== read || flat.length !== read) throw new ImportMismatchError(plan.title, read, ids.size);
  const idOf = (f: FlatProblem) => ids.get(f.code) as number;

  const measures = flat.flatMap((f) =>
    f.plan.measures.map((m) => ({
      problem_id: idOf(f),
      ordinal: m.ordinal,
      text: m.text,
      source_line: m.line,
      status: f.plan.status === 'completed' ? 'completed' : 'in-progress',
      progress: f.plan.status === 'completed' ? 100 : 0,
    })),
  );
  await insertMeasures(trx, measures);

  // Each status as the report states it, through the state machine's "import" step, dated the day it held and
  // recorded as taken from this document by the person who imported it. The report itself is the basis of a closed
  // status — kept once, on the source — and no closure request or approval is invented for it.
  const basis = `依据${plan.title ? `《${plan.title}》` : '报告'}（${plan.statusDate}）导入`;
  const changes = flat.map((f) => {
    const reason = `${basis}：${f.plan.statusText ?? UNTOLD}`;
    const t = transition(initialState(f.plan.longTerm), { kind: 'import', status: reportedStatus(f.plan.status), from: reason });
    if (!t.ok || t.state.status !== f.plan.status) throw new Error(`import of ${f.code}: the state machine refused ${f.plan.status}`);
    return {
      problem_id: idOf(f),
      at: plan.statusDate,
      from_status: null,
      to_status: t.state.status,
      reason,
      actor: ctx.actor,
      document_id: ctx.documentId,
    };
  });
  await recordStatusChanges(trx, changes);

  const claims = plan.claims.map((c) => ({
    source_id: sourceId,
    metric: c.metric,
    value: String(c.value),
    scope: c.scope,
    line: c.line,
    text: c.text,
  }));
  await insertClaims(trx, claims);

  // An outcome belongs to the innermost problem whose lines hold it.
  const holder = (line: number) =>
    flat.filter((f) => line >= f.plan.line && line <= f.plan.lastLine).sort((a, b) => b.plan.line - a.plan.line)[0];
  const outcomes = plan.outcomes.map((o) => {
    const h = holder(o.line);
    return {
      source_id: sourceId,
      problem_id: h ? idOf(h) : null,
      kind: o.kind,
      money_kind: o.moneyKind,
      amount: o.amount,
      unit: o.unit,
      amount_wan: o.amountWan,
      title: o.title,
      edition: o.edition,
      action: o.action,
      people: o.people,
      count: o.count,
      at: plan.statusDate,
      line: o.line,
      counted: o.counted,
      note: o.note,
    };
  });
  await insertOutcomes(trx, outcomes);

  const events: NewEvent[] = [
    {
      actor: ctx.actor,
      entity: 'source',
      entityId: sourceId,
      action: 'import',
      after: { code, title: plan.title, kind: plan.kind, problems: flat.length },
    },
    ...flat.map((f) => ({
      actor: ctx.actor,
      entity: 'problem',
      entityId: idOf(f),
      action: 'import',
      after: { code: f.code, title: f.plan.title, status: f.plan.status },
    })),
  ];
  await appendEvents(trx, events);
  return { code, title: plan.title, problems: flat.filter((f) => f.parentCode === null).length };
}
