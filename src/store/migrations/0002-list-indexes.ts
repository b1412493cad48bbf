// Indexes for the lists people open most: a unit's open problems by deadline, and a problem's progress history.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create index problem_open_unit_deadline on problem (lead_unit_id, deadline) where status not in ('completed', 'phased');
    create index problem_parent on problem (parent_id);
    create index measure_owner on measure (owner_unit_id);
    create index closure_request_open on closure_request (problem_id) where decision is null;
    `,
  );
}
