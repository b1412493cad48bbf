// A large ledger generated inside the database, for the benchmarks: 200 sources × 5 aspects, 50 units, PROBLEMS
// problems spread over statuses, triage classes, deadlines and units, 5 measures and 20 progress updates each, a
// cooperating unit on every fourth.
import { sql } from 'kysely';
import type { Ledger } from '../src/store/open-database.ts';

export const PROBLEMS = Number(process.env.ZG_BENCH_PROBLEMS ?? 100_000);
export const MEASURES = PROBLEMS * 5;
export const UPDATES = PROBLEMS * 20;

export async function generateLedger(l: Ledger): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(l.db);
  await run(`insert into org_unit (name, kind) select '单位' || g, 'section' from generate_series(1, 50) g`);
  await run(`insert into source (code, kind, title, feedback_date)
             select 'XC2024-' || lpad(g::text, 3, '0'), 'xuncha', '第' || g || '轮巡察反馈意见', date '2024-01-01' + (g % 180)
               from generate_series(1, 200) g`);
  await run(`insert into aspect (source_id, ordinal, title)
             select s, a, '第' || a || '方面' from generate_series(1, 200) s cross join generate_series(1, 5) a order by s, a`);
  // problem g: written source by source, as importing each report writes them (source s holds the g with
  // (g - 1) * 200 / PROBLEMS = s - 1), aspect by g within it; the lead unit 1 + g % 50, so that every unit has problems
  // in every source; statuses and deadlines spread by g
  await run(`insert into problem (source_id, aspect_id, code, ordinal, title, triage, long_term, status, progress, lead_unit_id, start_date, deadline, last_progress_at)
             select 1 + s, s * 5 + 1 + g % 5, 'P' || lpad(g::text, 6, '0'), g, '问题' || g,
                    (array['immediate','deadline','long-term'])[1 + g % 3], g % 3 = 2,
                    (array['not-started','in-progress','in-progress','closure-requested','phased','completed','completed','completed'])[1 + (g * 7) % 8],
                    (g * 13) % 101, 1 + g % 50, date '2024-03-01', date '2024-06-01' + (g % 540), date '2025-01-01' + (g % 170)
               from generate_series(1, ${PROBLEMS}) g, lateral (select ((g - 1) * 200 / ${PROBLEMS})::int as s) src`);
  // each problem's measures written with it; every fourth problem has a cooperating unit
  await run(`insert into measure (problem_id, ordinal, text, owner_unit_id, status, progress)
             select 1 + g / 5, 1 + g % 5, '措施' || g, 1 + g % 50, 'in-progress', g % 101 from generate_series(0, ${MEASURES - 1}) g`);
  await run(`insert into problem_unit (problem_id, unit_id, role)
             select id, 1 + (id * 7 + 3) % 50, 'cooperating' from problem where id % 4 = 0 and 1 + (id * 7 + 3) % 50 <> lead_unit_id`);
  await run(`insert into progress_update (problem_id, at, reported_by, text, progress)
             select 1 + g % ${PROBLEMS}, date '2024-03-01' + (g / ${PROBLEMS}) * 25, '填报人', '本期进展' || g, (g / ${PROBLEMS}) * 5 from generate_series(0, ${UPDATES - 1}) g`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2024-03-01', null, 'in-progress', '认领' from problem`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2024-09-01' + (id % 200), 'in-progress', status, '整改' from problem where status <> 'in-progress'`);
  await run('analyze');
}
