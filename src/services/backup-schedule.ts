// The server's own backups, and those an administrator makes from the web (系统管理 → 备份): once a day at the set time (ZG_BACKUP_AT, Beijing time, default 02:00) a backup file in
// ZG_BACKUP_DIR named by the day, and the oldest removed beyond the newest ZG_BACKUP_KEEP (default 7). A day's file
// already there is not made again, so a restart or a second process does no harm. On the embedded database the
// backup reads the ledger in one snapshot on the database's only connection: other requests wait for it, which at
// night, on an office's ledger, is seconds (docs/benchmarks.md).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ActionRefused, NotFoundError } from '../core/errors.ts';
import { beijingClock, isTimeOfDay } from '../core/ledger/dates.ts';
import type { Ledger } from '../store/open-database.ts';
import { writeBackup, type BackupManifest } from './ledger-transfer.ts';

const NAME = /^zg-backup-(\d{4}-\d{2}-\d{2})\.zgb$/;
/** a daily backup's name, or one made by hand at a moment of the day */
const ANY_NAME = /^zg-backup-\d{4}-\d{2}-\d{2}(-\d{6})?\.zgb$/;

/**
 * Where backups are written: ZG_BACKUP_DIR, else beside the data directory under its own name ("data-backups"), so
 * that two ledgers side by side never list each other's backups (best set to another disk).
 */
export function backupDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ZG_BACKUP_DIR || `${resolve(env.ZG_DATA || './data')}-backups`);
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

/** A backup made now, under the moment's name; one at a time in this process. */
export async function backupNow(ledger: Ledger, dir: string, now: Date = new Date()): Promise<{ name: string; manifest: BackupManifest }> {
  if (making) throw new ActionRefused('正在备份，请稍候再试');
  making = true;
  try {
    mkdirSync(dir, { recursive: true });
    const { day, time } = beijingClock(now);
    const seconds = now.toLocaleTimeString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(6, 8);
    const name = `zg-backup-${day}-${time.replace(':', '')}${seconds}.zgb`;
    return { name, manifest: await writeBackup(ledger, join(dir, name)) };
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
      mkdirSync(opts.dir, { recursive: true });
      const manifest = await writeBackup(ledger, file);
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
