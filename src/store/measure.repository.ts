// A problem's measures (任务), each by its ordinal within the problem.
import type { Updateable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export function measureByOrdinal(trx: Tx, problemId: number, ordinal: number) {
  return trx
    .selectFrom('measure')
    .select(['id', 'version'])
    .where('problem_id', '=', problemId)
    .where('ordinal', '=', ordinal)
    .executeTakeFirst();
}

export async function updateMeasure(trx: Tx, id: number, values: Updateable<Database['measure']>): Promise<void> {
  await trx.updateTable('measure').set(values).where('id', '=', id).execute();
}
