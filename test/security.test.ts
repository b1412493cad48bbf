// What an assessor of 等保 2.0 level 3 checks at the application, through the HTTP API as the browser uses it: the
// security administrator's password and session policy (history, expiry, idle and absolute timeouts), unlocking, the
// login history a person is shown, the security events in the log, the audit administrator's reading and export of
// it with the chain checked — with SHA-256 and, chosen at installation, SM3 — and each administrator confined to
// their duty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { chooseChainAlgorithm, recordChainAlgorithm, verifyChain } from '../src/store/event.repository.ts';
import { addFieldKey, FieldKeyMissing, loadFieldKeys, openField, sealField } from '../src/services/field-cipher.ts';
import { checkFieldKeys, sealAllFields } from '../src/services/field-sealing.ts';
import { createPerson } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { totpCode } from '../src/services/second-factor.ts';
import { fromBase32, stepAt } from '../src/core/access/second-factor.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '../src/store/open-database.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { testLedger } from './support/ledger.ts';

const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';

let l: Ledger;
let app: FastifyInstance;

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answer as JSON
  readonly body: any;
}

async function login(username: string, password = PASSWORD, ip = '10.0.0.1'): Promise<Session> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: ip });
  const c = r.cookies.find((x) => x.name === 'zg_session');
  return { status: r.statusCode, body: r.json(), cookie: c ? `zg_session=${c.value}` : '', csrf: r.json().csrf };
}

function call(s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(payload ? { payload } : {}) });
}

const idOf = async (username: string) =>
  (await l.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** Moves every session of a user back in time, as if it had been opened and last used that many minutes ago. */
async function age(username: string, openedMinutesAgo: number, usedMinutesAgo: number) {
  const id = await idOf(username);
  await sql`update user_session set created_at = now() - make_interval(mins => ${openedMinutesAgo}),
    last_seen_at = now() - make_interval(mins => ${usedMinutesAgo}) where user_id = ${id}`.execute(l.db);
}

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY });
  await createUnit(l.db, 'test', { name: '示例县水利局' }, FULL_SCOPE);
  for (const [username, role, unit] of [
    ['admin', 'admin', null],
    ['sec', 'security', null],
    ['aud', 'audit', null],
    ['office', 'office', '示例县水利局'],
    ['clerk', 'unit', '示例县水利局'],
  ] as const)
    await createUser(l.db, 'test', { username, displayName: `${username}名`, password: PASSWORD, role, unit });
});
afterAll(async () => {
  await app.close();
  await l.close();
});

describe('each administrator keeps to their duty', () => {
  const routes: readonly [string, 'GET' | 'POST' | 'PUT', string, object?][] = [
    ['admin', 'POST', '/api/units', { name: '新单位' }],
    ['admin', 'GET', '/api/backups'],
    ['security', 'GET', '/api/security-policy'],
    ['security', 'POST', '/api/users/1/unlock'],
    ['audit', 'GET', '/api/audit/events'],
    ['audit', 'GET', '/api/audit/chain'],
    ['business', 'GET', '/api/problems'],
    ['business', 'GET', '/api/stats'],
    ['business', 'GET', '/api/leads'],
    ['business', 'GET', '/api/submissions'],
  ];
  it('answers 403 to every route of another duty, and to the ledger for all three', async () => {
    const who = { admin: await login('admin'), security: await login('sec'), audit: await login('aud') };
    for (const [duty, s] of Object.entries(who))
      for (const [owner, method, url, body] of routes) {
        if (owner === duty) continue;
        const r = await call(s, method, url, body);
        expect([duty, method, url, r.statusCode]).toEqual([duty, method, url, 403]);
      }
  });
});

