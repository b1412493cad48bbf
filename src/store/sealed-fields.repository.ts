// The columns kept encrypted at rest (services/field-cipher.ts), read and written back in slices when they are sealed
// for the first time or again under a new key. Nothing here knows the key: it moves opaque strings.
import { sql } from 'kysely';
import type { Tx } from './ledger.repository.ts';

/** Every sealed column, by table: what a rotation rewrites and a start checks. */
export const SEALED_COLUMNS = [
  { table: 'lead', column: 'persons' },
  { table: 'submission', column: 'contact_name' },
  { table: 'submission', column: 'contact_phone' },
  { table: 'person', column: 'phone' },
  { table: 'app_user', column: 'totp_secret' },
  { table: 'reminder_channel', column: 'target' },
  { table: 'reminder_channel', column: 'secret' },
] as const;
export type SealedColumn = (typeof SEALED_COLUMNS)[number];

/** Values of a column not sealed under `currentPrefix` (the prefix of the current key's fields), after id `afterId`. */
export async function fieldsToSeal(db: Tx, c: SealedColumn, currentPrefix: string, afterId: number, limit: number) {
  const r = await sql<{ id: number; value: string }>`select id, ${sql.ref(c.column)} as value from ${sql.table(c.table)}
    where ${sql.ref(c.column)} is not null and ${sql.ref(c.column)} <> '' and not starts_with(${sql.ref(c.column)}, ${currentPrefix})
      and id > ${afterId} order by id limit ${limit}`.execute(db);
  return r.rows;
}

export async function writeSealedField(trx: Tx, c: SealedColumn, id: number, value: string): Promise<void> {
  await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${value} where id = ${id}`.execute(trx);
}

/** The keys the sealed fields name (the text between the prefix and the next colon), each once. */
export async function keysInUse(db: Tx, prefix: string): Promise<string[]> {
  const seen = new Set<string>();
  for (const c of SEALED_COLUMNS) {
    const r = await sql<{ id: string }>`select distinct split_part(substr(${sql.ref(c.column)}, ${prefix.length + 1}), ':', 1) as id
      from ${sql.table(c.table)} where starts_with(${sql.ref(c.column)}, ${prefix})`.execute(db);
    for (const row of r.rows) seen.add(row.id);
  }
  return [...seen];
}
