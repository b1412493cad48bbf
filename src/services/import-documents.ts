import { importable, noReportIn } from '../core/ledger/importable.ts';
import { planImport, UNTOLD, type Correction } from '../core/ledger/import-plan.ts';
import { writeNewSource, type ImportedSource } from './ledger-writer/new-source.ts';
export type { ImportedSource } from './ledger-writer/new-source.ts';
import { readFileBytes } from '../io/read-document.ts';
import { runHeavy, runHeavyWatched } from './heavy-work.ts';
import type { Progress } from './job-progress.ts';
import type { ReadForImport } from './heavy-jobs.ts';
import { appendEvents, chainAlgorithm } from '../store/event.repository.ts';
import type { SameAs } from '../core/ledger/already-imported.ts';
import { findDocument, insertDocument, lockFingerprint, sourcesOfDocument } from '../store/document.repository.ts';
import type { Ledger } from '../store/open-database.ts';
import { sha256Of, storeFile } from '../store/file-store.ts';
import { matchSource } from './recurrence.ts';
import { DocumentError, ImportError } from '../core/errors.ts';

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
  /** how far the reading of the file being read has got (the pages of a scan) */
  readonly onProgress?: ((p: Progress) => void) | undefined;
}

/** Files on disk (the command line). */
export async function importDocuments(ledger: Ledger, files: readonly string[], opts: ImportOptions): Promise<ImportResult[]> {
  const algorithm = await chainAlgorithm(ledger.db);
  return importRead(
    ledger,
    files.map((file) => async () => runHeavy('readForImport', file, await readFileBytes(file, opts.maxBytes), opts.maxBytes, algorithm)),
    opts,
  );
}

/** Uploaded bytes (the web application): the same checks by content, never by name. */
export async function importDocumentBytes(
  ledger: Ledger,
  uploads: readonly { name: string; bytes: Uint8Array }[],
  opts: ImportOptions,
): Promise<ImportResult[]> {
  const algorithm = await chainAlgorithm(ledger.db);
  return importRead(
    ledger,
    uploads.map((u) => () => runHeavyWatched('readForImport', opts.onProgress ?? (() => {}), u.name, u.bytes, opts.maxBytes, algorithm)),
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
          reason: noReportIn(r.doc.file.split(/[\\/]/).pop() as string),
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
        // the status each problem is imported with rests on the report, by its title and the day its statuses held
        const basis = `依据${plan.title ? `《${plan.title}》` : '报告'}（${plan.statusDate}）导入`;
        const written = await writeNewSource(trx, plan, {
          actor: opts.actor,
          ownerUnitId: opts.ownerUnitId ?? null,
          read: { documentId, index, report },
          reason: (p) => `${basis}：${p.statusText ?? UNTOLD}`,
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
