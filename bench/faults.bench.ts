// Benchmark of the faults of issue 14, measured as users meet them:
// 1. a light request (the health check, and a ledger page) while the heaviest allowed upload is parsed again and
//    again, while 19 MB evidence files are kept, and while the 通报 of a 5,000-problem source is generated: p50/p99
//    over 20 s from a client process of its own (autocannon), the uploads (or document requests) from another;
// 2. reads while 50 writers report progress: each writer a person reporting on a problem of their own, readers asking
//    for ledger pages with varied filters and the statistics, for 15 s; read latency p50/p99/max and writes per second.
// On a PostgreSQL server when DATABASE_URL is set, else on the embedded database. Results: docs/benchmarks.md.
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import { sql } from 'kysely';
import type { Ledger } from '../src/store/open-database.ts';
import { openBenchLedger } from './bench-ledger.ts';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { reportProgress } from '../src/services/problem-actions.ts';
import { ledgerStatistics, listProblems } from '../src/services/ledger-queries.ts';
import { generateLedger, PROBLEMS } from './generate-ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench password 1';
const TODAY = '2025-06-30';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const BIG = Math.min(PROBLEMS, 5000);
const BIG_SOURCE = 'XC2025-900';

/** One source as large as a big unit's: the generated ledger's first BIG problems again, with their measures. */
async function bigSource(ledger: Ledger) {
  const run = (q: string) => sql.raw(q).execute(ledger.db);
  await run(
    `insert into source (code, kind, title, feedback_date) values ('${BIG_SOURCE}', 'xuncha', '大型单位巡察反馈意见', date '2024-01-01')`,
  );
  await run(`insert into aspect (source_id, ordinal, title)
             select s.id, a, '第' || a || '方面' from source s cross join generate_series(1, 5) a where s.code = '${BIG_SOURCE}'`);
  await run(`insert into problem (source_id, aspect_id, code, ordinal, title, triage, long_term, status, progress, lead_unit_id, start_date, deadline, last_progress_at)
             select s.id, (select a.id from aspect a where a.source_id = s.id and a.ordinal = 1 + p.id % 5), 'B' || lpad(p.id::text, 6, '0'), p.id,
                    p.title, p.triage, p.long_term, p.status, p.progress, p.lead_unit_id, p.start_date, p.deadline, p.last_progress_at
               from problem p cross join source s where s.code = '${BIG_SOURCE}' and p.id <= ${BIG}`);
  await run(`insert into measure (problem_id, ordinal, text, owner_unit_id, status, progress)
             select b.id, m.ordinal, m.text, m.owner_unit_id, m.status, m.progress
               from measure m join problem b on b.code = 'B' || lpad(m.problem_id::text, 6, '0')`);
  await run(`insert into status_change (problem_id, at, from_status, to_status, reason)
             select id, date '2024-03-01', null, status, '导入' from problem where code like 'B%'`);
  await run('analyze');
}

