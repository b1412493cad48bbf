// 绩效运行监控 during the year. Each approved 绩效目标表 carries the finance office's settings (cadence, days to report,
// the deviation thresholds) and the day from which its points are chased (the ledger's day it was approved); each
// monitoring point's report is kept whole — what the unit reported and how it read against the targets then — one
// per point, replaced with its version when corrected; the daily run's reminders, rungs and deviation warnings on
// them are kept beside (perf_notice), each once by its key.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table perf_target add column monitoring jsonb not null default '{}';
    alter table perf_target add column monitored_from date;
    create table perf_monitoring (
      id serial primary key,
      target_id int not null references perf_target(id) on delete cascade,
      period text not null,
      as_of date not null,
      input jsonb not null,
      result jsonb not null,
      version int not null default 1,
      reported_by text not null,
      reported_at timestamptz not null default now(),
      unique (target_id, period)
    );
    create table perf_notice (
      id bigserial primary key,
      key text not null unique,
      target_id int not null references perf_target(id) on delete cascade,
      period text not null,
      kind text not null check (kind in ('due', 'missed', 'escalation', 'deviation')),
      rung text check (rung in ('notice', 'listed', 'talk')),
      day date not null,
      message text not null,
      created_at timestamptz not null default now()
    );
    create index perf_notice_day on perf_notice (day);
    create index perf_notice_target on perf_notice (target_id, period);
    `,
  );
}
