// The supervision run's notices are kept once each, by a key made of what they are about: a second run inserts
// nothing for a key already there, and tells which of its rows were new.
import type { Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

type Keyed = 'lead_notice' | 'perf_notice';

/** Inserts the rows whose key is not there yet; the keys of those inserted. */
export async function insertNewKeys<T extends Keyed>(trx: Tx, table: T, rows: readonly Insertable<Database[T]>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const made = await trx
    .insertInto(table as Keyed)
    .values([...rows] as Insertable<Database[Keyed]>[])
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return made.map((m) => m.key);
}

/** Of these keys, those already kept in `table`. */
export async function knownKeys(db: Tx, table: Keyed, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom(table as Keyed)
    .select('key')
    .where('key', 'in', [...keys])
    .execute();
  return new Set(rows.map((r) => r.key));
}

/**
 * A run's planned notices kept once each: those new, inserted (or, in a dry run, only found new). What was new.
 * `row` makes the table's row of a notice.
 */
export async function keepNew<T extends Keyed, N extends { readonly key: string }>(
  db: Tx,
  table: T,
  plan: readonly N[],
  row: (n: N) => Insertable<Database[T]>,
  dryRun: boolean,
): Promise<N[]> {
  if (dryRun) {
    const known = await knownKeys(
      db,
      table,
      plan.map((n) => n.key),
    );
    return plan.filter((n) => !known.has(n.key));
  }
  const kept = new Set(await insertNewKeys(db, table, plan.map(row)));
  return plan.filter((n) => kept.has(n.key));
}
