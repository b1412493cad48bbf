// The fault suite, the command line: a user's mistake or an obstacle is one Chinese sentence naming the cause and the
// thing, with exit code 2 — never 内部错误 (issue 14).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reportFailure } from '../src/cli/failure.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
const dir = mkdtempSync(join(tmpdir(), 'zg-faults-cli-'));
const data = join(dir, 'data');

function zg(args: string[], env: NodeJS.ProcessEnv = {}) {
  const e: NodeJS.ProcessEnv = { ...process.env, ZG_DATA: data, ZG_TODAY: '2025-01-15', ZG_ERROR_LOG: join(dir, 'errors.log'), ...env };
  if (!('DATABASE_URL' in env)) delete e.DATABASE_URL; // the embedded database a user gets by default
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], { env: e, encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A 3 MB file system, where the embedded database has no room to start (needs root; CI runs as root). */
const tiny = join(dir, 'tiny');
mkdirSync(tiny);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', tiny]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [tiny]);
  rmSync(dir, { recursive: true, force: true });
});

describe('zg on a user’s mistakes and the machine’s limits', () => {
  it('names the missing file, the missing directory and the directory given as a file', () => {
    expect(zg(['import', SAMPLE]).code).toBe(0);
    const missing = zg(['import-ledger', join(dir, '没有这个台账.xlsx')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining(`找不到文件“${join(dir, '没有这个台账.xlsx')}”`) });
    const noDir = zg(['export', 'ledger', '-o', join(dir, '没有的目录', '台账.xlsx')]);
    expect(noDir).toMatchObject({ code: 2, err: expect.stringContaining(`输出目录“${join(dir, '没有的目录')}”不存在`) });
    const proc = zg(['export', 'ledger', '-o', '/proc/台账.xlsx']);
    expect(proc).toMatchObject({ code: 2, err: 'zg: 无法在“/proc”中写入“/proc/台账.xlsx”：该位置不能新建文件；请换一个目录\n' });
    const isDir = zg(['export', 'ledger', '-o', dir]);
    expect(isDir).toMatchObject({ code: 2, err: expect.stringContaining(`“${dir}”是一个目录`) });
    const dirGiven = zg(['import-ledger', dir]);
    expect(dirGiven).toMatchObject({ code: 2, err: expect.stringContaining(`“${dir}”是一个目录，这里需要的是文件名`) });
    const usage = zg(['sources', '--bogus']);
    expect(usage).toMatchObject({ code: 2, err: expect.stringContaining('不认识的选项“--bogus”。用 zg --help 查看用法') });
    for (const r of [missing, noDir, isDir, usage]) expect(r.err).not.toContain('内部错误');
    expect(existsSync(join(dir, 'errors.log'))).toBe(false);
  }, 180_000); // seven runs of zg, each opening the database: under a loaded CI machine a minute was not always enough

  it('says when the data directory is a file, or cannot be made where ZG_DATA points, instead of hanging', () => {
    const file = join(dir, '数据.txt');
    writeFileSync(file, '不是目录');
    expect(zg(['sources'], { ZG_DATA: file })).toMatchObject({
      code: 2,
      err: `zg: 数据目录“${file}”是一个文件，不是目录；请用 ZG_DATA 指定一个目录\n`,
    });
    // under /proc Node's own recursive mkdir retries for ever; the command must end, with a sentence
    const proc = zg(['sources'], { ZG_DATA: '/proc/zg-data' });
    expect(proc).toMatchObject({
      code: 2,
      err: 'zg: 无法在“/proc”中建立数据目录“/proc/zg-data”：该位置不能建立目录；请用 ZG_DATA 指定其他位置\n',
    });
  });

  it('says the disk is full, and leaves no half-written file', () => {
    const r = zg(['export', 'ledger', '-o', '/dev/full']);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('磁盘空间不足，“/dev/full”未能写入') });
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it.skipIf(!mounted)('refuses to start the embedded database on a disk without room for it, writing nothing there', () => {
    const r = zg(['sources'], { ZG_DATA: join(tiny, 'data') });
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/所在磁盘只剩 \d+\.\d MB，新建数据库至少需要 64 MB/) });
    expect(existsSync(join(tiny, 'data', 'PG_VERSION'))).toBe(false);
  });

  it.skipIf(!mounted)(
    'refuses to write when the disk is nearly full instead of hanging, and still shows the ledger',
    () => {
      const disk = join(dir, 'nearly-full');
      mkdirSync(disk);
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', disk]).status).toBe(0);
      try {
        const env = { ZG_DATA: join(disk, 'data') };
        expect(zg(['import', SAMPLE], env).code).toBe(0);
        // leave some 30 MB: enough to open the ledger, not enough for the room a write keeps
        const { bavail, bsize } = statfsSync(disk);
        writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 30 * 1024 * 1024)));
        const other = join(dir, '另一份通报.txt');
        writeFileSync(other, readFileSync(SAMPLE, 'utf8').replaceAll('农业农村局', '水利局'));
        const refused = zg(['import', other], env);
        expect(refused).toMatchObject({
          code: 2,
          err: expect.stringMatching(/所在磁盘只剩 \d+\.\d MB，写入至少需要保留 48 MB，本次操作未写入/),
        });
        const shown = zg(['sources'], env);
        expect(shown.code, shown.err).toBe(0);
        expect(shown.out).toContain('XC2024-01');
        expect(shown.out).not.toContain('XC2024-02');
      } finally {
        spawnSync('umount', [disk]);
      }
    },
    180_000,
  );

  it('says why the database server cannot be used', () => {
    const refused = zg(['sources'], { DATABASE_URL: 'postgres://zg@127.0.0.1:1/zg' });
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('无法连接数据库服务器 127.0.0.1:1：连接被拒绝') });
    const unknownHost = zg(['sources'], { DATABASE_URL: 'postgres://zg@no-such-host.invalid/zg' });
    expect(unknownHost).toMatchObject({ code: 2, err: expect.stringContaining('找不到数据库服务器 no-such-host.invalid') });
    const ssl = zg(['sources'], { DATABASE_URL: 'postgres://zg@127.0.0.1:55432/zg?sslmode=require' });
    if (ssl.err.includes('连接被拒绝'))
      expect(ssl.code).toBe(2); // no server on this machine: nothing more to see
    else expect(ssl).toMatchObject({ code: 2, err: expect.stringContaining('数据库服务器不支持加密连接（SSL）') });
    const notUrl = zg(['sources'], { DATABASE_URL: 'notaurl' });
    expect(notUrl).toMatchObject({
      code: 2,
      err: 'zg: DATABASE_URL“notaurl”不是数据库地址：应写作 postgres://用户名:密码@主机:端口/数据库名\n',
    });
  });

  it('names a buffer size for the embedded database it cannot use, and opens the ledger with one it can', () => {
    const bad = zg(['sources'], { ZG_DB_BUFFERS: '很多' });
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('环境变量 ZG_DB_BUFFERS“很多”不是有效的缓冲区大小') });
    // within the form but beyond what PostgreSQL takes (below 128 kB) or the WebAssembly heap holds (above 1 GB)
    for (const size of ['100kB', '2GB'])
      expect(zg(['sources'], { ZG_DB_BUFFERS: size })).toMatchObject({ code: 2, err: expect.stringContaining('在 128kB 与 1GB 之间') });
    expect(zg(['sources'], { ZG_DB_BUFFERS: '8mb' }).code).toBe(0);
  });

  it('says which port is taken when the server cannot listen on it', async () => {
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as { port: number }).port;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ZG_DATA: data,
      PORT: String(port),
      ZG_SUPERVISE: 'off',
      ZG_ERROR_LOG: join(dir, 'errors.log'),
    };
    delete env.DATABASE_URL;
    // asynchronously: the port is held by this process, whose loop must stay free to hold it
    const child = spawn(process.execPath, [join(ROOT, 'bin/start.mjs')], { env, cwd: dir });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise((done) => child.on('exit', done));
    taken.close();
    expect(code).toBe(2);
    expect(err).toContain(`整改通未能启动：端口 ${port} 已被占用`);
  }, 60_000);

  it('keeps 内部错误 for bugs, writing their details to a log whose place it gives', () => {
    const log = join(dir, 'bug.log');
    process.env.ZG_ERROR_LOG = log;
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => (written.push(s), true)) as typeof process.stderr.write;
    try {
      expect(reportFailure(new TypeError("Cannot read properties of undefined (reading 'code')"), ['problems'])).toBe(3);
      expect(
        reportFailure(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: join(dir, '缺.txt') }), ['import']),
      ).toBe(2);
    } finally {
      process.stderr.write = write;
      delete process.env.ZG_ERROR_LOG;
    }
    expect(written[0]).toContain(`zg: 内部错误：这是整改通的缺陷，不是您的操作有误。详细信息已写入 ${log}`);
    expect(readFileSync(log, 'utf8')).toContain("TypeError: Cannot read properties of undefined (reading 'code')");
    expect(written[1]).toBe(`zg: 找不到文件“${join(dir, '缺.txt')}”\n`);
  });
});
