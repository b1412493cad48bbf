// Accounts, sessions and failed logins. A session's id is stored only as a hash: a copy of the table opens no
// session. Failed logins are kept to slow down guessing.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table app_user (
      id serial primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('admin', 'office', 'unit', 'leader', 'supervisor')),
      unit_id int references org_unit(id),
      active boolean not null default true,
      version int not null default 1,
      created_at timestamptz not null default now()
    );
    create table user_session (
      id text primary key,
      user_id int not null references app_user(id) on delete cascade,
      csrf text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index user_session_user on user_session (user_id);
    create table login_failure (
      id bigserial primary key,
      username text not null,
      ip text not null,
      at timestamptz not null default now()
    );
    create index login_failure_recent on login_failure (username, at);
    `,
  );
}
