// Progress reports on problems (and on their measures).
import type { Insertable } from 'kysely';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';

export async function insertProgressUpdate(trx: Tx, row: Insertable<Database['progress_update']>): Promise<void> {
  await trx.insertInto('progress_update').values(row).execute();
}

/** What was reported on these problems between two days (both included), oldest first. */
export function progressReportsBetween(db: Tx, problemIds: readonly number[], from: string, to: string) {
  return db
    .selectFrom('progress_update')
    .select(['problem_id', 'at', 'text', 'progress'])
    .where('problem_id', 'in', problemIds)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at')
    .execute();
}