describe('the security policy', () => {
  it('is read and changed by the security administrator alone, refused field by field when out of bounds, and logged', async () => {
    const sec = await login('sec');
    const now = (await call(sec, 'GET', '/api/security-policy')).json();
    expect(now).toMatchObject({ version: 0, policy: { idleMinutes: 30, absoluteHours: 12, expiryDays: 90, historyCount: 5 } });
    expect(now.passwordRule).toBe('至少 8 位，且含大写字母、小写字母、数字、符号中的三类；16 位以上的短语不限');
    const bad = await call(sec, 'PUT', '/api/security-policy', { ...now.policy, minLength: 4, idleMinutes: 1000, version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('安全策略未保存：密码最短长度应为 8 到 64 之间的整数；会话空闲超时（分钟）应为 5 到 480 之间的整数');
    const ok = await call(sec, 'PUT', '/api/security-policy', { ...now.policy, minLength: 10, historyCount: 2, version: 0 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().passwordRule).toContain('至少 10 位');
    const stale = await call(sec, 'PUT', '/api/security-policy', { ...now.policy, version: 0 });
    expect(stale.statusCode).toBe(409);
    const admin = await login('admin');
    expect((await call(admin, 'PUT', '/api/security-policy', { ...now.policy, version: 1 })).statusCode).toBe(403);
    const logged = await l.db.selectFrom('event').select(['actor', 'before', 'after']).where('entity', '=', 'security-policy').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: 'sec名', before: { minLength: 8 }, after: { minLength: 10, historyCount: 2 } });
  });

  it('refuses a new password shorter than the policy says, or one of the last ones used', async () => {
    const clerk = await login('clerk');
    const change = (oldPassword: string, newPassword: string) => call(clerk, 'POST', '/api/session/password', { oldPassword, newPassword });
    expect((await change(PASSWORD, 'Shui#2025')).json().message).toBe('密码至少 10 位');
    expect((await change(PASSWORD, 'Shuili#2025a')).statusCode).toBe(200);
    expect((await change('Shuili#2025a', 'Shuili#2025b')).statusCode).toBe(200);
    // the policy keeps two: the first one is again too recent, the one before it is not
    expect((await change('Shuili#2025b', 'Shuili#2025a')).json().message).toBe('新密码不能与最近 2 次使用过的密码相同');
    expect((await change('Shuili#2025b', PASSWORD)).statusCode).toBe(200);
  });

  it('makes a password past its days good only for choosing the next one', async () => {
    await l.db
      .updateTable('app_user')
      .set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000) })
      .where('username', '=', 'office')
      .execute();
    const s = await login('office');
    expect(s.body.user.mustChangePassword).toBe(true);
    expect((await call(s, 'GET', '/api/problems')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call(s, 'POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: 'Shuiwu#2025x' })).statusCode).toBe(200);
    expect((await call(s, 'GET', '/api/problems')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('end when idle past the policy’s minutes or older than its hours, and say why', async () => {
    const s = await login('office', 'Shuiwu#2025x');
    await age('office', 20, 10);
    expect((await call(s, 'GET', '/api/session')).statusCode).toBe(200);
    // what an open tab asks by itself every minute is not use: it does not keep the session from going idle
    await age('office', 30, 25);
    const counts = await app.inject({
      method: 'GET',
      url: '/api/notifications/unread',
      headers: { cookie: s.cookie, 'x-zg-background': '1' },
    });
    expect(counts.statusCode).toBe(200);
    const seen = await l.db
      .selectFrom('user_session')
      .select(sql<number>`min(extract(epoch from now() - last_seen_at))`.as('idle'))
      .where('user_id', '=', await idOf('office'))
      .executeTakeFirstOrThrow();
    expect(Number(seen.idle)).toBeGreaterThan(24 * 60);
    await age('office', 40, 31);
    const idle = await call(s, 'GET', '/api/problems');
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toEqual({ code: 'SESSION_ENDED', message: '长时间未操作，已自动退出，请重新登录' });
    // gone for good: the next request is simply not logged in
    expect((await call(s, 'GET', '/api/problems')).json().code).toBe('NOT_LOGGED_IN');
    const busy = await login('office', 'Shuiwu#2025x');
    await age('office', 12 * 60 + 1, 1);
    expect((await call(busy, 'GET', '/api/problems')).json().message).toBe('登录时间已达上限，已自动退出，请重新登录');
    const ended = await l.db
      .selectFrom('event')
      .select('after')
      .where('entity', '=', 'security')
      .where('action', '=', 'session-ended')
      .where('entity_id', '=', 'office')
      .execute();
    expect(ended.map((e) => (e.after as { why: string }).why)).toEqual(['idle', 'absolute']);
  });

  it('tells a person at login when they last logged in and what failed since', async () => {
    await login('clerk', PASSWORD, '10.0.0.7');
    for (const ip of ['203.0.113.9', '203.0.113.9']) expect((await login('clerk', 'wrong guess', ip)).status).toBe(401);
    const s = await login('clerk', PASSWORD, '10.0.0.8');
    expect(s.body.history).toMatchObject({
      lastLogin: { ip: '10.0.0.7' },
      failuresSince: 2,
      lastFailure: { ip: '203.0.113.9' },
    });
  });

  it('records the address a named reverse proxy forwards, not the proxy’s own', async () => {
    const behind = await buildApp({ ledger: l, today: () => TODAY, trustProxy: '127.0.0.1' });
    try {
      const r = await behind.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'nobody-here', password: 'wrong guess' },
        headers: { 'x-forwarded-for': '198.51.100.77' },
      });
      expect(r.statusCode).toBe(401);
    } finally {
      await behind.close();
    }
    const e = await l.db
      .selectFrom('event')
      .select('after')
      .where('action', '=', 'login-failed')
      .where('entity_id', '=', 'nobody-here')
      .executeTakeFirstOrThrow();
    expect(e.after).toMatchObject({ ip: '198.51.100.77', why: 'no-such-account' });
  });

  it('shows a person what the system holds about them, and only about them', async () => {
    const s = await login('office', 'Shuiwu#2025x', '10.0.0.9');
    const r = (await call(s, 'GET', '/api/session/record')).json();
    expect(r).toMatchObject({ username: 'office', displayName: 'office名', role: '整改办', unit: '示例县水利局', secondFactorSince: null });
    expect(r.passwordChangedAt).not.toBeNull();
    expect(r.recent[0]).toMatchObject({ action: 'login', ip: '10.0.0.9' });
    expect(r.logEntries).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain('clerk');
  });

  it('logs every refused login, stops an open session guessing its own password, and keeps the address of a change', async () => {
    await createUser(l.db, 'test', { username: 'guesser', displayName: '试探者', password: PASSWORD, role: 'unit', unit: '示例县水利局' });
    const s = await login('guesser', PASSWORD, '192.0.2.10');
    const wrong = () => call(s, 'POST', '/api/session/password', { oldPassword: 'not it at all', newPassword: 'Another#2025pass' });
    for (let i = 0; i < 5; i++) expect((await wrong()).json().message).toBe('原密码不正确');
    const stopped = await wrong();
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().message).toBe('原密码已连续输错 5 次，请 15 分钟后再试');
    // even the right one waits: the guesser cannot tell
    const right = await call(s, 'POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: 'Another#2025pass' });
    expect(right.statusCode).toBe(429);
    const guesses = await l.db
      .selectFrom('event')
      .select('after')
      .where('entity', '=', 'security')
      .where('action', '=', 'password-failed')
      .where('entity_id', '=', 'guesser')
      .execute();
    expect(guesses).toHaveLength(5);
    // a login refused for too many failures is in the log too, with its address
    for (let i = 0; i < 8; i++) await login('guesser', 'wrong guess', '198.51.100.77');
    const throttled = await l.db
      .selectFrom('event')
      .select('after')
      .where('entity', '=', 'security')
      .where('action', '=', 'login-throttled')
      .where('entity_id', '=', 'guesser')
      .execute();
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]?.after).toMatchObject({ ip: '198.51.100.77' });
    // a password changed is logged with where it was changed from
    await createUser(l.db, 'test', { username: 'changer', displayName: '改密者', password: PASSWORD, role: 'unit', unit: '示例县水利局' });
    const clerk = await login('changer');
    expect((await call(clerk, 'POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: 'Qingshui#2025x' })).statusCode).toBe(
      200,
    );
    const changed = await l.db
      .selectFrom('event')
      .select('after')
      .where('entity', '=', 'user')
      .where('action', '=', 'change-password')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(changed.after).toEqual({ ip: '127.0.0.1' });
  });

  it('names people in the log so that none passes for another: unique names, and the account beside each security event', async () => {
    const admin = await login('admin');
    const own = await idOf('admin');
    const version = (await l.db.selectFrom('app_user').select('version').where('id', '=', own).executeTakeFirstOrThrow()).version;
    const renamed = await call(admin, 'PUT', `/api/users/${own}`, { displayName: 'sec名', version });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().message).toBe('已有账号使用姓名“sec名”，请换一个（如加上单位）');
    await login('aud');
    const logins = await l.db
      .selectFrom('event')
      .select('actor')
      .where('entity', '=', 'security')
      .where('action', '=', 'login')
      .where('entity_id', '=', 'aud')
      .execute();
    expect(logins.at(-1)?.actor).toBe('aud名（aud）');
  });

  it('lets the security administrator unlock an account slowed by failures', async () => {
    // five failures are free; the sixth attempt must wait, and is not counted
    for (let i = 0; i < 6; i++) await login('clerk', 'wrong guess', '198.51.100.4');
    const slowed = await login('clerk', PASSWORD, '198.51.100.4');
    expect(slowed.status).toBe(429);
    const sec = await login('sec');
    const r = await call(sec, 'POST', `/api/users/${await idOf('clerk')}/unlock`);
    expect(r.json()).toEqual({ username: 'clerk', forgotten: 5 });
    expect((await login('clerk', PASSWORD, '198.51.100.4')).status).toBe(200);
  });
});

describe('the audit administrator’s log', () => {
  it('holds the security events with person, address and time, and the security administrator’s grant', async () => {
    const sec = await login('sec');
    await createUser(l.db, 'admin名', { username: 'waiting', displayName: '待授权者', password: PASSWORD, unit: '示例县水利局' });
    const u = await l.db.selectFrom('app_user').select(['id', 'version']).where('username', '=', 'waiting').executeTakeFirstOrThrow();
    expect((await call(sec, 'PUT', `/api/users/${u.id}/role`, { role: 'leader', version: u.version })).statusCode).toBe(200);
    // a refused request, and a download, by a person with a session
    const clerk = await login('clerk');
    expect((await call(clerk, 'GET', '/api/audit/events')).statusCode).toBe(403);
    await call(clerk, 'DELETE', '/api/session');

    const aud = await login('aud');
    const page = async (q: string) => (await call(aud, 'GET', `/api/audit/events?${q}`)).json();
    const grants = await page('entity=user&action=grant');
    expect(grants.items.map((e: { actor: string; kind: string; after: unknown }) => [e.actor, e.kind, e.after])).toEqual([
      ['sec名', '账号 · 授予角色', { role: 'leader', ip: '127.0.0.1' }],
    ]);
    const mine = await page('actor=clerk&entity=security');
    const kinds = mine.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('安全事件 · 越权访问被拒绝');
    expect(kinds).toContain('安全事件 · 退出登录');
    expect(kinds).toContain('安全事件 · 登录失败');
    const denied = mine.items.find((e: { action: string }) => e.action === 'denied');
    expect(denied).toMatchObject({ ip: '127.0.0.1', after: { request: 'GET /api/audit/events' } });
    // a period with nothing in it, and one turned round
    expect((await page('from=2020-01-01&to=2020-12-31')).total).toBe(0);
    const wrong = await call(aud, 'GET', '/api/audit/events?from=2026-02-01&to=2026-01-01');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('起始日期 2026-02-01 晚于截止日期 2026-01-01');
  });

  it('exports what it filters as a CSV Excel reads, and the export is itself logged', async () => {
    const aud = await login('aud');
    const r = await call(aud, 'GET', '/api/audit/events/export?entity=user');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('.csv');
    const text = r.body;
    expect(text.startsWith('\uFEFF"编号","时间（北京时间）","操作人","类别"')).toBe(true);
    const rows = text.trim().split('\r\n');
    // the time as the office's clocks show it, eight hours ahead of the database's UTC
    const first = await l.db.selectFrom('event').select('at').where('entity', '=', 'user').orderBy('id').executeTakeFirstOrThrow();
    const beijing = new Date(new Date(first.at).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(rows[1]?.split(',')[1]).toBe(`"${beijing}"`);
    const users = await l.db.selectFrom('event').select('id').where('entity', '=', 'user').execute();
    expect(rows).toHaveLength(users.length + 1);
    expect(text).toContain('"账号 · 授予角色"');
    // written once the answer has gone
    const logged = () => l.db.selectFrom('event').select('after').where('action', '=', 'download').where('entity_id', '=', 'aud').execute();
    await expect.poll(async () => JSON.stringify(await logged())).toContain('操作日志-');
  });

  it('shows the chain checked, and names the entry changed behind its back', async () => {
    const aud = await login('aud');
    const ok = (await call(aud, 'GET', '/api/audit/chain')).json();
    expect(ok).toMatchObject({ algorithm: 'sha256', firstBroken: null, keepDays: 180, nearLimit: false });
    expect(ok.checked).toBeGreaterThan(20);
    expect(ok.bytes).toBeGreaterThan(0);
    const victim = await l.db.selectFrom('event').select('id').where('action', '=', 'grant').executeTakeFirstOrThrow();
    await sql`alter table event disable trigger user`.execute(l.db);
    await sql`update event set actor = '别人' where id = ${victim.id}`.execute(l.db);
    await sql`alter table event enable trigger user`.execute(l.db);
    const broken = (await call(aud, 'GET', '/api/audit/chain')).json();
    expect(broken.firstBroken).toMatchObject({ id: String(victim.id), reason: '记录内容与其哈希不符（记录被改动）' });
  });
});

describe('the national algorithm for the chain', () => {
  it('chains a new ledger with SM3 when chosen at installation, checks it with SM3, and never switches a chain', async () => {
    const fresh = await testLedger();
    try {
      expect(await chooseChainAlgorithm(fresh.db, 'SM3')).toBe(true);
      await recordChainAlgorithm(fresh.db);
      await createUser(fresh.db, 'test', { username: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin' });
      const first = await fresh.db.selectFrom('event').select(['entity', 'action', 'after']).orderBy('id').executeTakeFirstOrThrow();
      expect(first).toMatchObject({ entity: 'audit-chain', action: 'algorithm', after: { algorithm: 'sm3' } });
      expect(await verifyChain(fresh.db)).toMatchObject({ algorithm: 'sm3', checked: 2, firstBroken: null });
      await expect(chooseChainAlgorithm(fresh.db, 'sha256')).rejects.toThrow('操作日志已按 SM3 计算哈希链，不能改为 SHA-256');
      await expect(chooseChainAlgorithm(fresh.db, 'md5')).rejects.toThrow('环境变量 ZG_AUDIT_HASH“md5”无效：应为 sm3 或 sha256');
      expect(await chooseChainAlgorithm(fresh.db, 'sm3')).toBe(false);
      await sql`alter table event disable trigger user`.execute(fresh.db);
      await sql`update event set after = '{"username":"root"}' where entity = 'user'`.execute(fresh.db);
      await sql`alter table event enable trigger user`.execute(fresh.db);
      expect((await verifyChain(fresh.db)).firstBroken).toMatchObject({
        id: expect.any(String),
        reason: '记录内容与其哈希不符（记录被改动）',
      });
    } finally {
      await fresh.close();
    }
  });

  it('fingerprints the documents a ledger takes in with its chosen hash', async () => {
    const sample = join(import.meta.dirname, '..', 'samples', '巡察整改进展情况的通报-示例.txt');
    const fingerprint = async (algorithm: string) => {
      const fresh = await testLedger();
      try {
        await chooseChainAlgorithm(fresh.db, algorithm);
        await importDocuments(fresh, [sample], { actor: 'test', today: TODAY });
        return (await fresh.db.selectFrom('document').select('fingerprint').executeTakeFirstOrThrow()).fingerprint;
      } finally {
        await fresh.close();
      }
    };
    const [sha, sm3] = [await fingerprint('sha256'), await fingerprint('sm3')];
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3).not.toBe(sha);
  });

  it('masks mobiles and identity numbers in the ledger’s lists, and shows them whole on the problem’s own page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zg-masked-'));
    const sample = readFileSync(join(import.meta.dirname, '..', 'samples', '巡察整改进展情况的通报-示例.txt'), 'utf8');
    const file = join(dir, '通报.txt');
    writeFileSync(file, sample.replace('2.农机购置补贴审核不严', '2.向44180219850312432X违规发放农机补贴（经办人13912345678）'));
    const unit = (await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县水利局').executeTakeFirstOrThrow()).id;
    await importDocuments(l, [file], { actor: 'test', today: TODAY, ownerUnitId: unit });
    const office = await login('office', 'Shuiwu#2025x');
    const items = (await call(office, 'GET', `/api/problems?search=${encodeURIComponent('农机补贴')}`)).json().items;
    expect(items).toMatchObject([{ title: '向441802********432X违规发放农机补贴（经办人139****5678）' }]);
    const measures = (await call(office, 'GET', `/api/measures?search=${encodeURIComponent('补贴申请')}`)).json().items;
    expect(measures[0].problemTitle).toContain('441802********432X');
    const page = (await call(office, 'GET', `/api/problems/${items[0].code}`)).json();
    expect(page.problem.title).toBe('向44180219850312432X违规发放农机补贴（经办人13912345678）');
  });

  it('refuses SM3 for a log already kept with SHA-256', async () => {
    await expect(chooseChainAlgorithm(l.db, 'sm3')).rejects.toThrow('操作日志已按 SHA-256 计算哈希链，不能改为 SM3');
  });
});

describe('fields sealed with SM4 under a key outside the database', () => {
  it('reads back what it sealed, refuses a sealed field changed in the database, and names a key it does not hold', () => {
    const keys = loadFieldKeys({ ZG_FIELD_KEY: '00112233445566778899aabbccddeeff' });
    const sealed = sealField('王某某（局财务股股长）', keys) as string;
    expect(sealed).toMatch(/^sm4:1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('王某某');
    // the same words sealed twice differ (a fresh IV each time)
    expect(sealField('王某某（局财务股股长）', keys)).not.toBe(sealed);
    expect(openField(sealed, keys)).toBe('王某某（局财务股股长）');
    const parts = sealed.split(':');
    parts[4] = `${parts[4]?.slice(0, -2)}AA`;
    expect(() => openField(parts.join(':'), keys)).toThrow('fails its MAC');
    const other = loadFieldKeys({ ZG_FIELD_KEY: 'ffeeddccbbaa99887766554433221100' });
    expect(() => openField(sealed, other)).toThrow(FieldKeyMissing);
    // a value from before sealing is read as it was written
    expect(openField('13900001111', keys)).toBe('13900001111');
  });

  it('seals what was written before, rotates to a new key in the key file, and refuses a start without a key in use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zg-keys-'));
    const first = loadFieldKeys({ ZG_DATA: join(dir, 'data') });
    expect(first.file).toBe(join(dir, 'data-keys', 'field.keys'));
    // a phone written before encryption, as an older version left it
    const id = await createPerson(l.db, 'test', { name: '联系人甲', unit: '示例县水利局', phone: '13700002222' }, FULL_SCOPE);
    await l.db.updateTable('person').set({ phone: '13700002222' }).where('id', '=', id).execute();
    expect(await sealAllFields(l.db, first)).toBeGreaterThanOrEqual(1);
    const phone = async () =>
      (await l.db.selectFrom('person').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone as string;
    expect(await phone()).toMatch(new RegExp(`^sm4:1:${first.current.id}:`));
    const second = addFieldKey(first);
    expect(second.current.id).not.toBe(first.current.id);
    expect(second.byId.has(first.current.id)).toBe(true);
    expect(
      readFileSync(second.file as string, 'utf8')
        .split('\n')
        .filter((x) => /^[0-9a-f]{8}:/.test(x)),
    ).toHaveLength(2);
    expect(await sealAllFields(l.db, second)).toBeGreaterThanOrEqual(1);
    expect(await phone()).toMatch(new RegExp(`^sm4:1:${second.current.id}:`));
    expect(openField(await phone(), second)).toBe('13700002222');
    // a server holding only the first key cannot read what is now sealed: it says so rather than start
    await expect(checkFieldKeys(l.db, first)).rejects.toThrow(`数据由另一把字段加密密钥（编号 ${second.current.id}）加密`);
  });
});

