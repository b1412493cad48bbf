// Accounts and units over their life, through the HTTP API as the browser uses it, with the administrators' duties
// apart (三员分立): a person changes their password (other sessions end); the system administrator creates accounts,
// edits, deactivates (shut out at once) and reactivates them, and edits, moves and retires units (history kept, no
// new work); the security administrator grants roles and resets passwords (to be changed before anything else).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createUser, ensureAdministrators } from '../src/services/accounts.ts';
import { createPerson, createUnit } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { assignProblem } from '../src/services/problem-actions.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';

let l: Ledger;
let app: FastifyInstance;
let problem: string;
const ids: Record<string, number> = {};

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

async function login(
  username: string,
  password = PASSWORD,
): Promise<Session & { status: number; body: { csrf: string; user: { mustChangePassword: boolean } } }> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  const c = r.cookies.find((x) => x.name === 'zg_session');
  return { status: r.statusCode, body: r.json(), cookie: c ? `zg_session=${c.value}` : '', csrf: r.json().csrf };
}

function call(s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(payload ? { payload } : {}) });
}

const userRow = (username: string) =>
  l.db.selectFrom('app_user').select(['id', 'version', 'unit_id', 'active']).where('username', '=', username).executeTakeFirstOrThrow();
const unitRow = (name: string) =>
  l.db.selectFrom('org_unit').select(['id', 'version', 'parent_id']).where('name', '=', name).executeTakeFirstOrThrow();

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY });
  for (const [name, parent] of [
    ['示例县农业农村局', undefined],
    ['计划财务股', '示例县农业农村局'],
    ['办公室', '示例县农业农村局'],
    ['农机站', '示例县农业农村局'],
  ] as const)
    ids[name] = await createUnit(l.db, 'test', { name, ...(parent ? { parent } : {}) }, FULL_SCOPE);
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: TODAY, ownerUnitId: ids.示例县农业农村局 as number });
  problem = `${r?.sources[0]?.code}-006`;
  await assignProblem(l.db, problem, { scope: FULL_SCOPE, actor: 'test', at: TODAY }, { leadUnit: '农机站' });
  for (const [username, role, unit] of [
    ['admin', 'admin', null],
    ['admin2', 'admin', null],
    ['sec', 'security', null],
    ['aud', 'audit', null],
    ['bureau', 'office', '示例县农业农村局'],
    ['clerk', 'unit', '计划财务股'],
    ['mover', 'unit', '计划财务股'],
    ['station', 'unit', '农机站'],
  ] as const)
    await createUser(l.db, 'test', { username, displayName: username, password: PASSWORD, role, unit });
});
afterAll(async () => {
  await app.close();
  await l.close();
});

