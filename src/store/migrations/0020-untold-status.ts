// A problem whose report said nothing of its rectification is on the ledger as being rectified (work has begun) but
// must not be taken for one whose report said so: the ledger keeps that its status was not told, until a person
// records one.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `alter table problem add column status_untold boolean not null default false;
update problem set status_untold = true
 where status = 'in-progress'
   and status_text = '报告未写明整改情况，暂按正在整改'
   and not exists (select 1 from status_change sc where sc.problem_id = problem.id and sc.from_status is not null);`,
  );
}
