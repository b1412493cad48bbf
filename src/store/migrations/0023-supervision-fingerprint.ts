// What a supervision run read of each item, kept beside what it saw: a second run of the same day reads only the items
// whose problem, units, leader or source policy changed since (store/supervision.repository.ts), not all 100,000.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'alter table supervision_state add column fingerprint text;');
}
