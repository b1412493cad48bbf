// The problems still marked untold (imported from a report that said nothing of their rectification) are counted apart
// on every dashboard: a partial index holds just those, so the count does not read the whole ledger.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'create index problem_untold on problem (source_id, id) where status_untold and parent_id is null;');
}
