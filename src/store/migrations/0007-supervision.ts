// Supervision that runs itself: each source's policy (cadence, reminders, the ladder); what the last run saw of each
// problem (its colour and for how many runs in a row); every reminder, warning and escalation a run created, once
// (its key is unique), to whom, and whether it still applies; and the runs themselves.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table source add column supervision jsonb;
    create table supervision_state (
      problem_id int primary key references problem(id) on delete cascade,
      colour text,
      streak int not null,
      observed_on date not null
    );
    create table notification (
      id bigserial primary key,
      key text not null unique,
      problem_id int not null references problem(id) on delete cascade,
      kind text not null check (kind in ('due-soon', 'overdue', 'missed-report', 'warning', 'escalation')),
      rung text,
      unit_id int references org_unit(id),
      person_id int references person(id),
      deadline date,
      message text not null,
      day date not null,
      status text not null default 'pending' check (status in ('pending', 'read', 'cancelled')),
      cancelled_reason text,
      created_at timestamptz not null default now()
    );
    create index notification_unit on notification (unit_id, status);
    create index notification_problem on notification (problem_id, status);
    create table supervision_run (
      id serial primary key,
      day date not null,
      at timestamptz not null,
      created int not null,
      cancelled int not null,
      by text not null,
      finished_at timestamptz not null default now()
    );
    `,
  );
}
