// Writes and reads of the ledger's sources, aspects, problems and measures. Functions take the database handle (or
// the caller's transaction) first; nothing here opens a transaction of its own.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database> | Kysely<Database>;

export async function findDocument(db: Tx, sha256: string) {
  return db.selectFrom('document').select(['id', 'file_name', 'imported_at']).where('sha256', '=', sha256).executeTakeFirst();
}

export async function nextSourceSeq(db: Tx, prefix: string): Promise<number> {
  const rows = await db.selectFrom('source').select('code').where('code', 'like', `${prefix}%`).execute();
  return rows.reduce((max, r) => Math.max(max, Number(r.code.slice(prefix.length)) || 0), 0) + 1;
}

/** Rows in slices small enough for one statement's parameters (PostgreSQL takes at most 65,535). */
export function* slices<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
