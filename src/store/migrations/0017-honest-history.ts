// A problem's history as it happened: who changed each status and at what moment (a day alone put a closure request
// after the status it caused), and, for a status taken from a report or a workbook, which document it was taken from —
// instead of a closure request and an approval nobody made, with the whole report attached to each problem.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table status_change add column actor text;
    alter table status_change add column recorded_at timestamptz not null default now();
    alter table status_change add column document_id int references document(id);
    alter table closure_request add column requested_recorded_at timestamptz not null default now();
    alter table closure_request add column decided_recorded_at timestamptz;
    alter table extension_request add column requested_recorded_at timestamptz not null default now();
    alter table extension_request add column decided_recorded_at timestamptz;
    alter table supervision_action add column recorded_at timestamptz not null default now();
    alter table lookback add column recorded_at timestamptz not null default now();
    `,
  );
}
