// Delivery by e-mail: an address for units and people, and one row per digest — one per recipient per day, its key
// unique so a digest is never made (or sent) twice; attempts and the next try for a server that refused or dropped.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table org_unit add column email text;
    alter table person add column email text;
    create table delivery (
      id bigserial primary key,
      key text not null unique,
      channel text not null check (channel in ('email')),
      address text not null,
      recipient text not null,
      day date not null,
      notification_ids int[] not null,
      subject text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts int not null default 0,
      last_error text,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index delivery_due on delivery (status, next_attempt_at);
    `,
  );
}
