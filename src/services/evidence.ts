// Reading evidence back: the kept file, for the person whose scope holds its problem, under its original name, and
// its words for a preview; and the report or workbook a status was imported from, the basis of that status. Storing
// evidence is a step on a problem (problem-actions.ts addEvidence).
import { evidenceView, type EvidenceView } from '../core/ledger/evidence-file.ts';
import type { Scope } from '../core/access/permissions.ts';
import { NotFoundError } from '../core/errors.ts';
import { readStoredFile } from '../store/file-store.ts';
import type { Db } from '../store/open-database.ts';
import { runHeavy } from './heavy-work.ts';
import { scopeSql, sourceScopeSql } from '../store/scope.ts';
import { sql } from 'kysely';

export interface KeptEvidence {
  readonly fileName: string;
  readonly mime: string;
  readonly view: EvidenceView;
  readonly bytes: Uint8Array;
}

/** The evidence file, if its problem is within the viewer's scope; otherwise "not found", as for any other record. */
export async function evidenceFile(db: Db, id: number, scope?: Scope): Promise<KeptEvidence> {
  const e = await db
    .selectFrom('evidence as e')
    .innerJoin('problem as p', 'p.id', 'e.problem_id')
    .innerJoin('source as s', 's.id', 'p.source_id')
    .select(['e.file_name', 'e.mime', 'e.sha256'])
    .where('e.id', '=', id)
    .where(scopeSql(scope))
    .executeTakeFirst();
  if (!e) throw new NotFoundError(`佐证材料 ${id} 不存在，或您无权查看`);
  const bytes = await readStoredFile(db, e.sha256);
  if (!bytes) throw new NotFoundError(`佐证材料“${e.file_name}”的文件未能完整保存，请重新上传`);
  return { fileName: e.file_name, mime: e.mime, view: evidenceView(e.mime), bytes };
}

/** Its words for the preview (read in a worker: a Word document or a workbook is heavy work). */
export async function evidenceText(db: Db, id: number, scope?: Scope) {
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
export async function keptDocument(db: Db, id: number, scope?: Scope): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
  const d = await db
    .selectFrom('document as d')
    .select(['d.file_name', 'd.format', 'd.sha256'])
    .where('d.id', '=', id)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('source as s').select(sql`1`.as('one')).whereRef('s.document_id', '=', 'd.id').where(sourceScopeSql(scope)),
        ),
        eb.exists(
          eb
            .selectFrom('status_change as c')
            .innerJoin('problem as p', 'p.id', 'c.problem_id')
            .innerJoin('source as s', 's.id', 'p.source_id')
            .select(sql`1`.as('one'))
            .whereRef('c.document_id', '=', 'd.id')
            .where(scopeSql(scope)),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!d) throw new NotFoundError(`文档 ${id} 不存在，或您无权查看`);
  const bytes = await readStoredFile(db, d.sha256);
  if (!bytes) throw new NotFoundError(`文档“${d.file_name}”的文件未能完整保存`);
  return { fileName: d.file_name, mime: DOCUMENT_MIME[d.format] ?? 'application/octet-stream', bytes };
}
