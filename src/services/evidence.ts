// Reading evidence back: the kept file, for the person whose scope holds its problem, under its original name, and
// its words for a preview; and the report or workbook a status was imported from, the basis of that status. Storing
// evidence is a step on a problem (problem-actions.ts addEvidence).
import { evidenceView, type EvidenceView } from '../core/ledger/evidence-file.ts';
import type { Scope } from '../core/access/permissions.ts';
import { NotFoundError } from '../core/errors.ts';
import { readStoredFile } from '../store/file-store.ts';
import type { Db } from '../store/open-database.ts';
import { runHeavy } from './heavy-work.ts';
import { documentInScope } from '../store/document.repository.ts';
import { evidenceInScope } from '../store/evidence.repository.ts';

export interface KeptEvidence {
  readonly fileName: string;
  readonly mime: string;
  readonly view: EvidenceView;
  readonly bytes: Uint8Array;
}

/** The evidence file, if its problem is within the viewer's scope; otherwise "not found", as for any other record. */
export async function evidenceFile(db: Db, id: number, scope: Scope): Promise<KeptEvidence> {
  const e = await evidenceInScope(db, id, scope);
  if (!e) throw new NotFoundError(`佐证材料 ${id} 不存在，或您无权查看`);
  const bytes = await readStoredFile(db, e.sha256);
  if (!bytes) throw new NotFoundError(`佐证材料“${e.file_name}”的文件未能完整保存，请重新上传`);
  return { fileName: e.file_name, mime: e.mime, view: evidenceView(e.mime), bytes };
}

/** Its words for the preview (read in a worker: a Word document or a workbook is heavy work). */
export async function evidenceText(db: Db, id: number, scope: Scope) {
  const f = await evidenceFile(db, id, scope);
  const { text, truncated } = await runHeavy('evidenceText', f.fileName, f.mime, f.bytes);
  return { fileName: f.fileName, text, truncated };
}

const DOCUMENT_MIME: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A kept report or workbook, for a person who sees a source imported from it or a problem whose status was taken
 * from it: the basis of an imported status, downloaded under the name it was imported under.
 */
export async function keptDocument(db: Db, id: number, scope: Scope): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  const d = await documentInScope(db, id, scope);
  if (!d) throw new NotFoundError(`文档 ${id} 不存在，或您无权查看`);
  const bytes = await readStoredFile(db, d.sha256);
  if (!bytes) throw new NotFoundError(`文档“${d.file_name}”的文件未能完整保存`);
  return { fileName: d.file_name, mime: DOCUMENT_MIME[d.format] ?? 'application/octet-stream', bytes };
}
