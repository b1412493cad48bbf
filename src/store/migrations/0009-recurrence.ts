// Recurrence: a new source's problem found like an earlier one — of the same unit (屡审屡犯) or of another (共性问题) —
// with its score, until a person confirms or dismisses it; and each problem's meaningful words, segmented once.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table recurrence_match (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      earlier_id int not null references problem(id) on delete cascade,
      kind text not null check (kind in ('repeat', 'common')),
      score numeric(4, 3) not null,
      status text not null default 'suggested' check (status in ('suggested', 'confirmed', 'dismissed')),
      decided_by text,
      decided_at timestamptz,
      unique (problem_id, earlier_id)
    );
    create index recurrence_match_problem on recurrence_match (problem_id);
    alter table problem add column words text;
    `,
  );
}
