// The browsers each account has logged in from, by a long-lived cookie: an address changes (a phone on the mobile
// network, an office behind a new gateway) where a browser does not, so a stranger's failures must not slow its owner
// down there either. Failures remember the browser they came from, when it sent its cookie.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table login_failure add column device text;
    create index login_failure_device on login_failure (device, at) where device is not null;
    create table login_device (
      user_id int not null references app_user(id) on delete cascade,
      -- the SHA-256 of the cookie's value: the value itself is never stored
      device text not null,
      last_at timestamptz not null default now(),
      primary key (user_id, device)
    );
    `,
  );
}
