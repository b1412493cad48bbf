// Benchmark of several server processes over one PostgreSQL database: the office of web.bench.ts (50 people of
// different units and roles, each with their own filters, pages and writes) against `npm start` run with 1 and with 2
// processes (ZG_PROCESSES) on this machine, at an office's pace and saturated. Needs DATABASE_URL (the embedded
// database is one process's). Run: npm run bench. Results: docs/benchmarks.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openBenchLedger } from './bench-ledger.ts';
import { generateLedger, PROBLEMS } from './generate-ledger.ts';
import { office, prepareOffice, report, USERS } from './office.ts';

const ROOT = resolve(import.meta.dirname, '..');

if (!process.env.DATABASE_URL) {
  console.log('processes: skipped (several processes need a PostgreSQL server: set DATABASE_URL)');
  process.exit(0);
}

const { ledger } = await openBenchLedger('processes');
await generateLedger(ledger);
await prepareOffice(ledger);
await ledger.close();
const url = new URL(process.env.DATABASE_URL);
url.pathname = '/zg_bench_processes';

/** `npm start` with `n` processes, once each says it serves. */
async function serve(n: number, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(port),
      ZG_PROCESSES: String(n),
      ZG_PUBLIC: 'off',
      ZG_SUPERVISE: 'off',
      ZG_TODAY: '2025-06-30',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((ok, fail) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (n === 1 ? out.includes('整改通已启动') : out.includes('服务进程均已就绪')) ok();
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  // the day's figures counted at start by each process, before anyone asks (as a server that has been up has)
  await new Promise((r) => setTimeout(r, 15_000));
  return child;
}

const SECONDS = Number(process.env.ZG_BENCH_OFFICE_SECONDS ?? 60);
console.log(`PostgreSQL server: ${PROBLEMS.toLocaleString()} problems; ${USERS.length} users; npm start with 1 and 2 processes`);
for (const n of [1, 2]) {
  const server = await serve(n, 3900 + n);
  const base = `http://127.0.0.1:${3900 + n}`;
  console.log(`  ${n} process${n > 1 ? 'es' : ''}, users pausing 2–6 s between clicks:`);
  report(await office(base, SECONDS, [2000, 6000]));
  console.log(`  ${n} process${n > 1 ? 'es' : ''}, the same users without pausing (saturated):`);
  report(await office(base, Math.min(SECONDS, 20), [0, 0]));
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
}