describe('changing one’s own password', () => {
  it('needs the old password and a strong new one, and ends the person’s other sessions but not this one', async () => {
    const here = await login('clerk');
    const elsewhere = await login('clerk');
    const wrongOld = await call(here, 'POST', '/api/session/password', { oldPassword: 'not it at all', newPassword: 'Shui2025!x' });
    expect(wrongOld.statusCode).toBe(422);
    expect(wrongOld.json().message).toBe('原密码不正确');
    const weak = await call(here, 'POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: '13572468' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().message).toContain('至少三类');
    const ok = await call(here, 'POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: 'Shui2025!x' });
    expect(ok.statusCode).toBe(200);
    expect((await call(here, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await call(elsewhere, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await login('clerk')).status).toBe(401);
    expect((await login('clerk', 'Shui2025!x')).status).toBe(200);
  });
});

describe('the three administrators and new accounts', () => {
  it('creates the three on a first start, refusing an environment password the rule refuses instead of setting one nobody knows', async () => {
    const fresh = await testLedger();
    try {
      await expect(ensureAdministrators(fresh.db, { ZG_ADMIN_PASSWORD: 'Admin#Test2025' }, { firstStartOnly: true })).rejects.toThrow(
        '环境变量 ZG_ADMIN_PASSWORD 的值不能用作系统管理员密码：密码不能包含用户名',
      );
      expect(await fresh.db.selectFrom('app_user').select('id').execute()).toEqual([]);
      const made = await ensureAdministrators(fresh.db, { ZG_ADMIN_PASSWORD: 'Shuili#2025x' }, { firstStartOnly: true });
      expect(made.map((a) => [a.username, a.label, a.password === null])).toEqual([
        ['admin', '系统管理员', true],
        ['secadmin', '安全管理员', false],
        ['auditor', '审计管理员', false],
      ]);
      // each generated password works once, and must then be replaced
      const first = await buildApp({ ledger: fresh, today: () => TODAY });
      const r = await first.inject({ method: 'POST', url: '/api/session', payload: { username: 'auditor', password: made[2]?.password } });
      expect(r.json().user).toMatchObject({ role: 'audit', roleLabel: '审计管理员', mustChangePassword: true });
      await first.close();
      expect(await ensureAdministrators(fresh.db, {}, { firstStartOnly: true })).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('splits an older ledger’s one administrator when asked, and only then', async () => {
    const older = await testLedger();
    try {
      await createUser(older.db, 'test', { username: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin' });
      expect(await ensureAdministrators(older.db, {}, { firstStartOnly: true })).toEqual([]);
      const made = await ensureAdministrators(older.db, { ZG_AUDIT_PASSWORD: 'Shenji#2025x' }, { firstStartOnly: false });
      expect(made.map((a) => a.username)).toEqual(['secadmin', 'auditor']);
      expect(await ensureAdministrators(older.db, {}, { firstStartOnly: false })).toEqual([]);
    } finally {
      await older.close();
    }
  });

  it('has the system administrator create an account without a role, and the security administrator grant one', async () => {
    const admin = await login('admin');
    const sec = await login('sec');
    const made = await call(admin, 'POST', '/api/users', {
      username: 'newcomer',
      displayName: '新同事',
      password: 'Initial#2025',
      unit: '计划财务股',
    });
    expect(made.statusCode).toBe(200);
    // the system administrator cannot give a role, not even by adding it to the form
    const withRole = await call(admin, 'POST', '/api/users', {
      username: 'x2',
      displayName: 'x',
      password: 'Initial#2025',
      role: 'office',
      unit: '计划财务股',
    });
    expect(withRole.statusCode).toBe(400);
    const first = await login('newcomer', 'Initial#2025');
    expect(first.body.user).toMatchObject({ mustChangePassword: true, role: null, roleLabel: '待授权' });
    expect(
      (await call(first, 'POST', '/api/session/password', { oldPassword: 'Initial#2025', newPassword: 'Mine#2025abc' })).statusCode,
    ).toBe(200);
    // no role yet: nothing of the ledger
    expect((await call(first, 'GET', '/api/problems')).statusCode).toBe(403);
    const before = await userRow('newcomer');
    // the system administrator's edit form, opened before the password changed, still saves
    expect((await call(admin, 'PUT', `/api/users/${before.id}`, { displayName: '新同事甲', version: before.version })).statusCode).toBe(
      200,
    );
    const u = await userRow('newcomer');
    expect((await call(admin, 'PUT', `/api/users/${u.id}/role`, { role: 'unit', version: u.version })).statusCode).toBe(403);
    const granted = await call(sec, 'PUT', `/api/users/${u.id}/role`, { role: 'unit', version: u.version });
    expect(granted.statusCode).toBe(200);
    // the grant ends the session that had no role; the next one has it
    expect((await call(first, 'GET', '/api/session')).statusCode).toBe(401);
    const again = await login('newcomer', 'Mine#2025abc');
    expect(again.body.user).toMatchObject({ role: 'unit', roleLabel: '责任单位' });
    expect((await call(again, 'GET', '/api/problems')).statusCode).toBe(200);
  });

  it('keeps the administrators’ own roles off the web: none is granted there, and none takes a business role', async () => {
    const sec = await login('sec');
    const clerk = await userRow('clerk');
    const promote = await call(sec, 'PUT', `/api/users/${clerk.id}/role`, { role: 'audit', version: clerk.version });
    expect(promote.json().message).toContain('只能在服务器上用命令行设立');
    const admin = await userRow('admin');
    const both = await call(sec, 'PUT', `/api/users/${admin.id}/role`, { role: 'office', version: admin.version });
    expect(both.json().message).toBe('“admin”是系统管理员，不能再授予业务角色：请另设业务账号');
    const me = await userRow('sec');
    expect((await call(sec, 'PUT', `/api/users/${me.id}/role`, { role: 'office', version: me.version })).json().message).toBe(
      '不能给自己授予或收回角色',
    );
  });
});

describe('a password reset', () => {
  it('gives a one-time password, ends the user’s sessions, and allows nothing but changing it at the next login', async () => {
    const sec = await login('sec');
    const before = await login('station');
    const { id } = await userRow('station');
    const r = await call(sec, 'POST', `/api/users/${id}/password-reset`);
    expect(r.statusCode).toBe(200);
    const oneTime: string = r.json().password;
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect((await call(before, 'GET', '/api/problems')).statusCode).toBe(401);
    expect((await login('station')).status).toBe(401);

    const s = await login('station', oneTime);
    expect(s.body.user.mustChangePassword).toBe(true);
    const blocked = await call(s, 'GET', '/api/problems');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: '您的密码由管理员设置或已超过有效期，只能用于设置新密码：请先设置您自己的密码',
    });
    expect((await call(s, 'POST', '/api/session/password', { oldPassword: oneTime, newPassword: 'Nongji#2025' })).statusCode).toBe(200);
    const me = await call(s, 'GET', '/api/session');
    expect(me.json().user.mustChangePassword).toBe(false);
    expect((await call(s, 'GET', '/api/problems')).statusCode).toBe(200);
  });

  it('is the security administrator’s, never on one’s own account nor on another duty’s administrator', async () => {
    const sec = await login('sec');
    const self = await call(sec, 'POST', `/api/users/${(await userRow('sec')).id}/password-reset`);
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toContain('个人菜单');
    const auditor = await call(sec, 'POST', `/api/users/${(await userRow('aud')).id}/password-reset`);
    expect(auditor.statusCode).toBe(422);
    expect(auditor.json().message).toBe('审计管理员的密码不能在网页上重置，请在服务器上运行 zg accounts reset aud');
    const admin = await login('admin');
    expect((await call(admin, 'POST', `/api/users/${(await userRow('mover')).id}/password-reset`)).statusCode).toBe(403);
    const clerk = await login('clerk', 'Shui2025!x');
    expect((await call(clerk, 'POST', `/api/users/${(await userRow('mover')).id}/password-reset`)).statusCode).toBe(403);
  });
});

describe('editing, deactivating and reactivating a user', () => {
  it('moves a user to another unit, whose problems they then see at once; a stale edit is refused', async () => {
    const admin = await login('admin');
    const mover = await login('mover');
    const seen = async () => (await call(mover, 'GET', `/api/problems/${problem}`)).statusCode;
    expect(await seen()).toBe(404); // 农机站 leads it; 计划财务股 does not see it
    const u = await userRow('mover');
    const r = await call(admin, 'PUT', `/api/users/${u.id}`, { unit: '农机站', displayName: '调动的人', version: u.version });
    expect(r.statusCode).toBe(200);
    expect(await seen()).toBe(200);
    const stale = await call(admin, 'PUT', `/api/users/${u.id}`, { unit: '办公室', version: u.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    const listed = (await call(admin, 'GET', '/api/users')).json().items.find((x: { username: string }) => x.username === 'mover');
    expect(listed).toMatchObject({ displayName: '调动的人', unit: '农机站' });
  });

  it('shuts a deactivated user out at once and lets them back in when reactivated', async () => {
    const admin = await login('admin');
    const mover = await login('mover');
    const { id } = await userRow('mover');
    expect((await call(admin, 'PUT', `/api/users/${id}/active`, { active: false })).statusCode).toBe(200);
    expect((await call(mover, 'GET', '/api/problems')).statusCode).toBe(401);
    expect((await login('mover')).status).toBe(401);
    expect((await call(admin, 'PUT', `/api/users/${id}/active`, { active: true })).statusCode).toBe(200);
    expect((await login('mover')).status).toBe(200);
  });

  it('never lets an administrator lock out themselves or the last of any of the three', async () => {
    const admin = await login('admin');
    const me = await userRow('admin');
    const self = await call(admin, 'PUT', `/api/users/${me.id}/active`, { active: false });
    expect(self.json().message).toBe('不能停用自己的账号');
    const lastAuditor = await call(admin, 'PUT', `/api/users/${(await userRow('aud')).id}/active`, { active: false });
    expect(lastAuditor.json().message).toBe('这是唯一在用的审计管理员账号，不能停用');
    const other = await userRow('admin2');
    expect((await call(admin, 'PUT', `/api/users/${other.id}/active`, { active: false })).statusCode).toBe(200);
    const admin2back = await call(admin, 'PUT', `/api/users/${other.id}/active`, { active: true });
    expect(admin2back.statusCode).toBe(200);
  });
});

describe('an office keeping its own tree', () => {
  it('changes units below its own, and is refused another bureau’s units and its own unit’s place', async () => {
    await createUnit(l.db, 'test', { name: '另一个局' }, FULL_SCOPE);
    await createUser(l.db, 'test', {
      username: 'finoffice',
      displayName: '财务股整改办',
      password: PASSWORD,
      role: 'office',
      unit: '计划财务股',
    });
    const office = await login('finoffice');
    expect((await call(office, 'POST', '/api/units', { name: '财务股一组', parent: '计划财务股' })).statusCode).toBe(200);
    // the unit just added is the office's to fill at once, not after its session is looked up again
    expect((await call(office, 'POST', '/api/people', { name: '一组组长', unit: '财务股一组' })).statusCode).toBe(200);
    const elsewhere = await call(office, 'POST', '/api/units', { name: '越权单位', parent: '另一个局' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().message).toContain('只能管理本单位及其下级单位');
    // moving the county bureau under its own section would hand the office the bureau's whole ledger
    const bureau = await unitRow('示例县农业农村局');
    const grab = await call(office, 'PUT', `/api/units/${bureau.id}`, { parent: '计划财务股', version: bureau.version });
    expect(grab.statusCode).toBe(403);
    const own = await unitRow('计划财务股');
    const away = await call(office, 'PUT', `/api/units/${own.id}`, { parent: '另一个局', version: own.version });
    expect(away.json().message).toBe('不能移动本单位，请由系统管理员办理');
    expect((await call(office, 'PUT', `/api/units/${own.id}/retired`, { retired: true })).statusCode).toBe(403);
    // the people it sees are its own tree's
    await createPerson(l.db, 'test', { name: '别局的人', unit: '另一个局' }, FULL_SCOPE);
    const people = (await call(office, 'GET', '/api/people')).json().items.map((p: { name: string }) => p.name);
    expect(people).not.toContain('别局的人');
  });
});

describe('editing, moving and retiring units', () => {
  it('renames and moves a unit, and refuses to move it under its own subunit', async () => {
    const admin = await login('admin');
    const office = await unitRow('办公室');
    const moved = await call(admin, 'PUT', `/api/units/${office.id}`, { name: '局办公室', parent: '计划财务股', version: office.version });
    expect(moved.statusCode).toBe(200);
    const after = await unitRow('局办公室');
    expect(after.parent_id).toBe(ids.计划财务股);
    const finance = await unitRow('计划财务股');
    const loop = await call(admin, 'PUT', `/api/units/${finance.id}`, { parent: '局办公室', version: finance.version });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().message).toContain('它自己或它的下级单位');
  });

  it('retires a unit only when no one logs in as it; its problems keep its name; it takes no new account', async () => {
    const admin = await login('admin');
    const station = await unitRow('农机站');
    const busy = await call(admin, 'PUT', `/api/units/${station.id}/retired`, { retired: true });
    expect(busy.statusCode).toBe(422);
    expect(busy.json().message).toContain('在用账号');
    for (const name of ['station', 'mover'])
      expect((await call(admin, 'PUT', `/api/users/${(await userRow(name)).id}/active`, { active: false })).statusCode).toBe(200);
    expect((await call(admin, 'PUT', `/api/units/${station.id}/retired`, { retired: true })).statusCode).toBe(200);

    const detail = await call(await login('bureau'), 'GET', `/api/problems/${problem}`);
    expect(detail.json().problem.leadUnit).toBe('农机站');
    const tree = (await call(admin, 'GET', '/api/units')).json().items;
    expect(JSON.stringify(tree)).toContain('"name":"农机站","kind":"other","email":null,"retired":true');
    const newUser = await call(admin, 'POST', '/api/users', { username: 'late', displayName: 'late', password: PASSWORD, unit: '农机站' });
    expect(newUser.statusCode).toBe(422);
    expect(newUser.json().message).toContain('已撤销');
    expect((await call(admin, 'PUT', `/api/units/${station.id}/retired`, { retired: false })).statusCode).toBe(200);
  });
});
