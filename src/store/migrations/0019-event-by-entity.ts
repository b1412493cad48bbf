// A problem's page reads the record of who assigned it, from the event log: found by the thing it is about, not by
// reading the whole log.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `create index event_entity on event (entity, entity_id, action);`);
}