async function lightWhileHeavy(ledger: Ledger) {
  await createUser(ledger.db, 'bench', { username: 'bench', displayName: '整改办', password: PASSWORD, role: 'admin' });
  const app = await buildApp({ ledger, today: () => TODAY });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const csrf = ((await login.json()) as { csrf: string }).csrf;
  const dir = mkdtempSync(join(tmpdir(), 'zg-bench-upload-'));
  // the heaviest upload each route takes: just under 20 MB of report text, most of it on one line, to be checked;
  // and 19 MB of photograph-like bytes as evidence (each upload different, as real photographs are)
  const sentence = '整改情况：已完成整改。一是加强学习，二是完善制度，三是建立长效机制。';
  const reps = Math.floor((19.5 * 1024 * 1024) / new TextEncoder().encode(sentence).length);
  writeFileSync(join(dir, 'report.txt'), `关于巡察整改进展情况的通报\n一、整改情况\n${sentence.repeat(reps)}`);
  writeFileSync(join(dir, 'photo.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(19 * 1024 * 1024)]));
  const code = (
    await ledger.db.selectFrom('problem').select('code').where('status', '=', 'in-progress').orderBy('id').executeTakeFirstOrThrow()
  ).code;
  await bigSource(ledger);
  const uploads = [
    ['20 MB report checked', '/api/check', 'report.txt', '一行.txt', 'same'],
    ['19 MB evidence kept', `/api/problems/${encodeURIComponent(code)}/evidence`, 'photo.jpg', '现场照片.jpg', 'vary'],
    [`the 通报 of a ${BIG.toLocaleString('en')}-problem source generated`, `/api/sources/${BIG_SOURCE}/reports/tongbao`, 'GET', '', ''],
  ] as const;
  const cannon = (path: string) =>
    new Promise<autocannon.Result>((done) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'node_modules/autocannon/autocannon.js'), '--json', '-c', '10', '-d', '20', '-H', `cookie=${cookie}`, `${base}${path}`],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.on('exit', () => done(JSON.parse(out) as autocannon.Result));
    });
  for (const [what, route, file, name, vary] of uploads) {
    const uploader = spawn(
      process.execPath,
      [join(ROOT, 'bench/upload-loop.mjs'), `${base}${route}`, cookie, csrf, file === 'GET' ? file : join(dir, file), name, vary],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let answered = '';
    uploader.stdout.on('data', (b: Buffer) => (answered += b.toString()));
    const health = await cannon('/api/health');
    const page = await cannon('/api/problems?limit=20&status=in-progress');
    const ended = new Promise((done) => uploader.on('exit', done));
    uploader.kill('SIGTERM');
    await ended;
    for (const [light, r] of [
      ['GET /api/health', health],
      ['GET /api/problems (a page)', page],
    ] as const)
      console.log(
        `  ${light} while ${what}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${r.requests.total} requests, errors ${r.errors + r.non2xx}`,
      );
    console.log(`  ${what}: uploads answered ${answered}`);
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

async function readsUnderWriters(ledger: Ledger) {
  const codes = (
    await ledger.db
      .selectFrom('problem')
      .select('code')
      .where('status', 'in', ['in-progress', 'not-started'])
      .orderBy('id')
      .limit(50)
      .execute()
  ).map((p) => p.code);
  const statuses = ['in-progress', 'not-started', 'completed', 'phased', undefined] as const;
  // a deadline, not a timer: 54 chains of database promises never leave the microtask queue, so a timer would not fire
  const seconds = 15;
  const end = performance.now() + seconds * 1000;
  const going = () => performance.now() < end;
  let writes = 0;
  const reads: number[] = [];
  const writers = codes.map(async (code, w) => {
    for (let i = 0; going(); i++) {
      await reportProgress(
        ledger.db,
        code,
        { scope: FULL_SCOPE, actor: `填报人${w}`, at: TODAY },
        { text: `第${i}次进展`, progress: i % 101 },
      );
      writes++;
    }
  });
  const readers = Array.from({ length: 4 }, async (_, r) => {
    for (let i = 0; going(); i++) {
      const t = performance.now();
      if (i % 5 === 4)
        await ledgerStatistics(ledger.db, {
          scope: FULL_SCOPE,
          today: TODAY,
          source: `XC2024-${String(1 + ((i * 7 + r) % 200)).padStart(3, '0')}`,
        });
      else
        await listProblems(ledger.db, {
          scope: FULL_SCOPE,
          today: TODAY,
          status: statuses[(i + r) % statuses.length],
          search: i % 3 === 0 ? `问题${(i * 31 + r) % 900}` : undefined,
          limit: 20,
          offset: (i * 20) % 400,
        });
      reads.push(performance.now() - t);
    }
  });
  await Promise.all([...writers, ...readers]);
  console.log(
    `  reads with 50 writers: ${reads.length} reads, p50 ${ms(quantile(reads, 0.5))}, p99 ${ms(quantile(reads, 0.99))}, max ${ms(Math.max(...reads))}; ${(writes / seconds).toFixed(0)} writes/s`,
  );
}

const { ledger, name, cleanup } = await openBenchLedger('faults');
console.log(`faults: ${name}, ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, ${PROBLEMS} problems`);
let t0 = performance.now();
await generateLedger(ledger);
console.log(`  ledger generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
t0 = performance.now();
await readsUnderWriters(ledger);
console.log(`  (reads under writers took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
await lightWhileHeavy(ledger);
await ledger.close();
cleanup();
