// The fault suite, the server: what a careful operator found freezing it or answering 500 (issue 14). Heavy work runs in
// the worker pool, so other people's requests are answered while an upload is parsed; a job over its time is stopped
// with a message; every compressed upload has an inflation limit; malformed multipart bodies are the sender's mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { WorkerPool } from '../src/services/worker-pool.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';
/** The per-job limit of this file's pool: a 6 MB one-line text takes longer than this to read on any machine here. */
const JOB_LIMIT_MS = 1500;

let l: Ledger;
let app: FastifyInstance;
let headers: Record<string, string>;
let problem: string;

const BOUNDARY = '----zgfault';
function multipart(name: string, bytes: Uint8Array | string, extra = '') {
  const head = Buffer.from(
    `${extra}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}
const post = (url: string, payload: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
  app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': contentType } });
const count = async (t: 'source' | 'document' | 'evidence' | 'perf_evaluation') =>
  Number(
    (
      await l.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY, workers: { timeoutMs: JOB_LIMIT_MS } });
  const bureau = await createUnit(l.db, 'test', { name: '示例县农业农村局' }, FULL_SCOPE);
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: TODAY, ownerUnitId: bureau });
  problem = `${r?.sources[0]?.code}-001`;
  // the office that owns the ledger: what it uploads and asks for is what is tried here
  await createUser(l.db, 'test', {
    username: 'admin',
    displayName: '整改办',
    password: PASSWORD,
    role: 'office',
    unit: '示例县农业农村局',
  });
  const s = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: PASSWORD } });
  const cookie = s.cookies.find((c) => c.name === 'zg_session');
  headers = { cookie: `zg_session=${cookie?.value}`, 'x-csrf-token': s.json().csrf };
});
afterAll(async () => {
  await app.close();
  await l.close();
});

describe('one upload does not freeze the server', () => {
  it('answers health while a 6 MB one-line text is read, then stops the job at its limit with a message', async () => {
    // figures in every sentence: the reader skips sentences without one, so a text of words alone reads too fast
    const sentence = '共发现问题12个，已整改完成10个，正在整改2个，整改完成率83.3%，制定《管理办法》。';
    const line = sentence.repeat(Math.ceil((6 * 1024 * 1024) / Buffer.byteLength(sentence)));
    let settled = false;
    const check = post('/api/check', multipart('一行.txt', line)).then((r) => {
      settled = true;
      return r;
    });
    // five health checks, one after another, each answered while the upload is still being worked on
    const answeredWhileBusy: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const h = await app.inject({ method: 'GET', url: '/api/health' });
      answeredWhileBusy.push(h.statusCode === 200 && !settled);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answeredWhileBusy).toEqual([true, true, true, true, true]);
    const r = await check;
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'JOB_TIMEOUT', message: expect.stringContaining('文件“一行.txt”处理超过') });
    // the pool has a fresh worker: the next upload is read as usual
    const ok = await post(
      '/api/check',
      multipart('示例.txt', '中共示例县农业农村局党组关于巡察整改进展情况的通报\n一、整改情况\n1.问题一\n整改情况：已完成整改。'),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().reports.length).toBeGreaterThan(0);
  });

  it('refuses a workbook that would inflate past the limit, on both workbook routes, writing nothing', async () => {
    // 200 MB of one sheet's XML in about 200 KB
    const bomb = zipSync(
      { '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024) },
      { level: 9 },
    );
    const before = { sources: await count('source'), perf: await count('perf_evaluation') };
    const workbook = await post('/api/workbook', multipart('炸弹.xlsx', bomb));
    expect(workbook.statusCode).toBe(422);
    expect(workbook.json().reasons.join()).toContain('解压后超过');
    const perf = await post('/api/perf', multipart('炸弹.xlsx', bomb));
    expect(perf.statusCode).toBe(422);
    expect(perf.json().reasons.join()).toContain('解压后超过');
    expect({ sources: await count('source'), perf: await count('perf_evaluation') }).toEqual(before);
    // the same bomb lying about its sizes (1 KB declared in every header): found by inflating, not by believing them
    const liar = new Uint8Array(bomb);
    const view = new DataView(liar.buffer);
    for (let i = 0; i + 4 < liar.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 1024, true); // a local header's unpacked size
      if (signature === 0x02014b50) view.setUint32(i + 24, 1024, true); // the central directory's
    }
    const lied = await post('/api/workbook', multipart('说谎的炸弹.xlsx', liar));
    // counting what inflates takes a while: within this test server's 2-second job limit it may be the limit that
    // stops it; either way it is refused in words, nothing is written, and no gigabyte is held (it was read whole)
    if (lied.statusCode === 413) expect(lied.json().code).toBe('JOB_TIMEOUT');
    else {
      expect(lied.statusCode, lied.body).toBe(422);
      expect(lied.json().reasons.join()).toContain('解压后超过');
    }
    expect({ sources: await count('source'), perf: await count('perf_evaluation') }).toEqual(before);
  });
});

describe('malformed uploads are 400 with a Chinese message, never 500', () => {
  const routes = () => ['/api/check', '/api/import', '/api/workbook', '/api/perf', `/api/problems/${problem}/evidence`];
  const whole = () => multipart('报告.txt', '整改情况：已完成整改。');

  it.each([
    ['cut off halfway', () => whole().subarray(0, 60), undefined],
    ['without its closing boundary', () => Buffer.from(whole().toString('latin1').replace(`--${BOUNDARY}--`, ''), 'latin1'), undefined],
    ['with a malformed part header', () => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition\r\n\r\nx\r\n--${BOUNDARY}--\r\n`), undefined],
    ['with no boundary in its content type', () => whole(), 'multipart/form-data'],
    [
      'with a field the route does not take',
      () => multipart('报告.txt', '整改', `--${BOUNDARY}\r\nContent-Disposition: form-data; name="owner"\r\n\r\nadmin\r\n`),
      undefined,
    ],
    [
      'with its file under another field name',
      () => Buffer.from(whole().toString('latin1').replace('name="file"', 'name="notfile"'), 'latin1'),
      undefined,
    ],
  ])('a body %s', async (_what, body, contentType) => {
    const before = { sources: await count('source'), documents: await count('document'), evidence: await count('evidence') };
    for (const url of routes()) {
      const r = await post(url, body(), contentType);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 400 });
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect({ sources: await count('source'), documents: await count('document'), evidence: await count('evidence') }).toEqual(before);
  });
});

