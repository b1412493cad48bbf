// Login throttling by address as well as by account: failures are found by address too, old ones can be cleared
// away by time, and the addresses each account has logged in from are remembered, so that a stranger's failures do
// not slow its owner down there.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create index login_failure_address on login_failure (ip, at);
    create index login_failure_at on login_failure (at);
    create table login_address (
      user_id int not null references app_user(id) on delete cascade,
      ip text not null,
      last_at timestamptz not null default now(),
      primary key (user_id, ip)
    );
    `,
  );
}
