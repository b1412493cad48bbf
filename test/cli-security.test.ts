// The server operator's security commands, as a person runs them: a ledger whose log is chained with SM3 from its
// installation, verified and found tampered by `zg audit verify`; the three administrators set up, another added and a
// password reset by `zg accounts`; the field key rotated by `zg keys rotate`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openLedger } from '../src/store/open-database.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
let dir: string;

function zg(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], {
    env: { ...process.env, DATABASE_URL: '', ZG_DATA: join(dir, 'data'), ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zg-cli-security-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zg audit verify on a ledger chained with SM3', () => {
  it('chains with SM3 from the installation, says so, and names the entry changed behind its back', async () => {
    expect(zg({ ZG_AUDIT_HASH: 'sm3' }, 'import', SAMPLE).code).toBe(0);
    const ok = zg({}, 'audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/操作日志完好：共 \d+ 条记录，SM3 哈希链连续/);
    // asking for SHA-256 afterwards is refused, not obeyed under the chain
    const switched = zg({ ZG_AUDIT_HASH: 'sha256' }, 'audit', 'verify');
    expect(switched.code).toBe(2);
    expect(switched.err).toContain('操作日志已按 SM3 计算哈希链，不能改为 SHA-256');
    const l = await openLedger({ dataDir: join(dir, 'data') });
    let id = 0;
    try {
      id = Number((await l.db.selectFrom('event').select('id').where('entity', '=', 'problem').orderBy('id').executeTakeFirstOrThrow()).id);
      await sql`alter table event disable trigger user`.execute(l.db);
      await sql`update event set actor = '别人' where id = ${id}`.execute(l.db);
      await sql`alter table event enable trigger user`.execute(l.db);
    } finally {
      await l.close();
    }
    const bad = zg({}, 'audit', 'verify');
    expect(bad.code).not.toBe(0);
    expect(`${bad.out}${bad.err}`).toContain(`操作日志已被篡改（按 SM3 核验）：第一条有问题的记录为 #${id}`);
  }, 120_000);
});

describe('zg accounts and zg keys', () => {
  it('sets up the three administrators, adds one, resets a password, and refuses a role that is no administrator’s', () => {
    const split = zg({}, 'accounts', 'split');
    expect(split.code).toBe(0);
    expect(split.out).toMatch(/已创建系统管理员账号 admin，初始密码 \S+/);
    expect(split.out).toMatch(/已创建安全管理员账号 secadmin/);
    expect(split.out).toMatch(/已创建审计管理员账号 auditor/);
    expect(zg({}, 'accounts', 'split').out).toContain('三员已分立');
    const added = zg({}, 'accounts', 'create-admin', '--role', 'audit', '--username', 'auditor2', '--name', '审计员乙');
    expect(added.out).toMatch(/已设立审计管理员账号 auditor2，初始密码 [A-Za-z2-9-]{14}/);
    const wrong = zg({}, 'accounts', 'create-admin', '--role', 'boss', '--username', 'x');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--role“boss”无效');
    const reset = zg({}, 'accounts', 'reset', 'secadmin');
    expect(reset.out).toMatch(/已重置 secadmin 的密码，一次性密码 [A-Za-z2-9-]{14}/);
    expect(zg({}, 'accounts', 'reset', 'nobody').err).toContain('没有用户名为“nobody”的账号');
    const listed = zg({}, 'accounts', 'list').out.trim().split('\n');
    expect(listed.map((line) => line.split('\t').slice(0, 3))).toEqual(
      expect.arrayContaining([
        ['admin', '系统管理员', '系统管理员'],
        ['secadmin', '安全管理员', '安全管理员'],
        ['auditor2', '审计员乙', '审计管理员'],
      ]),
    );
  }, 120_000);

  it('rotates the field key in its file, keeping the old one; a key given in the environment is not rotated here', () => {
    const inEnv = zg({}, 'keys', 'rotate');
    expect(inEnv.code).toBe(2);
    expect(inEnv.err).toContain('字段加密密钥由环境变量 ZG_FIELD_KEY 给出');
    const keys = join(dir, 'data-keys', 'field.keys');
    const fromFile = { ZG_FIELD_KEY: '' };
    expect(zg(fromFile, 'accounts', 'list').code).toBe(0);
    const rotated = zg(fromFile, 'keys', 'rotate');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/已启用新的字段加密密钥 [0-9a-f]{8}（密钥文件 .+field\.keys），\d+ 个字段已重新加密/);
    expect(existsSync(keys)).toBe(true);
    expect(readFileSync(keys, 'utf8').match(/^[0-9a-f]{8}:[0-9a-f]{32}$/gm)).toHaveLength(2);
  }, 120_000);
});