describe('the worker pool shares its time', () => {
  it('reads a page-sized report before the large files queued ahead of it', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 120_000 });
    try {
      const large = new TextEncoder().encode('整改情况：已完成整改。一是加强学习，二是完善制度。'.repeat(25_000));
      const small = new TextEncoder().encode(
        '中共示例县农业农村局党组关于巡察整改进展情况的通报\n一、整改情况\n1.问题一\n整改情况：已完成整改。',
      );
      await pool.run('readReport', ['热身.txt', small]); // the worker is up: the next job starts at once
      const done: string[] = [];
      const read = (name: string, bytes: Uint8Array) => pool.run('readReport', [name, bytes]).then(() => done.push(name));
      // one person's two large files, then someone else's small one
      await Promise.all([read('大1.txt', large), read('大2.txt', large), read('小.txt', small)]);
      expect(done).toEqual(['大1.txt', '小.txt', '大2.txt']);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('the program rebuilt under a running server', () => {
  it('is a 503 that asks for a restart, not an internal error', async () => {
    const { explainFailure } = await import('../src/services/explain-failure.ts');
    // as a worker's job reports it when the chunk it loads late was replaced by a new build
    const gone = new Error(
      "heavy job failed: Cannot find module '/srv/zhenggai/dist/html-text-3KQ2X7ZB.mjs' imported from /srv/zhenggai/dist/heavy-worker.mjs",
    );
    const said = explainFailure(gone);
    expect(said?.kind).toBe('unavailable');
    expect(said?.message).toBe('整改通的程序已更新（重新构建），但服务尚未重启；请系统管理员重启整改通服务后再试');
    // a module missing from the sources is a bug, said as one
    expect(explainFailure(new Error("Cannot find module './nope.ts' imported from /srv/zhenggai/src/x.ts"))).toBeNull();
  });
});
