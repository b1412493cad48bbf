// Benchmark of the web application on a 100,000-problem ledger: the API's latency (median and 99th percentile) for
// the ledger page and the dashboard under 50 concurrent clients (autocannon, loopback only, bounded in time), the
// size of the built JavaScript, and a cold first load in Chromium. On a PostgreSQL server when DATABASE_URL is set,
// else on the embedded database. Run: npm run bench (after the other benchmarks). Results: docs/benchmarks.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { openBenchLedger } from './bench-ledger.ts';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { generateLedger, PROBLEMS } from './generate-ledger.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench password 1';

/** autocannon in a process of its own: in the server's process it would take the event loop it measures. */
async function load(url: string, cookie: string): Promise<autocannon.Result> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/autocannon/autocannon.js'), '--json', '-c', '50', '-d', '10', '-H', `cookie=${cookie}`, url],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise((r) => child.on('exit', r));
  return JSON.parse(out) as autocannon.Result;
}

{
  // the web application as `npm install` builds it: precompressed, so that the bytes measured are those sent
  // @ts-expect-error: the build script is plain JavaScript, without types
  const { buildWeb } = await import('../scripts/build-web.mjs');
  await buildWeb(ROOT);
}
const { ledger, name, cleanup } = await openBenchLedger('web');
await generateLedger(ledger);
await createUser(ledger.db, 'bench', { username: 'bench', displayName: '整改办', password: PASSWORD, role: 'admin' });
async function serve(readCacheMs: number) {
  const app = await buildApp({ ledger, today: () => '2025-06-30', webRoot: join(ROOT, 'web/dist'), readCacheMs });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const loginRes = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  return { app, base, cookie: (loginRes.headers.get('set-cookie') ?? '').split(';')[0] as string };
}

console.log(`${name}: ${PROBLEMS.toLocaleString()} problems; 50 concurrent clients for 10 s each`);
for (const readCacheMs of [2000, 0]) {
  const { app, base, cookie } = await serve(readCacheMs);
  console.log(
    readCacheMs
      ? `  with the server's ${readCacheMs} ms read cache (the default):`
      : '  with the read cache off (every request queries the database):',
  );
  for (const [label, path] of [
    ['ledger page (one unit, overdue, by deadline, 50 rows)', '/api/problems?unit=%E5%8D%95%E4%BD%8D7&overdue=true&sort=deadline&limit=50'],
    ['ledger page (all problems, by code, 50 rows)', '/api/problems?limit=50'],
    ['dashboard statistics', '/api/stats'],
  ] as const) {
    const r = await load(`${base}${path}`, cookie);
    console.log(
      `    ${label}: median ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s, ${r.non2xx} non-2xx, ${r.errors} errors`,
    );
  }
  await app.close();
}
const { app, base } = await serve(2000);

// the JavaScript a browser downloads
const assets = join(ROOT, 'web/dist/assets');
const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
const size = (files: string[]) => files.reduce((s, f) => s + statSync(join(assets, f)).size, 0);
const gz = (files: string[]) => files.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0);
const html = readFileSync(join(ROOT, 'web/dist/index.html'), 'utf8');
const first = js.filter((f) => html.includes(f));
const br = (files: string[]) =>
  files.reduce((s, f) => s + (existsSync(join(assets, `${f}.br`)) ? statSync(join(assets, `${f}.br`)).size : 0), 0);
console.log(
  `  built JavaScript: ${(size(js) / 1024).toFixed(0)} KB in ${js.length} files (${(gz(js) / 1024).toFixed(0)} KB gzipped); the login screen's: ${(size(first) / 1024).toFixed(0)} KB, ${(br(first) / 1024).toFixed(0)} KB as sent (brotli)`,
);

// a cold first load in Chromium: no cache, to the login form, then logged in to the dashboard's figures
const chromiumPath = process.env.ZG_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // the bytes the network carried, compressed as sent
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let wire = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (wire += e.encodedDataLength));
  let t0 = performance.now();
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').waitFor();
  const loginScreen = performance.now() - t0;
  const loginBytes = wire;
  await page.getByLabel('用户名').fill('bench');
  await page.getByLabel('密码').fill(PASSWORD);
  t0 = performance.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('stat-问题总数').waitFor();
  const dashboard = performance.now() - t0;
  console.log(
    `  cold load in Chromium: login screen usable after ${loginScreen.toFixed(0)} ms (${(loginBytes / 1024).toFixed(0)} KB over the wire); dashboard figures ${dashboard.toFixed(0)} ms after logging in (${(wire / 1024).toFixed(0)} KB in all)`,
  );
  await browser.close();
} else console.log('  (Chromium not installed: the cold-load measurement is skipped)');

await app.close();
await ledger.close();
cleanup();
