// The data directory's lock under races: many processes at once on a stale lock, never two holders; a lock whose PID
// now belongs to an unrelated process is stale; a live holder is refused; a holder removes only its own lock.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lockDataDir, lockFileId, processStartTime } from '../src/store/data-dir-lock.ts';
import { DataDirLockedError } from '../src/core/errors.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RACER = join(ROOT, 'test/support/lock-racer.ts');
const LOCK_MODULE = join(ROOT, 'src/store/data-dir-lock.ts');
const base = mkdtempSync(join(tmpdir(), 'zg-lock-race-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const racer = (...args: string[]): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['--import', 'tsx', RACER, ...args], { cwd: ROOT });
const firstLine = (c: ChildProcessWithoutNullStreams) =>
  new Promise<string>((r) => c.stdout.once('data', (b: Buffer) => r(String(b).trim())));
const exited = (c: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', r)));

/** A PID that no process has now: one that has just ended. */
const deadPid = () => spawnSync('true').pid as number;

function staleLock(kind: number): { content: string; pid: number } {
  if (kind === 0) {
    const pid = deadPid();
    return { content: JSON.stringify({ pid, start: '12345', token: 'dead' }), pid };
  }
  // a live process, but not the one that wrote the lock: it started at another time
  if (kind === 1) return { content: JSON.stringify({ pid: process.pid, start: '1', token: 'reused' }), pid: process.pid };
  const pid = deadPid(); // as an older version wrote it: the PID alone
  return { content: String(pid), pid };
}

describe('the data directory lock', () => {
  it('lets exactly one of six racing processes hold a directory with a stale lock, in each of 20 trials', async () => {
    const trials = Array.from({ length: 20 }, (_, i) => {
      const dir = join(base, `trial-${i}`);
      mkdirSync(dir);
      const stale = staleLock(i % 3);
      writeFileSync(join(dir, 'zg.lock'), stale.content);
      return { dir, log: join(base, `trial-${i}.log`), stalePid: stale.pid };
    });
    const children = Array.from({ length: 6 }, () => racer('race', LOCK_MODULE, JSON.stringify({ trials, spacingMs: 150, holdMs: 25 })));
    expect(await Promise.all(children.map(firstLine))).toEqual(Array(6).fill('ready'));
    const start = Date.now() + 200;
    for (const c of children) c.stdin.end(`${start}\n`);
    expect(await Promise.all(children.map(exited))).toEqual(Array(6).fill(0));
    const pids = new Set(children.map((c) => c.pid));

    for (const [i, t] of trials.entries()) {
      const lines = readFileSync(t.log, 'utf8').trim().split('\n');
      let holder: string | null = null;
      const entered = new Set<string>();
      const outcome = new Map<string, string>();
      for (const line of lines) {
        const [what, pid, other] = line.split(' ') as [string, string, string | undefined];
        expect(pids.has(Number(pid)), `trial ${i}: ${line}`).toBe(true);
        if (what === 'enter') {
          expect(holder, `trial ${i}: ${pid} entered while ${holder} held the lock\n${lines.join('\n')}`).toBeNull();
          holder = pid;
          entered.add(pid);
        } else if (what === 'exit') {
          expect(holder, `trial ${i}: ${line}`).toBe(pid);
          holder = null;
          outcome.set(pid, 'held');
        } else {
          expect(what, `trial ${i}: ${line}`).toBe('refused');
          // refused only by a racer that really held it, never by the stale lock
          expect(Number(other)).not.toBe(t.stalePid);
          expect(pids.has(Number(other)), `trial ${i}: ${line}`).toBe(true);
          outcome.set(pid, 'refused');
        }
      }
      expect(holder).toBeNull();
      expect(entered.size, `trial ${i}`).toBeGreaterThanOrEqual(1);
      expect(outcome.size, `trial ${i}: every racer either held the lock or was refused`).toBe(6);
      for (const line of lines.filter((l) => l.startsWith('refused')))
        expect(entered.has(line.split(' ')[2] as string), `trial ${i}: ${line}`).toBe(true);
      // nothing left behind: the lock released, no private file or takeover marker
      expect(readdirSync(t.dir), `trial ${i}`).toEqual([]);
    }
  }, 30_000);

  it('takes over a lock whose PID belongs to a live, unrelated process that started at another time', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const pid = sleeper.pid as number;
      const dir = mkdtempSync(join(base, 'reused-'));
      const real = processStartTime(pid);
      expect(real).toMatch(/^\d+$/);
      writeFileSync(join(dir, 'zg.lock'), JSON.stringify({ pid, start: String(Number(real) - 1000), token: 'crashed' }));
      const release = lockDataDir(dir);
      expect(JSON.parse(readFileSync(join(dir, 'zg.lock'), 'utf8'))).toMatchObject({
        pid: process.pid,
        start: processStartTime(process.pid),
      });
      release();
      expect(readdirSync(dir)).toEqual([]);
      // the same PID with its true start time is the holder: refused
      writeFileSync(join(dir, 'zg.lock'), JSON.stringify({ pid, start: real, token: 'live' }));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over from a taker that died part-way, through the marker it left', () => {
    const dir = mkdtempSync(join(base, 'chain-'));
    const lock = join(dir, 'zg.lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: '7', token: 'first' }));
    // the first taker won the right to replace it and died; so did the one that took the right over from it
    const first = `${lock}.takeover-${lockFileId(lock)}`;
    writeFileSync(first, JSON.stringify({ pid: deadPid(), start: '8', token: 'second' }));
    writeFileSync(`${lock}.takeover-${lockFileId(first)}`, JSON.stringify({ pid: deadPid(), start: '9', token: 'third' }));
    writeFileSync(`${lock}.0123abcd`, JSON.stringify({ pid: deadPid(), start: '9', token: 'private' })); // a dead taker's own copy
    const release = lockDataDir(dir);
    expect(readdirSync(dir)).toEqual(['zg.lock']);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses while another process holds the directory, in Chinese, naming it; then takes it once that one is gone', async () => {
    const dir = mkdtempSync(join(base, 'held-'));
    const holder = racer('hold', LOCK_MODULE, dir);
    expect(await firstLine(holder)).toBe('held');
    const e = (() => {
      try {
        lockDataDir(dir);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(DataDirLockedError);
    expect((e as Error).message).toBe(
      `数据目录“${dir}”正被另一个整改通进程（PID ${holder.pid}）使用。请先停止该进程，或在服务器运行时通过网页或 API 操作。`,
    );
    holder.kill('SIGKILL'); // dies holding it: the lock stays, stale
    await exited(holder);
    expect(existsSync(join(dir, 'zg.lock'))).toBe(true);
    const release = lockDataDir(dir);
    release();
  });

  it('refuses a second lock in the same process and an older version’s live lock; releases only its own lock', () => {
    const dir = mkdtempSync(join(base, 'own-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(`（PID ${process.pid}）`);
    // someone replaced the lock file by hand: releasing must not remove what is not ours
    writeFileSync(join(dir, 'zg.lock'), String(process.pid));
    release();
    expect(readFileSync(join(dir, 'zg.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError); // a bare live PID, as an older version wrote it
  });
});
