// The server's own backups: once a day at the set time (ZG_BACKUP_AT, Beijing time, default 02:00) a backup file in
// ZG_BACKUP_DIR named by the day, and the oldest removed beyond the newest ZG_BACKUP_KEEP (default 7). A day's file
// already there is not made again, so a restart or a second process does no harm. On the embedded database the
// backup reads the ledger in one snapshot on the database's only connection: other requests wait for it, which at
// night, on an office's ledger, is seconds (docs/benchmarks.md).
import { mkdirSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beijingClock } from '../core/ledger/dates.ts';
import type { Ledger } from '../store/open-database.ts';
import { writeBackup, type BackupManifest } from './ledger-transfer.ts';

const NAME = /^zg-backup-(\d{4}-\d{2}-\d{2})\.zgb$/;

export interface BackupScheduleOptions {
  readonly dir: string;
  /** "02:00", Beijing time */
  readonly at: string;
  readonly keep: number;
}

export function backupSchedule(ledger: Ledger, opts: BackupScheduleOptions) {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(opts.at)) throw new Error(`ZG_BACKUP_AT should be HH:MM, not "${opts.at}"`);
  mkdirSync(opts.dir, { recursive: true });
  return {
    /** The day's backup when it is time and none is there yet, then the oldest beyond `keep` removed. */
    async tick(now: Date = new Date()): Promise<{ file: string; manifest: BackupManifest; removed: string[] } | null> {
      const { day, time } = beijingClock(now);
      const file = join(opts.dir, `zg-backup-${day}.zgb`);
      if (time < opts.at || existsSync(file)) return null;
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
