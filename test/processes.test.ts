// Several server processes over one PostgreSQL database, as two machines behind a load balancer run them: two real
// servers (`npm start`) on two ports. A logout through one ends the session on the other at once; a deactivated
// account is shut out of both; a change made through one is seen through the other; the day's supervision runs once
// and each digest is mailed once, though both keep the schedule. On the embedded database the start stays one
// process and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { createUser } from '../src/services/accounts.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { createUnit } from '../src/services/organisation.ts';
import { assignProblem } from '../src/services/problem-actions.ts';
import { runSupervisionOnce } from '../src/services/supervision-run.ts';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { lastUrl, testLedger, usingServer } from './support/ledger.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
const PASSWORD = 'two processes test 1';

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  /** the public part's port */
  readonly pub: number;
  out: string;
}

/** `npm start` with this environment, once it says it is serving (or its exit code, when it does not start). */
function start(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], {
    env: { ...process.env, PORT: String(port), ZG_PUBLIC_PORT: String(port + 1), ...env },
  });
  const s: Server = { child, port, pub: port + 1, out: '' };
  return new Promise((ok, fail) => {
    const seen = (b: Buffer) => {
      s.out += b.toString();
      if (s.out.includes('整改通已启动')) ok(s);
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (b: Buffer) => (s.out += b.toString()));
    child.on('exit', (code) => fail(new Error(`exited ${code}: ${s.out}`)));
  });
}

const stopped = (s: Server) =>
  new Promise<void>((ok) => {
    if (s.child.exitCode !== null) return ok();
    s.child.on('exit', () => ok());
    s.child.kill('SIGTERM');
  });

