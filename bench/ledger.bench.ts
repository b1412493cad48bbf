// Benchmark: a ledger of 100,000 problems, 500,000 measures and 2,000,000 progress updates, generated inside the
// database; then the queries people wait for — statistics by aspect and unit (today and as of a past day), an overdue
// list page (50 rows, filtered by unit, sorted by deadline), one problem's full history, and a supervision run over
// the whole ledger (then the same run again). On the embedded database
// always, and on a PostgreSQL server when DATABASE_URL is set. Run: npm run bench. Results: docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { generateLedger as generate, PROBLEMS, MEASURES, UPDATES } from './generate-ledger.ts';
import { ledgerStatistics, listProblems, problemDetail } from '../src/services/ledger-queries.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-06-30';
const SAMPLE = `P${String(Math.floor(PROBLEMS * 0.54321)).padStart(6, '0')}`; // a problem in the middle

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
  const stats = await time(7, () => ledgerStatistics(l.db, { scope: FULL_SCOPE, today: TODAY }));
  const statsAsOf = await time(3, () => ledgerStatistics(l.db, { scope: FULL_SCOPE, today: TODAY, asOf: '2024-12-31' }));
  const page = await time(15, () =>
    listProblems(l.db, { scope: FULL_SCOPE, overdue: true, unit: '单位7', sort: 'deadline', today: TODAY, limit: 50 }),
  );
  const history = await time(15, () => problemDetail(l.db, SAMPLE, TODAY, FULL_SCOPE));
  const s = await ledgerStatistics(l.db, { scope: FULL_SCOPE, today: TODAY });
  const p = await listProblems(l.db, { scope: FULL_SCOPE, overdue: true, unit: '单位7', sort: 'deadline', today: TODAY, limit: 50 });
  const d = await problemDetail(l.db, SAMPLE, TODAY, FULL_SCOPE);
  const f = (x: { median: number; min: number }) => `${x.median.toFixed(1)} ms (min ${x.min.toFixed(1)})`;
  console.log(
    `\n${name}: ${PROBLEMS.toLocaleString()} problems, ${MEASURES.toLocaleString()} measures, ${UPDATES.toLocaleString()} progress updates`,
  );
  console.log(`  bulk load (generated in the database, with indexes): ${(load / 1000).toFixed(1)} s`);
  console.log(
    `  stats today, by aspect, unit and triage:     ${f(stats)}  [${s.total} problems, ${Object.keys(s.byAspect).length} aspects, ${Object.keys(s.byUnit).length} units]`,
  );
  console.log(`  stats as of 2024-12-31 (from status history): ${f(statsAsOf)}`);
  console.log(`  overdue list page (unit, by deadline, 50):   ${f(page)}  [${p.total} overdue in the unit]`);
  console.log(
    `  one problem's full history:                  ${f(history)}  [${d.measures.length} measures, ${d.timeline.length} entries]`,
  );
  // supervision over the whole ledger: the first run of a day creates what is due, a second creates nothing
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  const peakBefore = process.resourceUsage().maxRSS;
  const s0 = performance.now();
  const first = await runSupervision(l.db, { at: `${TODAY}T08:30` });
  const s1 = performance.now();
  const again = await runSupervision(l.db, { at: `${TODAY}T08:30` });
  const s2 = performance.now();
  console.log(
    `  supervision run, first of the day:           ${((s1 - s0) / 1000).toFixed(1)} s  [${first.created.toLocaleString()} reminders, warnings and escalations]`,
  );
  console.log(`  the same run again:                          ${((s2 - s1) / 1000).toFixed(1)} s  [${again.created} new]`);
  console.log(`  the process's peak memory (RSS): ${mb(peakBefore)} before the runs, ${mb(process.resourceUsage().maxRSS)} after them`);
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
