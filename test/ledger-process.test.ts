// Processes against one ledger: the embedded data directory is held by one process at a time, and an import killed
// halfway (SIGKILL) leaves the database as it was before.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLedger, type Ledger } from '../src/store/open-database.ts';
import { lastUrl, testLedger, usingServer } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ZG = join(ROOT, 'bin/zg.mjs');

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra, ZG_TODAY: '2026-11-22' };
  if (!extra.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

async function sourceCount(l: Ledger): Promise<number> {
  return Number(
    (
      await l.db
        .selectFrom('source')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe('the embedded data directory', () => {
  it('is held by one process at a time; another gets a clear message and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zg-lock-'));
    const held = await openLedger({ dataDir: dir });
    try {
      const r = spawnSync(process.execPath, [ZG, 'sources'], { env: env({ ZG_DATA: dir }), encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`数据目录“${dir}”正被另一个整改通进程（PID ${process.pid}）使用`);
      await expect(openLedger({ dataDir: dir })).rejects.toThrow('正被另一个整改通进程');
    } finally {
      await held.close();
    }
    const r = spawnSync(process.execPath, [ZG, 'sources'], { env: env({ ZG_DATA: dir }), encoding: 'utf8' });
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!haveSeeds)('an import killed halfway', () => {
  it('leaves the database as it was before the import', async () => {
    // on the server: a fresh database of this run; embedded: a data directory of its own
    let url: string | undefined;
    let ledger: Ledger | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'zg-kill-'));
    if (usingServer()) {
      ledger = await testLedger();
      url = lastUrl() as string;
    }
    const child = spawn(process.execPath, [ZG, 'import', seedPath('002')], {
      env: env(url ? { DATABASE_URL: url } : { ZG_DATA: dir }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((done, fail) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        // the first of 17 reports is written, the transaction is open: kill it now
        if (stderr.includes('正在写入') && child.exitCode === null) {
          child.kill('SIGKILL');
          done();
        }
      });
      child.on('exit', () => fail(new Error(`the import ended before it could be killed: ${stderr}`)));
    });
    await new Promise((r) => child.on('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    const after = ledger ?? (await openLedger({ dataDir: dir })); // the dead process's lock is taken over
    try {
      expect(await sourceCount(after)).toBe(0);
      expect(
        Number(
          (
            await after.db
              .selectFrom('document')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
    } finally {
      await after.close();
    }
  });
});
