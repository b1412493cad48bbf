// Accounts and units as an office keeps them over years: a password an administrator reset must be changed at the next
// login, and a unit that is merged away is retired rather than deleted, so the problems it led keep its name.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table app_user add column must_change_password boolean not null default false;
    alter table app_user add column password_changed_at timestamptz;
    alter table org_unit add column retired_at timestamptz;
    `,
  );
}
