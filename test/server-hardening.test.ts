// What a user (or an attacker) notices of the server's hardening: the security headers on every answer, login
// throttling that slows a guesser without locking the owner out, and input refused for what it means — a day that does
// not exist, a number out of range, a field the route does not know — with a 400 naming the field in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { importEvaluation } from '../src/services/perf-evaluations.ts';
import { ADDRESS_FAILURES_ALLOWED, FREE_FAILURES } from '../src/core/access/login-throttle.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { connect } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

const TODAY = '2025-01-15';
const SCRIPT = `export const screens = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `问题清单第${i}项`))};`;
const PASSWORD = 'correct horse battery';
let l: Ledger;
let app: FastifyInstance;
let admin: { cookie: string; 'x-csrf-token': string };
let perfId: number;
let web: string;

const attempt = (username: string, password: string, remoteAddress: string, on = app, device?: string) =>
  on.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    remoteAddress,
    ...(device ? { cookies: { zg_device: device } } : {}),
  });

beforeAll(async () => {
  l = await testLedger();
  // a stand-in for web/dist, so the page itself is served without building the web application
  web = mkdtempSync(join(tmpdir(), 'zg-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>整改通</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), SCRIPT);
  // as the build leaves them (scripts/build.mjs): each file beside its brotli and gzip forms
  writeFileSync(join(web, 'assets', 'app.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(web, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
  app = await buildApp({ ledger: l, today: () => TODAY, webRoot: web });
  // an office's people, who read and change the ledger: what they send is what is checked here
  await createUnit(l.db, 'test', { name: '示例单位' }, FULL_SCOPE);
  for (const name of ['admin', 'owner', 'busy', 'phone'])
    await createUser(l.db, 'test', { username: name, displayName: name, password: PASSWORD, role: 'office', unit: '示例单位' });
  const r = await attempt('admin', PASSWORD, '127.0.0.1');
  admin = { cookie: `zg_session=${r.cookies.find((c) => c.name === 'zg_session')?.value}`, 'x-csrf-token': r.json().csrf };
  const table = [
    '2024年度部门整体支出绩效自评表',
    '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
    '\t产出指标\t数量指标\t办案数\t100件\t90件\t100\t90',
  ];
  const unit = await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例单位').executeTakeFirstOrThrow();
  perfId = (await importEvaluation(l, { name: '自评.txt', bytes: new TextEncoder().encode(table.join('\n')) }, 'test', unit.id)).id;
});
afterAll(async () => {
  await app.close();
  await l.close();
});

describe('requests the HTTP parser cannot read', () => {
  it('are answered in Chinese: a garbled request line and an address too long', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const send = (raw: string) =>
      new Promise<string>((done) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(raw));
        let out = '';
        socket.on('data', (b) => (out += b.toString()));
        socket.on('close', () => done(out));
      });
    const garbled = await send('GARBAGE / HTTP/1.1\r\n\r\n');
    expect(garbled).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbled).toContain('请求格式不正确或不完整（可能是网络中断），请重试');
    const long = await send(`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(long).toContain('请求的网址或请求头过长，请缩短后重试');
  });
});

describe('the page and its files', () => {
  it('serves the page at a screen’s address, and a 404 for a file that is not there', async () => {
    const screen = await app.inject({ method: 'GET', url: '/ledger?source=XC2025-01' });
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('<title>整改通</title>');
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    // a script of an older build: 404, never the page served as JavaScript
    const gone = await app.inject({ method: 'GET', url: '/assets/index-0ld.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).not.toContain('text/html');
    // rebuilt under the running server: the new build's script is served at once
    writeFileSync(join(web, 'assets', 'index-n3w.js'), 'export {};');
    const rebuilt = await app.inject({ method: 'GET', url: '/assets/index-n3w.js' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.headers['content-type']).toContain('javascript');
    // a path that climbs out of the application's folder reaches no file outside it (at most, the page again)
    for (const url of ['/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/..%2f..%2f..%2f..%2fetc%2fhosts.txt']) {
      const climb = await app.inject({ method: 'GET', url });
      expect(climb.body, url).not.toMatch(/root:|localhost/);
    }
  });

  it('sends a file in the compressed form the browser takes, the same script once unpacked', async () => {
    const get = (encoding?: string) =>
      app.inject({ method: 'GET', url: '/assets/app.js', headers: encoding ? { 'accept-encoding': encoding } : {} });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('lets the browser keep a built file for good, and asks it to check the page itself every time', async () => {
    // a built file's name carries its content's hash: a new build is a new name
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const url of ['/', '/ledger?source=XC2025-01', '/index.html'])
      expect((await app.inject({ method: 'GET', url })).headers['cache-control'], url).toBe('no-cache');
  });
});

describe('security headers', () => {
  const common = {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };

  it('on the page, its files, the API, a refusal and a URL that cannot be read', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject(common);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(String(page.headers['permissions-policy'])).toContain('camera=()');
    // a client-side route is the same page, with the same policy
    expect((await app.inject({ method: 'GET', url: '/ledger' })).headers['content-security-policy']).toBe(csp);
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).headers).toMatchObject(common);

    for (const url of ['/api/health', '/api/problems', '/api/problems/%', '/api/nothing-here']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.headers, url).toMatchObject({ ...common, 'cache-control': 'no-store' });
      expect(String(r.headers['content-security-policy']), url).toContain("default-src 'none'");
    }
    const badUrl = await app.inject({ method: 'GET', url: '/api/problems/%' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives Swagger UI at /api/docs a policy it can work under, still without inline scripts or framing', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(r.statusCode).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('tells browsers to keep to HTTPS only when the server is set up for it', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const secure = await buildApp({ ledger: l, today: () => TODAY, secureCookies: true });
    try {
      expect((await secure.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });
});

describe('login throttling', () => {
  it('does not let a stranger’s failures block the owner’s correct password', async () => {
    expect((await attempt('owner', PASSWORD, '10.1.0.1')).statusCode).toBe(200); // the owner's usual address
    for (let i = 0; i < FREE_FAILURES + 3; i++) await attempt('owner', `guess ${i}`, `10.66.0.${i}`);
    // the stranger is slowed down, and says so with when to try again
    const stranger = await attempt('owner', 'guess again', '10.66.1.1');
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json().message).toMatch(/该账号登录失败次数过多.*请 \d+ (秒|分钟)后再试/);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    // the owner, from the address they log in from, is not
    const owner = await attempt('owner', PASSWORD, '10.1.0.1');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.username).toBe('owner');
  });

  it('does not let strangers slow the owner’s own browser, wherever it connects from, nor refuse it for its office’s gateway', async () => {
    // the owner logs in on their phone once; the browser keeps a cookie for the login page alone
    const first = await attempt('phone', PASSWORD, '10.7.0.1');
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'zg_device');
    expect(cookie).toMatchObject({ path: '/api/session', httpOnly: true, sameSite: 'Strict' });
    const device = cookie?.value as string;
    for (let i = 0; i < FREE_FAILURES + 3; i++) await attempt('phone', `guess ${i}`, `10.67.0.${i}`);
    // the phone's address has moved: a browser new to the account waits there, the owner's own does not
    expect((await attempt('phone', PASSWORD, '10.7.9.9')).statusCode).toBe(429);
    expect((await attempt('phone', PASSWORD, '10.7.9.9', app, device)).statusCode).toBe(200);
    // a cookie the server never gave is no key
    expect((await attempt('phone', PASSWORD, '10.7.9.10', app, 'x'.repeat(43))).statusCode).toBe(429);
    // someone at the office guesses at many accounts until the office's one address is refused…
    for (let i = 0; i < ADDRESS_FAILURES_ALLOWED; i++) await attempt(`nobody-office-${i}`, 'wrong', '10.8.0.1');
    expect((await attempt('phone', PASSWORD, '10.8.0.1')).statusCode).toBe(429);
    // …but not the owner's browser there, which counts only its own failures
    expect((await attempt('phone', PASSWORD, '10.8.0.1', app, device)).statusCode).toBe(200);
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt('phone', 'typo', '10.8.0.1', app, device)).statusCode).toBe(401);
    expect((await attempt('phone', PASSWORD, '10.8.0.1', app, device)).statusCode).toBe(429);
  });

  it('slows repeated failures down, longer after each, and never locks for good', async () => {
    await createUser(l.db, 'test', { username: 'slow', displayName: 'slow', password: PASSWORD, role: 'admin' });
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt('slow', 'wrong', '10.2.0.1')).statusCode).toBe(401);
    const first = await attempt('slow', PASSWORD, '10.2.0.1'); // even the right password waits now
    expect(first.statusCode).toBe(429);
    const wait = Number(first.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    // trying while waiting is not a failure: the wait does not grow
    expect(Number((await attempt('slow', 'wrong', '10.2.0.1')).headers['retry-after'])).toBeLessThanOrEqual(wait);
    // once the wait is over (moved into the past here), one more attempt; a failure makes the next wait longer
    await sql`update login_failure set at = at - ${wait + 1}::int * interval '1 second' where username = 'slow'`.execute(l.db);
    expect((await attempt('slow', 'wrong', '10.2.0.1')).statusCode).toBe(401);
    const longer = Number((await attempt('slow', PASSWORD, '10.2.0.1')).headers['retry-after']);
    expect(longer).toBeGreaterThan(wait);
    await sql`update login_failure set at = at - ${longer + 1}::int * interval '1 second' where username = 'slow'`.execute(l.db);
    expect((await attempt('slow', PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('refuses an address that fails against many accounts, saying when to try again', async () => {
    for (let i = 0; i < ADDRESS_FAILURES_ALLOWED; i++) expect((await attempt(`nobody${i}`, 'wrong', '10.3.0.1')).statusCode).toBe(401);
    const r = await attempt('busy', PASSWORD, '10.3.0.1'); // a real account, the right password: the address waits
    expect(r.statusCode).toBe(429);
    expect(r.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(r.json().message).toMatch(/此地址登录失败次数过多，请 \d+ 分钟后再试/);
    const retry = Number(r.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // other addresses are not affected
    expect((await attempt('busy', PASSWORD, '10.3.0.2')).statusCode).toBe(200);
  });

  it('counts at the same moment on two server processes sharing one database', async () => {
    const other = await buildApp({ ledger: l, today: () => TODAY });
    try {
      await createUser(l.db, 'test', { username: 'burst', displayName: 'burst', password: PASSWORD, role: 'admin' });
      const all = await Promise.all(
        Array.from({ length: 16 }, (_, i) => attempt('burst', `wrong ${i}`, `10.4.0.${i}`, i % 2 ? app : other)),
      );
      const codes = all.map((r) => r.statusCode);
      // however the attempts interleave, no more than the free failures are tried against the password
      expect(codes.filter((c) => c === 401).length).toBe(FREE_FAILURES);
      expect(codes.filter((c) => c === 429).length).toBe(16 - FREE_FAILURES);
    } finally {
      await other.close();
    }
  });
});

describe('input refused for what it means', () => {
  const get = (url: string) => app.inject({ method: 'GET', url, headers: admin });
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: admin, payload });

  it('a day that does not exist, named in Chinese', async () => {
    for (const asOf of ['2024-99-99', '2023-02-29', '2024-04-31']) {
      const r = await get(`/api/stats?asOf=${asOf}`);
      expect(r.statusCode, asOf).toBe(400);
      expect(r.json()).toEqual({ code: 'INVALID_INPUT', message: '提交的内容不符合要求：asOf：日期不存在' });
    }
    expect((await get('/api/stats?asOf=2024-02-29')).statusCode).toBe(200);
    expect((await get('/api/stats?asOf=下月底')).json().message).toContain('asOf：应为 YYYY-MM-DD 格式的日期');
    expect((await get('/api/supervision/monthly?month=2024-13')).json().message).toContain('month：月份不存在');
    expect((await get('/api/supervision/weekly?day=2024-02-30')).json().message).toContain('day：日期不存在');
  });

  it('numbers out of range: ids beyond the database, limits and offsets', async () => {
    for (const url of [
      '/api/perf/99999999999',
      '/api/perf/0',
      '/api/perf/-1',
      '/api/problems?limit=0',
      '/api/problems?limit=201',
      '/api/problems?offset=-1',
      '/api/stats/trend?months=25',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code, url).toBe('INVALID_INPUT');
    }
    const r = await post('/api/notifications/3000000000/read', {});
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('id：');
    // said in plain words, not as the validator's notation
    expect((await get('/api/problems?limit=201')).json().message).toBe('提交的内容不符合要求：limit：应不大于 200');
    expect((await get('/api/problems?limit=1e400')).json().message).toBe('提交的内容不符合要求：limit：不是有效的数字');
    expect((await get('/api/perf/99999999999')).json().message).toBe('提交的内容不符合要求：id：数字过大');
    expect((await get('/api/problems?offset=-1')).json().message).toBe('提交的内容不符合要求：offset：应不小于 0');
    expect((await get('/api/problems?limit=0.5')).json().message).toBe('提交的内容不符合要求：limit：应为整数');
    const text = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '"区财政局"',
    });
    expect(text.json().message).toBe('提交的内容不符合要求：请求：应为JSON 对象（{…}）');
    const missing = await post('/api/units', {});
    expect(missing.json().message).toBe('提交的内容不符合要求：name：必须填写');
  });

  it('a field the route does not know, named', async () => {
    const body = await post('/api/units', { name: '新单位', colour: 'red' });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toEqual({ code: 'INVALID_INPUT', message: '提交的内容不符合要求：请求：不接受的字段：colour' });
    const nested = await app.inject({
      method: 'PUT',
      url: `/api/sources/XC9999-01/publication`,
      headers: admin,
      payload: { hide: { personNames: true, personalPhones: true, internalNotes: true, everything: true } },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().message).toContain('hide：不接受的字段：everything');
    const query = await get('/api/problems?colour=red');
    expect(query.statusCode).toBe(400);
    expect(query.json().message).toContain('不接受的字段：colour');
    expect((await get('/api/sources?page=2')).statusCode).toBe(400);
  });

  it('text the database cannot store', async () => {
    const r = await post('/api/units', { name: '单位\u0000' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('name：不能包含空字符');
    expect((await get('/api/problems?search=%00')).statusCode).toBe(400);
    // half a surrogate pair: no character, and the event log's JSON cannot hold it (was a 500)
    const half = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"name":"\\ud800"}',
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().message).toContain('name：含有无效字符（不完整的字符编码）');
    // a whole pair is a character like any other
    expect((await post('/api/people', { name: '𧤋先生', unit: '示例单位' })).statusCode).toBe(200);
  });

  it('still takes what the web application sends: a self-evaluation read, edited and saved as it came', async () => {
    const loaded = (await get(`/api/perf/${perfId}`)).json();
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/perf/${perfId}`,
      headers: admin,
      payload: { evaluation: loaded.evaluation, version: loaded.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const scored = await post('/api/perf/score', { evaluation: loaded.evaluation });
    expect(scored.statusCode, scored.body).toBe(200);
  });
});
