// Each attempt to send a reminder, kept: when it started, when and how it ended. An attempt that started and never
// ended is one the server died in the middle of — the robot or the gateway may well have the message — so its
// delivery is not sent again by itself but marked uncertain for the office to check and resend (status 'uncertain').
// The history also lets 发送情况 show every failure, not only the last.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table delivery_attempt (
      id bigserial primary key,
      delivery_id bigint not null references delivery(id),
      started_at timestamptz not null,
      ended_at timestamptz,
      outcome text check (outcome in ('sent', 'failed', 'interrupted')),
      error text
    );
    create index delivery_attempt_of on delivery_attempt (delivery_id);
    alter table delivery drop constraint delivery_status_check;
    alter table delivery add constraint delivery_status_check check (status in ('pending', 'sent', 'failed', 'uncertain'));
    `,
  );
}
