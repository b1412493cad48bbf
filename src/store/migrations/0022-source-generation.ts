// What lets a 100,000-problem ledger be read without scanning it on every request.
// - A unit's problems found from the indexes alone (store/scope.ts): by the lead unit, by problem_unit's unit and by
//   the parent, each index carrying the problem's id (and the lead unit's its source), so that the table's rows — one
//   page each, a unit's problems being spread over the whole table — are not read just to learn which they are.
// - The ledger page in each of its orders (by code, deadline, status) read down an index to the page's end, and a
//   source's problems found with their ids and units from its index alone.
// - Each source's generation: a number the database itself raises whenever anything a source's figures are made of
//   changes — its problems, their status history, measures and supervision, the units on them, the source's own
//   settings — whichever process, command or import made the change. A server that kept a source's counts
//   (services/source-tally.ts) knows by it, in one small read, whether they still hold. Raised by statement triggers
//   over the changed rows, so that an import of 10,000 problems raises its source's number once, not 10,000 times;
//   rows are updated in source order, so two writers over several sources take their locks in the same order.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** A statement trigger on `table` for `event`, raising the generations of the sources in `sources` (SQL over `rows`). */
const raising = (table: string, event: 'insert' | 'update' | 'delete', sources: string) => {
  const rows = event === 'delete' ? 'old_rows' : 'new_rows';
  const name = `raise_generation_${table}_${event}`;
  return `create function ${name}() returns trigger language plpgsql as $$
begin
  update source_generation set gen = gen + 1 where source_id = any(array(select distinct x from (${sources.replaceAll('ROWS', rows)}) t(x) order by 1));
  return null;
end $$;
create trigger ${name} after ${event} on ${table} referencing ${event === 'delete' ? 'old' : 'new'} table as ${rows} for each statement execute function ${name}();`;
};

/** For tables whose rows name a problem: the sources of the changed rows' problems (and of the rows before, on update). */
const viaProblem = (table: string, event: 'insert' | 'update' | 'delete') =>
  raising(table, event, 'select p.source_id from ROWS r join problem p on p.id = r.problem_id');

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `create index problem_unit_unit on problem_unit (unit_id, problem_id);
drop index problem_lead_unit;
create index problem_lead_unit on problem (lead_unit_id, id) include (source_id);
drop index problem_parent;
create index problem_parent on problem (parent_id, id);
drop index problem_source;
create index problem_source on problem (source_id, aspect_id, ordinal) include (id, lead_unit_id, parent_id);
create index problem_by_deadline on problem (deadline, code_order, id) where parent_id is null;
create index problem_by_status on problem (status, code_order, id) where parent_id is null;
create table source_generation (
  source_id int primary key references source(id) on delete cascade,
  gen bigint not null default 0
);
insert into source_generation (source_id) select id from source;
create function add_source_generation() returns trigger language plpgsql as $$
begin
  insert into source_generation (source_id) select id from new_rows;
  return null;
end $$;
create trigger add_source_generation after insert on source referencing new table as new_rows for each statement execute function add_source_generation();
${raising('source', 'update', 'select id from ROWS')}
${raising('problem', 'insert', 'select source_id from ROWS')}
${raising('problem', 'delete', 'select source_id from ROWS')}
create function raise_generation_problem_update() returns trigger language plpgsql as $$
begin
  update source_generation set gen = gen + 1 where source_id = any(array(
    select distinct x from (select source_id from new_rows union select source_id from old_rows) t(x) order by 1));
  return null;
end $$;
create trigger raise_generation_problem_update after update on problem referencing old table as old_rows new table as new_rows for each statement execute function raise_generation_problem_update();
${viaProblem('status_change', 'insert')}
${viaProblem('status_change', 'update')}
${viaProblem('status_change', 'delete')}
${viaProblem('problem_unit', 'insert')}
${viaProblem('problem_unit', 'update')}
${viaProblem('problem_unit', 'delete')}
${viaProblem('supervision_action', 'insert')}
${viaProblem('supervision_action', 'delete')}
${viaProblem('measure', 'insert')}
${viaProblem('measure', 'update')}
${viaProblem('measure', 'delete')}
`,
  );
}
