// Use case: read files and return their checked reports, or for each unreadable file the reason.

import { readReports } from '../core/read-reports.ts';
import { DocumentError, readDocument, readDocumentBytes, type DocumentFormat } from '../io/read-document.ts';

export { DocumentError };
import type { Report } from '../core/document/model.ts';

export interface FileReports {
  readonly file: string;
  readonly format: DocumentFormat | null;
  readonly encoding: string | null;
  readonly lines: readonly string[]; // the text as read, for quoting lines
  readonly reports: Report[];
  readonly error: { code: string; message: string } | null;
}

export async function readReportFiles(files: readonly string[], maxBytes?: number): Promise<FileReports[]> {
  const out: FileReports[] = [];
  for (const file of files) {
    try {
      const doc = await readDocument(file, maxBytes);
      out.push({ file, format: doc.format, encoding: doc.encoding, lines: doc.text.split(/\r\n|\r|\n/), reports: readReports(doc.text), error: null });
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      out.push({ file, format: null, encoding: null, lines: [], reports: [], error: { code: e.code, message: e.reason } });
    }
  }
  return out;
}

/** An uploaded document, read and checked without touching the ledger; DocumentError when it cannot be read. */
export async function readReportBytes(name: string, bytes: Uint8Array, maxBytes?: number): Promise<FileReports> {
  const doc = await readDocumentBytes(name, bytes, maxBytes);
  return { file: doc.file, format: doc.format, encoding: doc.encoding, lines: doc.text.split(/\r\n|\r|\n/), reports: readReports(doc.text), error: null };
}
