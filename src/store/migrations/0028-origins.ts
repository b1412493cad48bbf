// Where a problem or a lead came from: the inspection or audit itself (its report, its own hand-over), or what the
// public sent about the published rectification (社会监督). The documents count them apart: "针对反馈的N个问题" are
// the report's, and "巡察移交的问题线索" are the inspection's — a problem or lead opened from a submission is neither.
// Those already opened from submissions are found by what the log says of them.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table problem add column origin text not null default 'source' check (origin in ('source', 'public'));
    alter table lead add column origin text not null default 'source' check (origin in ('source', 'public'));
    update problem set origin = 'public'
      where id in (select entity_id::int from event where entity = 'problem' and action = 'add' and after ? 'submission');
    update lead set origin = 'public' where id in (select lead_id from submission where lead_id is not null);
    `,
  );
}
