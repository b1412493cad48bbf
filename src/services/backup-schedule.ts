// The server's own backups, and those an administrator makes from the web (系统管理 → 备份): once a day at the set time (ZG_BACKUP_AT, Beijing time, default 02:00) a backup file in
// ZG_BACKUP_DIR named by the day, and the oldest removed beyond the newest ZG_BACKUP_KEEP (default 7). A day's file
// already there is not made again, so a restart or a second process does no harm. On the embedded database the
// backup reads the ledger in one snapshot on the database's only connection: other requests wait for it, which at
// night, on an office's ledger, is seconds (docs/benchmarks.md).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ActionRefused, InvalidInput, NotFoundError } from '../core/errors.ts';
import { beijingClock, isTimeOfDay } from '../core/ledger/dates.ts';
import type { Ledger } from '../store/open-database.ts';
import { BackupNameTaken, writeBackup, type BackupManifest } from './ledger-transfer.ts';

const NAME = /^zg-backup-(\d{4}-\d{2}-\d{2})\.zgb$/;
/** a daily backup's name, or one made by hand at a moment of the day */
const ANY_NAME = /^zg-backup-\d{4}-\d{2}-\d{2}(-\d{6}(-\d{1,3})?)?\.zgb$/;

/**
 * Where backups are written: ZG_BACKUP_DIR, else beside the data directory under its own name ("data-backups"), so
 * that two ledgers side by side never list each other's backups (best set to another disk).
 */
export function backupDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ZG_BACKUP_DIR || `${resolve(env.ZG_DATA || './data')}-backups`);
}

/**
 * The backup directory, made when missing — only where its parent is there: a path mistyped into a place that is
 * no directory at all (or /proc) is refused, not made level by level.
 */
export function ensureBackupDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InvalidInput(`备份目录“${dir}”是一个文件，不是目录：请指定存放备份的目录`);
    return;
  }
  const parent = dirname(dir);
  if (!existsSync(parent) || !statSync(parent).isDirectory())
    throw new InvalidInput(`备份目录“${dir}”的上级目录“${parent}”不存在：请先建立它，或换一个目录`);
  try {
    mkdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT')
      throw new InvalidInput(`无法建立备份目录“${dir}”（没有写入权限或为只读位置）：请换一个目录，或给运行整改通的账号写入权限`);
    throw e;
  }
}

/** The backups kept there, newest first. */
export function listBackups(dir: string): { name: string; bytes: number; at: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ANY_NAME.test(f))
    .map((name) => {
      const st = statSync(join(dir, name));
      return { name, bytes: st.size, at: st.mtime.toISOString() };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** A kept backup's path, by a name from the list; nothing else in the directory is reachable by name. */
export function backupPath(dir: string, name: string): string {
  const path = join(dir, name);
  if (!ANY_NAME.test(name) || !existsSync(path)) throw new NotFoundError(`没有名为“${name.slice(0, 80)}”的备份`);
  return path;
}

let making = false;

/**
 * A backup made now, under the moment's name — with a number after it when another was made in the same second
 * (here, or by another process): one at a time in this process.
 */
export async function backupNow(ledger: Ledger, dir: string, now: Date = new Date()): Promise<{ name: string; manifest: BackupManifest }> {
  if (making) throw new ActionRefused('正在备份，请稍候再试');
  making = true;
  try {
    ensureBackupDirectory(dir);
    const { day, time } = beijingClock(now);
    const seconds = now.toLocaleTimeString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(6, 8);
    const stem = `zg-backup-${day}-${time.replace(':', '')}${seconds}`;
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}.zgb` : `${stem}-${n}.zgb`;
      if (existsSync(join(dir, name))) continue;
      try {
        return { name, manifest: await writeBackup(ledger, join(dir, name)) };
      } catch (e) {
        if (!(e instanceof BackupNameTaken) || n >= 99) throw e;
      }
    }
  } finally {
    making = false;
  }
}

export interface BackupScheduleOptions {
  readonly dir: string;
  /** "02:00", Beijing time */
  readonly at: string;
  readonly keep: number;
}

export function backupSchedule(ledger: Ledger, opts: BackupScheduleOptions) {
  if (!isTimeOfDay(opts.at)) throw new Error(`ZG_BACKUP_AT should be HH:MM, not "${opts.at}"`);
  return {
    /** The day's backup when it is time and none is there yet, then the oldest beyond `keep` removed. */
    async tick(now: Date = new Date()): Promise<{ file: string; manifest: BackupManifest; removed: string[] } | null> {
      const { day, time } = beijingClock(now);
      const file = join(opts.dir, `zg-backup-${day}.zgb`);
      if (time < opts.at || existsSync(file)) return null;
      ensureBackupDirectory(opts.dir);
      // another process (another machine) made the day's file first: that is the day's backup
      const manifest = await writeBackup(ledger, file).catch((e: unknown) => {
        if (e instanceof BackupNameTaken) return null;
        throw e;
      });
      if (!manifest) return null;
      const kept = readdirSync(opts.dir)
        .filter((f) => NAME.test(f))
        .sort()
        .reverse();
      const removed = kept.slice(Math.max(1, opts.keep));
      for (const f of removed) rmSync(join(opts.dir, f), { force: true });
      return { file, manifest, removed };
    },
  };
}
