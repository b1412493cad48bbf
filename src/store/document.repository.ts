// Kept reports and workbooks (the bytes are in store/file-store.ts): each recorded once, found again by its bytes or
// its words, and read back by a viewer for whom it is the basis of something it sees.
import { sql, type Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { scopeSql, sourceScopeSql } from './scope.ts';

/** A kept document, if the viewer sees a source imported from it or a problem whose status was taken from it. */
export function documentInScope(db: Tx, id: number, scope: Scope) {
  return db
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
}

/** A document already kept: the same bytes, or else the same words (another format or encoding of one report). */
export async function findDocument(db: Tx, sha256: string, fingerprint?: string) {
  const q = db.selectFrom('document').select(['id', 'file_name', 'imported_at', 'sha256']);
  return (
    (await q.where('sha256', '=', sha256).executeTakeFirst()) ??
    (fingerprint ? await q.where('fingerprint', '=', fingerprint).orderBy('id').executeTakeFirst() : undefined)
  );
}

/**
 * The same report imported twice at the same moment (two people, two tabs): the second waits here for the first's
 * transaction and then finds it, instead of failing on the unique key or making a second source.
 */
export async function lockFingerprint(trx: Tx, fingerprint: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${fingerprint}))`.execute(trx);
}

export async function insertDocument(trx: Tx, row: Insertable<Database['document']>): Promise<number> {
  return (await trx.insertInto('document').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The document of these bytes, kept once: the one already there, else this one recorded. */
export async function keepDocument(trx: Tx, row: Insertable<Database['document']>): Promise<number> {
  return (await findDocument(trx, row.sha256))?.id ?? (await insertDocument(trx, row));
}

/** The codes of the sources a document was imported as. */
export async function sourcesOfDocument(db: Tx, documentId: number): Promise<string[]> {
  return (await db.selectFrom('source').select('code').where('document_id', '=', documentId).orderBy('code').execute()).map((s) => s.code);
}
