// Outcomes of rectification: money recovered, institutions made, people held accountable, meetings held.
import type { Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function insertOutcome(trx: Tx, row: Insertable<Database['outcome']>): Promise<number> {
  return (await trx.insertInto('outcome').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
