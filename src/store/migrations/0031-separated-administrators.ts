// Three administrators kept apart (三员分立) and an account policy an assessor can read: the 安全管理员 and 审计管理员
// join the 系统管理员 as roles; an account may be created without a role, waiting for the security administrator's
// grant; the security policy (password rules, session timeouts) is one row the security administrator edits; the
// hashes of each account's last passwords are kept so that none is used again; a session remembers when it was last
// used, so that one left idle ends; an account may hold a second factor's secret (sealed with SM4, services/
// field-cipher.ts) and when it was confirmed; the hash function of the event log's chain (SHA-256, or SM3 where 密评 asks for
// the national algorithm) is recorded once, at installation, and never changes under a chain.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table app_user drop constraint app_user_role_check;
    alter table app_user alter column role drop not null;
    alter table app_user add constraint app_user_role_check
      check (role in ('admin', 'security', 'audit', 'office', 'unit', 'leader', 'supervisor', 'discipline'));
    create table security_policy (
      id int primary key default 1 check (id = 1),
      policy jsonb not null,
      version int not null default 1,
      updated_at timestamptz not null default now()
    );
    create table password_history (
      id bigserial primary key,
      user_id int not null references app_user(id) on delete cascade,
      password_hash text not null,
      at timestamptz not null default now()
    );
    create index password_history_of_user on password_history (user_id, id desc);
    insert into password_history (user_id, password_hash, at) select id, password_hash, coalesce(password_changed_at, created_at) from app_user;
    alter table user_session add column last_seen_at timestamptz not null default now();
    alter table app_user add column totp_secret text;
    alter table app_user add column totp_confirmed_at timestamptz;
    alter table app_user add column totp_last_step bigint;
    -- which roles must give a second factor is part of what each person may do now (migration 0029)
    create trigger raise_access_generation_security_policy after insert or update or delete on security_policy
      for each statement execute function raise_access_generation();
    create table audit_chain (
      id int primary key default 1 check (id = 1),
      algorithm text not null check (algorithm in ('sha256', 'sm3'))
    );
    `,
  );
}
