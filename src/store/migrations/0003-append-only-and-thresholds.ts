// The event log refuses updates and deletes at the database itself (the hash chain still catches anyone who gets
// around this); each source may carry its own warning thresholds.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create function event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '操作日志只能追加，不能修改或删除';
      end
    $$;
    create trigger event_append_only before update or delete on event for each row execute function event_append_only();
    alter table source add column warning jsonb;
    `,
  );
}
