// Benchmark of the web application on a 100,000-problem ledger: an office of 50 users of different units and roles at
// work (bench/office-users.mjs: their own filters, sorts, searches, pages and writes; latency by kind of request,
// each figure counted afresh or from what the server keeps per source — no answer is remembered), the size of the
// built JavaScript, and a cold first load in Chromium. On a PostgreSQL server when DATABASE_URL is set, else on the
// embedded database. Run: npm run bench (after the other benchmarks). Results: docs/benchmarks.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { openBenchLedger } from './bench-ledger.ts';
import { buildApp } from '../src/server/app.ts';
import { countTheDay } from '../src/services/ledger-queries.ts';
import { generateLedger, PROBLEMS } from './generate-ledger.ts';
import { prepareOffice, office, PASSWORD, report, USERS } from './office.ts';

const ROOT = resolve(import.meta.dirname, '..');

{
  // the web application as `npm install` builds it: precompressed, so that the bytes measured are those sent
  // @ts-expect-error: the build script is plain JavaScript, without types
  const { buildWeb } = await import('../scripts/build-web.mjs');
  await buildWeb(ROOT);
}
const { ledger, name, reopen, cleanup } = await openBenchLedger('web');
await generateLedger(ledger);
await prepareOffice(ledger);

await ledger.close();

/** A server on the ledger opened afresh: what one configuration's server kept in memory does not help the next. */
async function serve() {
  const fresh = await reopen();
  const app = await buildApp({ ledger: fresh, today: () => '2025-06-30', webRoot: join(ROOT, 'web/dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // as the server does at start (src/server/main.ts): the whole ledger's figures for the day, before anyone asks
  const t = performance.now();
  await countTheDay(fresh.db, '2025-06-30');
  console.log(`  the server counts the day's figures at start: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const close = async () => {
    await app.close();
    await fresh.close();
  };
  return { close, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

const SECONDS = Number(process.env.ZG_BENCH_OFFICE_SECONDS ?? 60);
/** A person reads a page before the next click: 2–6 s here, a busy office (each user some 15 requests a minute). */
const THINK_MS = [2000, 6000] as const;
console.log(
  `${name}: ${PROBLEMS.toLocaleString()} problems; ${USERS.length} users of different units and roles, each pausing ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between clicks, ${SECONDS} s a run after they arrive`,
);
{
  const { close, base } = await serve();
  report(await office(base, SECONDS, THINK_MS));
  await close();
}
{
  const { close, base } = await serve();
  console.log('  the same users without pausing (the server saturated: what it can carry, not what an office sends):');
  report(await office(base, Math.min(SECONDS, 20), [0, 0]));
  await close();
}
const { close, base } = await serve();

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

// a cold first load in Chromium: no cache, to the login form, then logged in to the dashboard's figures — from a
// server that has counted the administrator's figures once today, as a server that has been up has: the browser's
// cache is what is cold here, the server's first count of the day is measured above
const chromiumPath = process.env.ZG_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERS[0]?.username, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  for (const path of ['/api/sources', '/api/stats', '/api/stats/trend', '/api/problems?overdue=true&sort=deadline&limit=8'])
    await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
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
  await page.getByLabel('用户名').fill(USERS[0]?.username ?? '');
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

await close();
cleanup();
