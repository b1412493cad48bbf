// Use case: read files and return their checked reports, or for each unreadable file the reason.

import { readFileBytes, type DocumentFormat } from '../io/read-document.ts';
import { DocumentError } from '../core/errors.ts';
import { runHeavy, runHeavyWatched } from './heavy-work.ts';
import type { Progress } from './job-progress.ts';

import type { Report } from '../core/document/model.ts';

export interface FileReports {
  readonly file: string;
  readonly format: DocumentFormat | null;
  readonly encoding: string | null;
  /** recognised from pictures of its pages: each page's confidence; null when read as text */
  readonly ocr: { page: number; confidence: number; firstLine: number }[] | null;
  readonly lines: readonly string[]; // the text as read, for quoting lines
  readonly reports: Report[];
  readonly error: { code: string; message: string } | null;
}

export async function readReportFiles(files: readonly string[], maxBytes?: number): Promise<FileReports[]> {
  const out: FileReports[] = [];
  for (const file of files) {
    try {
      out.push({ ...(await runHeavy('readReport', file, await readFileBytes(file, maxBytes), maxBytes)), error: null });
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      out.push({ file, format: null, encoding: null, ocr: null, lines: [], reports: [], error: { code: e.code, message: e.reason } });
    }
  }
  return out;
}

/** An uploaded document, read and checked, as JSON made off the event loop (a FileReports without `error`). */
export async function readReportBytesAsJson(
  name: string,
  bytes: Uint8Array,
  maxBytes?: number,
  onProgress: (p: Progress) => void = () => {},
): Promise<Buffer> {
  const json = await runHeavyWatched('readReportJson', onProgress, name, bytes, maxBytes);
  return Buffer.from(json.buffer, json.byteOffset, json.byteLength);
}
