// Benchmark: a ledger of 100,000 problems, 500,000 measures and 2,000,000 progress updates, generated inside the
// database; then the queries people wait for — statistics by aspect and unit (today and as of a past day), an overdue
// list page (50 rows, filtered by unit, sorted by deadline), and one problem's full history. On the embedded database
// always, and on a PostgreSQL server when DATABASE_URL is set. Run: npm run bench. Results: docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { ledgerStatistics, listProblems, problemDetail } from '../src/services/ledger-queries.ts';

const PROBLEMS = Number(process.env.ZG_BENCH_PROBLEMS ?? 100_000);
const MEASURES = PROBLEMS * 5;
const UPDATES = PROBLEMS * 20;
const TODAY = '2025-06-30';
const SAMPLE = `P${String(Math.floor(PROBLEMS * 0.54321)).padStart(6, '0')}`; // a problem in the middle

async function generate(l: Ledger): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(l.db);
  await run(`insert into org_unit (name, kind) select '单位' || g, 'section' from generate_series(1, 50) g`);
  await run(`insert into source (code, kind, title, feedback_date)
             select 'XC2024-' || lpad(g::text, 3, '0'), 'xuncha', '第' || g || '轮巡察反馈意见', date '2024-01-01' + (g % 180)
               from generate_series(1, 200) g`);
  await run(`insert into aspect (source_id, ordinal, title)
             select s, a, '第' || a || '方面' from generate_series(1, 200) s cross join generate_series(1, 5) a order by s, a`);
  // problem g: source 1 + g % 200, aspect by g, unit 1 + g % 50; statuses and deadlines spread by g
  await run(`insert into problem (source_id, aspect_id, code, ordinal, title, triage, long_term, status, progress, lead_unit_id, start_date, deadline, last_progress_at)
             select 1 + g % 200, (g % 200) * 5 + 1 + (g / 200) % 5, 'P' || lpad(g::text, 6, '0'), g, '问题' || g,
                    (array['immediate','deadline','long-term'])[1 + g % 3], g % 3 = 2,
                    (array['not-started','in-progress','in-progress','closure-requested','phased','completed','completed','completed'])[1 + (g * 7) % 8],
                    (g * 13) % 101, 1 + g % 50, date '2024-03-01', date '2024-06-01' + (g % 540), date '2025-01-01' + (g % 170)
               from generate_series(1, ${PROBLEMS}) g`);
  await run(`insert into measure (problem_id, ordinal, text, owner_unit_id, status, progress)
             select 1 + g % ${PROBLEMS}, 1 + g / ${PROBLEMS}, '措施' || g, 1 + g % 50, 'in-progress', g % 101 from generate_series(0, ${MEASURES - 1}) g`);
  await run(`insert into progress_update (problem_id, at, reported_by, text, progress)
             select 1 + g % ${PROBLEMS}, date '2024-03-01' + (g / ${PROBLEMS}) * 25, '填报人', '本期进展' || g, (g / ${PROBLEMS}) * 5 from generate_series(0, ${UPDATES - 1}) g`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2024-03-01', null, 'in-progress', '认领' from problem`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2024-09-01' + (id % 200), 'in-progress', status, '整改' from problem where status <> 'in-progress'`);
  await run('analyze');
}

async function time<T>(runs: number, f: () => Promise<T>): Promise<{ median: number; min: number }> {
  await f(); // warm
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[Math.floor(ts.length / 2)] as number, min: ts[0] as number };
}

async function bench(name: string, l: Ledger): Promise<void> {
  const t0 = performance.now();
  await generate(l);
  const load = performance.now() - t0;
  const stats = await time(7, () => ledgerStatistics(l.db, { today: TODAY }));
  const statsAsOf = await time(3, () => ledgerStatistics(l.db, { today: TODAY, asOf: '2024-12-31' }));
  const page = await time(15, () => listProblems(l.db, { overdue: true, unit: '单位7', sort: 'deadline', today: TODAY, limit: 50 }));
  const history = await time(15, () => problemDetail(l.db, SAMPLE, TODAY));
  const s = await ledgerStatistics(l.db, { today: TODAY });
  const p = await listProblems(l.db, { overdue: true, unit: '单位7', sort: 'deadline', today: TODAY, limit: 50 });
  const d = await problemDetail(l.db, SAMPLE, TODAY);
  const f = (x: { median: number; min: number }) => `${x.median.toFixed(1)} ms (min ${x.min.toFixed(1)})`;
  console.log(`\n${name}: ${PROBLEMS.toLocaleString()} problems, ${MEASURES.toLocaleString()} measures, ${UPDATES.toLocaleString()} progress updates`);
  console.log(`  bulk load (generated in the database, with indexes): ${(load / 1000).toFixed(1)} s`);
  console.log(`  stats today, by aspect, unit and triage:     ${f(stats)}  [${s.total} problems, ${Object.keys(s.byAspect).length} aspects, ${Object.keys(s.byUnit).length} units]`);
  console.log(`  stats as of 2024-12-31 (from status history): ${f(statsAsOf)}`);
  console.log(`  overdue list page (unit, by deadline, 50):   ${f(page)}  [${p.total} overdue in the unit]`);
  console.log(`  one problem's full history:                  ${f(history)}  [${d.measures.length} measures, ${d.timeline.length} entries]`);
  console.log(`  peak RSS so far: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

const url = process.env.DATABASE_URL;
if (url) {
  const u = new URL(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists zg_bench with (force)');
  await admin.query('create database zg_bench');
  await admin.end();
  u.pathname = '/zg_bench';
  const l = await openLedger({ url: u.toString() });
  await bench('PostgreSQL server', l);
  await l.close();
} else console.log('(DATABASE_URL not set: the PostgreSQL server run is skipped)');

const dir = mkdtempSync(join(tmpdir(), 'zg-bench-'));
const l = await openLedger({ dataDir: dir });
await bench('Embedded (PGlite, data directory on disk)', l);
await l.close();
rmSync(dir, { recursive: true, force: true });
