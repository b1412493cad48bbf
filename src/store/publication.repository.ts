// The 通报 as published (public version, frozen) and the comment period each opened. The public part of the server
// reads this table and the submissions' own answers, nothing else of the ledger.
import type { Insertable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { sourceScopeSql } from './scope.ts';

export async function insertPublication(trx: Tx, row: Insertable<Database['publication']>): Promise<number> {
  const r = await trx.insertInto('publication').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A source's publications, newest first, for the office. */
export function publicationsOfSource(db: Tx, sourceId: number) {
  return db
    .selectFrom('publication')
    .select(['id', 'title', 'as_of', 'published_on', 'period_end', 'published_by'])
    .where('source_id', '=', sourceId)
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every publication, for the public index: what a reader needs to choose one, nothing of the ledger. */
export function publishedIndex(db: Tx) {
  return db
    .selectFrom('publication')
    .select(['id', 'title', 'published_on', 'period_end'])
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** One publication as the public sees it. */
export function publishedById(db: Tx, id: number) {
  return db
    .selectFrom('publication')
    .select(['id', 'source_id', 'title', 'document', 'published_on', 'period_end'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The publications of the sources a viewer sees, for the intake queue's filter. */
export function publicationsInScope(db: Tx, scope: Scope) {
  return db
    .selectFrom('publication as pb')
    .innerJoin('source as s', 's.id', 'pb.source_id')
    .select(['pb.id', 'pb.title', 'pb.published_on', 'pb.period_end', 's.code as source_code'])
    .where(sourceScopeSql(scope, 'few'))
    .orderBy('pb.published_on', 'desc')
    .execute();
}
