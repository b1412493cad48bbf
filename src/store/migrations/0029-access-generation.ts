// One number the database raises whenever anything a person's access is made of changes: an account (its role,
// unit, state, password) or the unit tree. A server process keeps each person's resolved access (role, scope,
// capabilities) under it, and reads the number with the session on every request: a deactivation, a role change or
// a new unit is seen by every process — of one machine or several — at the next request, with no message between
// them to be lost. A logout needs no number: the session's row is gone, and every process reads the row.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table access_generation (id int primary key default 1 check (id = 1), gen bigint not null default 0);
    insert into access_generation default values;
    create function raise_access_generation() returns trigger language plpgsql as $$
    begin
      update access_generation set gen = gen + 1;
      return null;
    end $$;
    create trigger raise_access_generation_app_user after insert or update or delete on app_user
      for each statement execute function raise_access_generation();
    create trigger raise_access_generation_org_unit after insert or update or delete on org_unit
      for each statement execute function raise_access_generation();
    `,
  );
}
