// The 绩效目标表 of a unit's year, set at budget time: kept whole (JSON) with its version, the document it was read
// from, the unit whose people keep it, and whether and by whom it was approved. A self-evaluation started from it
// names it (perf_evaluation.target_id): the year's evaluation is filled in from the targets, not typed again.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table perf_target (
      id serial primary key,
      unit text not null,
      year int,
      data jsonb not null,
      document_id int references document(id),
      owner_unit_id int references org_unit(id),
      version int not null default 1,
      approved_by text,
      approved_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index perf_target_unit_year on perf_target (unit, year);
    alter table perf_evaluation add column target_id int references perf_target(id);
    create unique index perf_evaluation_of_target on perf_evaluation (target_id) where target_id is not null;
    `,
  );
}
