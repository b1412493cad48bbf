// Writes and reads of the ledger's sources, aspects, measures, claims and outcomes as an import puts them there
// (documents: document.repository.ts; problems and their statuses: problem.repository.ts). Functions take the
// database handle (or the caller's transaction) first; nothing here opens a transaction of its own.
import { sql } from 'kysely';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database> | Kysely<Database>;

/** One cheap statement over a table of ours: throws when the database does not answer (or is not migrated). */
export async function probe(db: Tx): Promise<void> {
  await db.selectFrom('source').select('id').limit(1).execute();
}

/** The next number of a source code in its year; called inside the transaction that writes the source. */
export async function nextSourceSeq(db: Tx, prefix: string): Promise<number> {
  // two imports at one moment would otherwise both take XC2025-03: the second waits for the first to commit
  await sql`select pg_advisory_xact_lock(hashtext(${`source-seq:${prefix}`}))`.execute(db);
  const rows = await db.selectFrom('source').select('code').where('code', 'like', `${prefix}%`).execute();
  return rows.reduce((max, r) => Math.max(max, Number(r.code.slice(prefix.length)) || 0), 0) + 1;
}

export async function insertSource(trx: Tx, row: Insertable<Database['source']>): Promise<{ id: number; code: string }> {
  return trx.insertInto('source').values(row).returning(['id', 'code']).executeTakeFirstOrThrow();
}

/** Puts a source's aspects on the ledger; returns each one's id and ordinal. */
export function insertAspects(trx: Tx, rows: readonly Insertable<Database['aspect']>[]) {
  return trx
    .insertInto('aspect')
    .values([...rows])
    .returning(['id', 'ordinal'])
    .execute();
}

/** A source's aspects in order. */
export function aspectsOfSource(db: Tx, sourceId: number) {
  return db.selectFrom('aspect').select(['id', 'title']).where('source_id', '=', sourceId).orderBy('ordinal').execute();
}

export async function insertMeasures(trx: Tx, rows: readonly Insertable<Database['measure']>[]): Promise<void> {
  for (const slice of slices(rows)) await trx.insertInto('measure').values(slice).execute();
}

/** A report's stated overall figures. */
export async function insertClaims(trx: Tx, rows: readonly Insertable<Database['claim']>[]): Promise<void> {
  for (const slice of slices(rows)) await trx.insertInto('claim').values(slice).execute();
}

export async function insertOutcomes(trx: Tx, rows: readonly Insertable<Database['outcome']>[]): Promise<void> {
  for (const slice of slices(rows)) await trx.insertInto('outcome').values(slice).execute();
}

/** Rows in slices small enough for one statement's parameters (PostgreSQL takes at most 65,535). */
export function* slices<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
