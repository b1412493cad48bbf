// The ledger's schema. Money is numeric (exact) with the unit as entered; every mutable row carries a version.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table org_unit (
      id serial primary key,
      parent_id int references org_unit(id),
      name text not null,
      kind text not null default 'other'
        check (kind in ('party-committee', 'government', 'bureau', 'section', 'town', 'village', 'company', 'school', 'other')),
      version int not null default 1,
      created_at timestamptz not null default now(),
      unique (parent_id, name)
    );
    create table person (
      id serial primary key,
      name text not null,
      unit_id int references org_unit(id),
      post text,
      phone text,
      version int not null default 1,
      created_at timestamptz not null default now()
    );
    create table document (
      id serial primary key,
      sha256 text not null unique,
      file_name text not null,
      format text not null check (format in ('txt', 'docx', 'pdf', 'xlsx')),
      size int not null,
      bytes bytea not null,
      imported_at timestamptz not null default now(),
      imported_by text not null
    );
    create table source (
      id serial primary key,
      code text not null unique,
      kind text not null check (kind in ('xunshi', 'xuncha', 'audit', 'special-check', 'self-evaluation', 'other')),
      title text not null,
      issuer text,
      round text,
      team text,
      inspected_unit text,
      inspected_unit_id int references org_unit(id),
      period_start date,
      period_end date,
      feedback_date date,
      report_date date,
      as_of date,
      document_id int references document(id),
      report_index int,
      report_lines int[],
      parsed jsonb,
      findings jsonb not null default '[]',
      version int not null default 1,
      created_at timestamptz not null default now(),
      unique (document_id, report_index)
    );
    create table aspect (
      id serial primary key,
      source_id int not null references source(id) on delete cascade,
      ordinal int not null,
      title text not null,
      line int,
      unique (source_id, ordinal)
    );
    create table problem (
      id serial primary key,
      source_id int not null references source(id) on delete cascade,
      aspect_id int references aspect(id) on delete cascade,
      parent_id int references problem(id) on delete cascade,
      code text not null unique,
      ordinal int not null,
      number text,
      title text not null,
      detail text,
      triage text check (triage in ('immediate', 'deadline', 'long-term')),
      long_term boolean not null default false,
      status text not null default 'not-started'
        check (status in ('not-started', 'in-progress', 'closure-requested', 'phased', 'completed')),
      status_text text,
      progress int not null default 0 check (progress between 0 and 100),
      lead_leader_id int references person(id),
      lead_unit_id int references org_unit(id),
      responsible_person_id int references person(id),
      start_date date,
      deadline date,
      target text,
      amount_due numeric,
      amount_unit text check (amount_unit in ('元', '万元', '亿元')),
      source_line int,
      reopened_count int not null default 0,
      last_progress_at date,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index problem_source on problem (source_id, aspect_id, ordinal);
    create index problem_open_deadline on problem (deadline) where status <> 'completed';
    create index problem_lead_unit on problem (lead_unit_id);
    create table problem_unit (
      problem_id int not null references problem(id) on delete cascade,
      unit_id int not null references org_unit(id),
      role text not null check (role in ('lead', 'cooperating')),
      primary key (problem_id, unit_id)
    );
    create table measure (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      ordinal int not null,
      text text not null,
      owner_unit_id int references org_unit(id),
      owner_person_id int references person(id),
      deadline date,
      status text not null default 'not-started' check (status in ('not-started', 'in-progress', 'completed')),
      progress int not null default 0 check (progress between 0 and 100),
      source_line int,
      version int not null default 1,
      created_at timestamptz not null default now()
    );
    create index measure_problem on measure (problem_id, ordinal);
    create table status_change (
      id bigserial primary key,
      problem_id int not null references problem(id) on delete cascade,
      at date not null,
      from_status text,
      to_status text not null,
      reason text not null
    );
    create index status_change_problem on status_change (problem_id, at, id);
    create table progress_update (
      id bigserial primary key,
      problem_id int not null references problem(id) on delete cascade,
      measure_id int references measure(id) on delete cascade,
      at date not null,
      reported_by text not null,
      text text not null,
      progress int check (progress between 0 and 100),
      created_at timestamptz not null default now()
    );
    create index progress_update_problem on progress_update (problem_id, at);
    create table evidence (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      measure_id int references measure(id) on delete cascade,
      file_name text not null,
      sha256 text not null,
      size int not null,
      mime text not null,
      bytes bytea,
      document_id int references document(id),
      uploaded_by text not null,
      uploaded_at timestamptz not null default now()
    );
    create index evidence_problem on evidence (problem_id);
    create table closure_request (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      requested_by text not null,
      requested_at date not null,
      note text,
      evidence_ids int[] not null,
      decision text check (decision in ('accepted', 'returned')),
      decided_by text,
      decided_at date,
      reason text,
      version int not null default 1
    );
    create index closure_request_problem on closure_request (problem_id);
    create table extension_request (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      requested_by text not null,
      requested_at date not null,
      reason text not null,
      old_deadline date,
      new_deadline date not null,
      decision text check (decision in ('approved', 'rejected')),
      decided_by text,
      decided_at date,
      decision_reason text,
      version int not null default 1
    );
    create table supervision_action (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      kind text not null check (kind in ('reminder', 'notice', 'listed', 'talk', 'circular', 'accountability')),
      at date not null,
      by text not null,
      note text
    );
    create table lookback (
      id serial primary key,
      problem_id int not null references problem(id) on delete cascade,
      at date not null,
      by text not null,
      result text not null check (result in ('consolidated', 'relapsed')),
      note text
    );
    create table outcome (
      id serial primary key,
      source_id int not null references source(id) on delete cascade,
      problem_id int references problem(id) on delete cascade,
      kind text not null check (kind in ('money', 'institution', 'accountability', 'meeting')),
      money_kind text check (money_kind in ('recovered', 'treasury', 'returned', 'disbursed', 'other')),
      amount numeric,
      unit text check (unit in ('元', '万元', '亿元')),
      amount_wan numeric,
      title text,
      edition text,
      action text,
      people int,
      how text,
      count int,
      at date,
      line int,
      counted boolean not null default true,
      note text
    );
    create index outcome_source on outcome (source_id, kind);
    create table claim (
      id serial primary key,
      source_id int not null references source(id) on delete cascade,
      metric text not null,
      value text not null,
      scope text,
      line int not null,
      text text not null
    );
    create table event (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor text not null,
      entity text not null,
      entity_id text not null,
      action text not null,
      before jsonb,
      after jsonb,
      prev_hash text not null,
      hash text not null unique
    );
  `,
  );
}