describe('a second factor', () => {
  it('computes the codes of RFC 6238’s own examples', () => {
    const secret = new TextEncoder().encode('12345678901234567890');
    expect(totpCode(secret, stepAt(59_000))).toBe('287082');
    expect(totpCode(secret, stepAt(1_111_111_109_000))).toBe('081804');
  });

  it('is required of the roles the security administrator names: set up first, then asked for at every login, each code once', async () => {
    const sec = await login('sec');
    const now = (await call(sec, 'GET', '/api/security-policy')).json();
    const set = await call(sec, 'PUT', '/api/security-policy', { ...now.policy, secondFactorRoles: ['leader'], version: now.version });
    expect(set.statusCode).toBe(200);
    await createUser(l.db, 'test', {
      username: 'lead1',
      displayName: '分管领导',
      password: PASSWORD,
      role: 'leader',
      unit: '示例县水利局',
    });
    const first = await login('lead1');
    expect(first.body.user).toMatchObject({ mustSetUpSecondFactor: true, secondFactor: false });
    expect((await call(first, 'GET', '/api/problems')).json().code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
    const begun = await call(first, 'POST', '/api/session/second-factor/begin');
    const { secret, uri } = begun.json();
    expect(uri).toContain(`secret=${secret}`);
    // the secret is kept sealed, not as the person typed it
    const kept = await l.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'lead1').executeTakeFirstOrThrow();
    expect(kept.totp_secret).toMatch(/^sm4:1:/);
    const code = (offset = 0) => totpCode(fromBase32(secret), stepAt(Date.now()) + offset);
    const wrong = await call(first, 'POST', '/api/session/second-factor', { code: code() === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect((await call(first, 'POST', '/api/session/second-factor', { code: code() })).statusCode).toBe(200);
    expect((await call(first, 'GET', '/api/problems')).statusCode).toBe(200);

    // every login from now on asks for a code after the password, and takes each code once
    const bare = await login('lead1');
    expect([bare.status, bare.body.code]).toEqual([401, 'SECOND_FACTOR_REQUIRED']);
    // a right password without its code yet is no failure of its owner's
    const failures = () => l.db.selectFrom('login_failure').select('id').where('username', '=', 'lead1').execute();
    expect(await failures()).toHaveLength(0);
    const coded = async (c: string) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'lead1', password: PASSWORD, code: c },
        remoteAddress: '10.0.0.1',
      });
    expect((await coded('000000')).json().code).toBe('SECOND_FACTOR_WRONG');
    // the code that confirmed it is spent; the next step's is taken once
    expect((await coded(code())).statusCode).toBe(401);
    // the same code sent in six logins at once lets one of them in
    const together = await Promise.all(Array.from({ length: 6 }, () => coded(code(1))));
    expect(together.filter((r) => r.statusCode === 200)).toHaveLength(1);
    // a code seen over a shoulder is no way in once used, and counts as a failure
    const before = (await failures()).length;
    expect((await coded(code(1))).json().code).toBe('SECOND_FACTOR_WRONG');
    expect(await failures()).toHaveLength(before + 1);

    // a phone lost: the security administrator takes the factor away; the role must set one up again
    const id = await idOf('lead1');
    expect((await call(sec, 'DELETE', `/api/users/${id}/second-factor`)).json()).toEqual({ username: 'lead1' });
    const again = await login('lead1');
    expect(again.body.user).toMatchObject({ mustSetUpSecondFactor: true, secondFactor: false });
    const logged = await l.db
      .selectFrom('event')
      .select('action')
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(id))
      .execute();
    expect(logged.map((e) => e.action)).toEqual(expect.arrayContaining(['second-factor-on', 'second-factor-off']));
  });
});
