// Each source may carry its own publication settings: who signs its documents, how long the public version is
// open for comment, its contacts, and what a public version leaves out.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `alter table source add column publication jsonb;`);
}
