// The embedded database's data directory is held by one process at a time. PGlite takes no lock of its own and two
// processes writing one directory corrupt it, so we take one: `zg.lock`, naming its holder by PID, the process's start
// time (a PID alone is reused: a lock left by a crash must not be kept alive by whatever process gets that number
// next) and a random token (so a holder removes only its own lock).
//
// Every file appears whole: it is written under a private name and hard-linked into place, and link() fails when the
// name exists, so "create if absent" is atomic and nobody ever reads a half-written lock. A stale lock cannot be
// removed and recreated (a second taker would remove the first taker's fresh lock); instead the right to replace it is
// itself a name created once: `zg.lock.takeover-<id of the stale lock>`. Only its creator may rename a new lock over
// the stale one, after checking the stale one is still there. If that creator dies too, the right passes on through
// `zg.lock.takeover-<id of its marker>`, and so on — each step a name only one process can create.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError, Unavailable } from '../core/errors.ts';
import { makeDataDir } from './data-dir.ts';

interface Owner {
  readonly pid: number;
  /** field 22 of /proc/<pid>/stat; null where there is no /proc (or in a lock an older version wrote) */
  readonly start: string | null;
  readonly token: string | null;
}

const LOCK = 'zg.lock';
/** how long an unreadable lock is taken to be one an older version is still writing */
const YOUNG_MS = 2000;
/** how long to keep waiting while other processes are part-way through taking a stale lock over */
const CONTENDED_MS = 10_000;

/** When the process started, in clock ticks since boot; null when it does not exist or there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a lock names is still the one that wrote it. */
function alive(o: Owner): boolean {
  if (!Number.isInteger(o.pid) || o.pid <= 0 || !pidExists(o.pid)) return false;
  if (o.start === null) return true; // only the PID to go by
  const now = processStartTime(o.pid);
  // unreadable: gone since, or hidden from us (then it may well be the holder)
  if (now === null) return pidExists(o.pid);
  return now === o.start;
}

function parse(text: string): Owner | null {
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number(text), start: null, token: null }; // an older version's lock
  try {
    const v = JSON.parse(text) as Partial<Owner>;
    return typeof v.pid === 'number' ? { pid: v.pid, start: v.start ?? null, token: v.token ?? null } : null;
  } catch {
    return null;
  }
}

interface Seen {
  /** names this very file: a file written later under the same name never has the same id */
  readonly id: string;
  readonly owner: Owner | null;
  readonly young: boolean;
}

/** The file at `path` as one consistent reading (stat and content through one descriptor), or null when absent. */
function inspect(path: string): Seen | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    const text = readFileSync(fd, 'utf8');
    const id = createHash('sha256').update(`${st.dev}:${st.ino}:${st.mtimeMs}:${text}`).digest('hex').slice(0, 24);
    return { id, owner: parse(text), young: Date.now() - st.mtimeMs < YOUNG_MS };
  } finally {
    closeSync(fd);
  }
}

/** The id of the lock file (or takeover marker) at `path`, as a takeover marker names it; null when absent. */
export function lockFileId(path: string): string | null {
  return inspect(path)?.id ?? null;
}

/** Creates `to` as another name of `from` unless `to` exists. */
function linkIfAbsent(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Replaces the stale lock `staleId` with ours (`mine`, a complete file) if we win the right to; false when someone
 * else is taking it over or it is no longer the lock we saw. Never removes a lock other than the one inspected.
 */
function takeOver(lock: string, staleId: string, mine: string): boolean {
  const chain: string[] = [];
  let target = staleId;
  for (;;) {
    const marker = `${lock}.takeover-${target}`;
    if (linkIfAbsent(mine, marker)) {
      chain.push(marker);
      break;
    }
    const m = inspect(marker);
    if (m === null) continue; // its taker has finished and cleared it: the lock has changed, which the check below sees
    if (m.owner === null ? m.young : alive(m.owner)) return false;
    chain.push(marker); // its taker died before finishing: take over its right
    target = m.id;
  }
  const won = inspect(lock)?.id === staleId;
  if (won) renameSync(mine, lock);
  // the chain only ever names a lock that is gone now (ours replaced it, or someone else's did)
  for (const marker of chain) removeQuietly(marker);
  return won;
}

/** Private files and takeover markers that dead processes left behind. */
function sweep(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(`${LOCK}.`)) continue;
    const seen = inspect(join(dataDir, name));
    if (seen && (seen.owner === null ? !seen.young : !alive(seen.owner))) removeQuietly(join(dataDir, name));
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  makeDataDir(dataDir);
  const lock = join(dataDir, LOCK);
  const me: Owner = { pid: process.pid, start: processStartTime(process.pid), token: randomBytes(16).toString('hex') };
  const mine = `${lock}.${me.token}`;
  const fd = openSync(mine, 'wx');
  try {
    writeSync(fd, JSON.stringify(me));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    const giveUpAt = Date.now() + CONTENDED_MS;
    for (;;) {
      if (linkIfAbsent(mine, lock)) break;
      const seen = inspect(lock);
      if (seen === null) continue; // released just now
      // our own PID too: one process opening the directory twice would corrupt it just the same
      if (seen.owner && alive(seen.owner)) throw new DataDirLockedError(dataDir, seen.owner.pid);
      if (!(seen.owner === null && seen.young) && takeOver(lock, seen.id, mine)) break;
      if (Date.now() > giveUpAt)
        throw new Unavailable(`数据目录“${dataDir}”的锁文件 ${LOCK} 无法读取或一直在被接管，请稍后重试或检查该目录`);
      pause(2 + Math.random() * 10);
    }
  } finally {
    removeQuietly(mine);
  }
  sweep(dataDir);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // only while it is still ours: nobody can replace a live holder's lock, so it cannot change in between
    if (inspect(lock)?.owner?.token === me.token) removeQuietly(lock);
  };
  process.on('exit', release);
  return release;
}