async function call(s: Server, method: string, path: string, opts: { cookie?: string; csrf?: string; body?: object } = {}) {
  const r = await fetch(`http://127.0.0.1:${s.port}${path}`, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
      ...(opts.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: r.status, json: (await r.json().catch(() => null)) as Record<string, unknown> | null, headers: r.headers };
}

async function login(s: Server, username: string) {
  const r = await call(s, 'POST', '/api/session', { body: { username, password: PASSWORD } });
  expect(r.status).toBe(200);
  const cookie = /zg_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { cookie, csrf: r.json?.csrf as string };
}

const port = () => 40000 + 2 * Math.floor(Math.random() * 10000);

describe.runIf(usingServer())('two server processes over one PostgreSQL database', () => {
  let l: Ledger;
  let a: Server;
  let b: Server;
  let smtp: SMTPServer;
  let source = '';
  const mailed: string[] = [];

  beforeAll(async () => {
    l = await testLedger();
    await createUnit(l.db, 't', { name: '单位甲', email: 'jia@example.org' }, FULL_SCOPE);
    const bureau = await createUnit(l.db, 't', { name: '示例县农业农村局' }, FULL_SCOPE);
    const [r] = await importDocuments(l, [SAMPLE], { actor: 't', today: '2025-03-01', ownerUnitId: bureau });
    source = r?.sources[0]?.code as string;
    // long overdue: the day's run warns its unit, whose digest goes by mail
    await assignProblem(
      l.db,
      `${source}-003`,
      { scope: FULL_SCOPE, actor: 't', at: '2025-03-01' },
      { leadUnit: '单位甲', deadline: '2025-03-31' },
    );
    await createUser(l.db, 't', {
      username: 'office',
      displayName: '整改办',
      password: PASSWORD,
      role: 'office',
      unit: '示例县农业农村局',
    });
    await createUser(l.db, 't', { username: 'admin', displayName: '系统管理员', password: PASSWORD, role: 'admin' });
    await createUser(l.db, 't', { username: 'clerk', displayName: '经办人', password: PASSWORD, role: 'unit', unit: '单位甲' });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        stream.resume();
        stream.on('end', () => {
          mailed.push(session.envelope.rcptTo.map((t) => t.address).join(','));
          done();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
    // both keep the schedule, as two machines would, and both find the day's run due the moment they start
    const env = {
      DATABASE_URL: lastUrl() as string,
      ZG_PROCESSES: '1',
      ZG_SUPERVISE_AT: '00:00',
      ZG_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    };
    [a, b] = await Promise.all([start(env, port()), start(env, port())]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopped));
    await new Promise<void>((ok) => smtp?.close(() => ok()));
    await l?.close();
  });

  it('ends a session logged out through one process on the other at once', async () => {
    const office = await login(a, 'office');
    expect((await call(b, 'GET', '/api/session', office)).status).toBe(200);
    expect((await call(a, 'DELETE', '/api/session', office)).status).toBe(200);
    expect((await call(b, 'GET', '/api/problems', office)).status).toBe(401);
  });

  it('shuts an account deactivated through one process out of the other at once', async () => {
    const admin = await login(a, 'admin');
    const clerk = await login(b, 'clerk');
    expect((await call(b, 'GET', '/api/problems', clerk)).status).toBe(200);
    const users = (await call(a, 'GET', '/api/users', admin)).json?.items as { id: number; username: string }[];
    const id = users.find((u) => u.username === 'clerk')?.id;
    expect((await call(a, 'PUT', `/api/users/${id}/active`, { ...admin, body: { active: false } })).status).toBe(200);
    expect((await call(b, 'GET', '/api/problems', clerk)).status).toBe(401);
  });

  it('shows a change made through one process through the other at once, its kept figures counted again', async () => {
    const office = await login(a, 'office');
    const byUnit = async () =>
      ((await call(b, 'GET', `/api/stats?source=${source}`, office)).json as { byUnit: Record<string, { total: number }> }).byUnit;
    expect((await byUnit()).单位甲?.total).toBe(1);
    const detail = (await call(b, 'GET', `/api/problems/${source}-008`, office)).json as { problem: { version: number } };
    const note = '两个进程之间的进展';
    const v = detail.problem.version;
    const progressed = await call(a, 'POST', `/api/problems/${source}-008/progress`, { ...office, body: { version: v, text: note } });
    expect(progressed.status).toBe(200);
    const after = (await call(b, 'GET', `/api/problems/${source}-008`, office)).json as { timeline: { text: string }[] };
    expect(after.timeline.some((t) => t.text.includes(note))).toBe(true);
    expect(
      (await call(a, 'POST', `/api/problems/${source}-008/assign`, { ...office, body: { version: v + 1, leadUnit: '单位甲' } })).status,
    ).toBe(200);
    expect((await byUnit()).单位甲?.total).toBe(2);
  });

  it('takes the public form given out by one process when it is answered to the other, and only once', async () => {
    const office = await login(a, 'office');
    const published = await call(a, 'POST', `/api/sources/${source}/publications`, { ...office, body: {} });
    expect(published.status).toBe(200);
    const page = await (await fetch(`http://127.0.0.1:${a.pub}/p/${published.json?.id}`)).text();
    const q = /验证：(\d+) 加 (\d+) 等于几？/.exec(page);
    const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const form = new URLSearchParams({
      token,
      answer: String(Number(q?.[1]) + Number(q?.[2])),
      kind: 'opinion',
      content: '建议把整改进展同时张贴在村务公开栏，方便群众查看。',
    }).toString();
    const send = (s: Server) =>
      fetch(`http://127.0.0.1:${s.pub}/p/${published.json?.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
    const taken = await send(b);
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('data-testid="reference"');
    const again = await send(a);
    expect(await again.text()).toContain('这道验证题已经用过，请重新作答');
  });

  it('shows an upload’s reading progress to its uploader through either process', async () => {
    const office = await login(a, 'office');
    const boundary = '----zgprocesses';
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="progress"\r\n\r\ntwo-processes-1\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      '关于巡察整改进展情况的通报\n一、整改工作开展情况\n共反馈问题3个，已完成整改2个。\n',
      `\r\n--${boundary}--\r\n`,
    ].join('');
    const checked = await fetch(`http://127.0.0.1:${a.port}/api/check`, {
      method: 'POST',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(checked.status).toBe(200);
    expect((await call(b, 'GET', '/api/progress/two-processes-1', office)).status).toBe(200);
  });

  it('runs the day’s supervision once and mails each digest once, though both keep the schedule', async () => {
    const runs = async () => (await l.db.selectFrom('supervision_run').select(['day', 'by']).where('by', '=', '自动督办').execute()).length;
    for (let i = 0; i < 100 && (mailed.length === 0 || (await runs()) === 0); i++) await new Promise((r) => setTimeout(r, 200));
    // time for a second run or mail, were there to be one
    await new Promise((r) => setTimeout(r, 2000));
    expect(await runs()).toBe(1);
    expect(mailed).toEqual(['jia@example.org']);
    expect([a.out, b.out].filter((o) => o.includes('自动督办：新产生')).length).toBe(1);
  });

  it('lets one of two runs started at the same moment through, under the database lock', async () => {
    const other = await openLedger({ url: lastUrl() as string });
    try {
      const at = '2031-01-02T08:30';
      const both = await Promise.all([
        runSupervisionOnce(l.db, { at, actor: '自动督办' }),
        runSupervisionOnce(other.db, { at, actor: '自动督办' }),
      ]);
      expect(both.filter((r) => r !== null)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('the number of server processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zg-processes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(usingServer())(
    'stays one process on the embedded database, and says so',
    async () => {
      // a log limit of 10 KB: the new ledger's log is near it at once, and the start says so
      const env: NodeJS.ProcessEnv = {
        ZG_DATA: join(dir, 'data'),
        ZG_PROCESSES: '2',
        ZG_SUPERVISE: 'off',
        ZG_SAMPLE_DATA: 'off',
        ZG_AUDIT_LOG_LIMIT_MB: '0.01',
      };
      const s = await start({ ...env, DATABASE_URL: '' }, port());
      try {
        expect(s.out).toContain('内嵌数据库只能由一个进程使用，整改通以一个进程运行（ZG_PROCESSES=2 未采用）');
        expect(s.out).toMatch(/注意：操作日志已占用 \d+ MB，接近上限 0 MB（ZG_AUDIT_LOG_LIMIT_MB）/);
        expect(s.out).not.toContain('个进程，');
        expect((await call(s, 'GET', '/api/health')).status).toBe(200);
      } finally {
        await stopped(s);
      }
    },
    60_000,
  );

  it('refuses a schedule setting that is no time or no number before it listens, saying which setting', async () => {
    const backups = { ZG_BACKUP_DIR: join(dir, 'backups') };
    for (const [env, said] of [
      [{ ...backups, ZG_BACKUP_AT: '25:00' }, '环境变量 ZG_BACKUP_AT 的值“25:00”不是时刻'],
      [{ ...backups, ZG_SUPERVISE_AT: '24:61' }, '环境变量 ZG_SUPERVISE_AT 的值“24:61”不是时刻'],
      [{ ...backups, ZG_BACKUP_KEEP: '0' }, '环境变量 ZG_BACKUP_KEEP 的值“0”不是保留的备份个数'],
      // a time for backups that would never be made, and directories no backup can be written to
      [{ ZG_BACKUP_AT: '03:00' }, '设置了环境变量 ZG_BACKUP_AT，但没有设置 ZG_BACKUP_DIR'],
      [{ ZG_BACKUP_DIR: '/proc/zg-backups' }, '环境变量 ZG_BACKUP_DIR：无法建立备份目录“/proc/zg-backups”'],
      [{ ZG_BACKUP_DIR: join(dir, 'no', 'such', 'place') }, `的上级目录“${join(dir, 'no', 'such')}”不存在`],
      [{ ZG_BACKUP_DIR: '/sys/fs' }, '没有权限写入环境变量 ZG_BACKUP_DIR 所指的目录“/sys/fs”'],
    ] as const) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], {
        env: { ...process.env, ZG_DATA: join(dir, 'sched'), ...env, PORT: String(port()) },
      });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      expect(await new Promise((done) => child.on('exit', done))).toBe(2);
      expect(out).toContain(said.startsWith('的') || said.startsWith('没有') ? said : `整改通未能启动：${said}`);
      expect(out).not.toContain('整改通已启动');
    }
  }, 150_000);

  it('makes the key file ZG_FIELD_KEY_FILE names on a first start, before the accounts and the sample it seals', async () => {
    const keys = join(dir, 'keys-elsewhere', 'field.keys');
    const s = await start({ ZG_DATA: join(dir, 'keyed'), ZG_FIELD_KEY: '', ZG_FIELD_KEY_FILE: keys, ZG_PROCESSES: '1' }, port());
    try {
      expect(existsSync(keys)).toBe(true);
      expect(readFileSync(keys, 'utf8')).toMatch(/^[0-9a-f]{8}:[0-9a-f]{32}$/m);
      expect(s.out).not.toContain('未能启动');
    } finally {
      await stopped(s);
    }
  }, 120_000);

  it('refuses a number of processes that is not one, saying which setting', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], {
      env: { ...process.env, ZG_DATA: join(dir, 'bad'), ZG_PROCESSES: 'many', PORT: String(port()) },
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    expect(await new Promise((done) => child.on('exit', done))).toBe(2);
    expect(err).toContain('整改通未能启动：环境变量 ZG_PROCESSES 的值“many”不是进程数');
  }, 60_000);
});
