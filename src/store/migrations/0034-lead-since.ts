// The day a problem's present lead unit was given it. A missed report is counted from then at the earliest: a unit
// named on the 20th has not failed to report for the period that ended on the 15th. Empty for problems whose lead
// unit came with their import (their start is the day to count from).
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'alter table problem add column lead_since date;');
}
