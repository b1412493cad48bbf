// The leads register (问题线索), apart from the problems: a lead handed by an inspection or audit to a discipline or
// personnel body, its steps and its disposal, and the problems that wait on it. The people a lead concerns are kept
// in one column, read only by the register; nothing else (the event log included) holds them. A 纪检 role reads it.
// The daily supervision run's reminders and rungs on leads are kept beside them (lead_notice).
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table app_user drop constraint app_user_role_check;
    alter table app_user add constraint app_user_role_check
      check (role in ('admin', 'office', 'unit', 'leader', 'supervisor', 'discipline'));
    create table lead (
      id serial primary key,
      code text not null unique,
      source_id int not null references source(id),
      phase text not null check (phase in ('during', 'after')),
      receiver text not null check (receiver in ('discipline', 'organisation', 'other')),
      receiver_name text,
      receiver_unit_id int references org_unit(id),
      summary text not null,
      persons text,
      transferred_on date not null,
      received_on date,
      deadline date not null,
      concluded_on date,
      conclusion text check (conclusion in ('talk', 'shelve', 'close', 'case', 'transfer')),
      last_step_on date,
      created_by text not null,
      version int not null default 1,
      created_at timestamptz not null default now(),
      check ((concluded_on is null) = (conclusion is null))
    );
    create index lead_source on lead (source_id);
    create index lead_receiver_unit on lead (receiver_unit_id);
    create index lead_open on lead (deadline) where concluded_on is null;
    create table lead_step (
      id serial primary key,
      lead_id int not null references lead(id),
      kind text not null check (kind in ('progress', 'verify', 'talk', 'shelve', 'close', 'case', 'transfer')),
      on_day date not null,
      text text not null,
      document text,
      actor text not null,
      recorded_at timestamptz not null default now()
    );
    create index lead_step_lead on lead_step (lead_id, on_day);
    create table problem_lead (
      problem_id int not null references problem(id),
      lead_id int not null references lead(id),
      linked_by text not null,
      linked_at timestamptz not null default now(),
      primary key (problem_id, lead_id)
    );
    create index problem_lead_lead on problem_lead (lead_id);
    create table lead_notice (
      id bigserial primary key,
      key text not null unique,
      lead_id int not null references lead(id),
      kind text not null check (kind in ('due-soon', 'overdue', 'tracking', 'escalation')),
      rung text check (rung in ('notice', 'listed', 'talk')),
      deadline date not null,
      day date not null,
      message text not null,
      created_at timestamptz not null default now()
    );
    create index lead_notice_lead on lead_notice (lead_id, day);
    `,
  );
}
