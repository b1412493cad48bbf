// Budget performance self-evaluations: one per unit and year, kept whole as the evaluation (JSON) with its version;
// the document it was read from, the unit whose people keep it (what scopes it), and the ledger source its problems
// were turned into.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table perf_evaluation (
      id serial primary key,
      unit text not null,
      year int,
      data jsonb not null,
      document_id int references document(id),
      owner_unit_id int references org_unit(id),
      source_id int references source(id),
      version int not null default 1,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index perf_evaluation_unit_year on perf_evaluation (unit, year);
    `,
  );
}
