// How many server processes serve the application. Over PostgreSQL, several (ZG_PROCESSES, default one per core):
// each answers requests on the same port (Node's cluster module hands connections round), and nothing one of them
// remembers can disagree with another — sessions and access are read with the database's access generation, kept
// figures with each source's generation, and the day's supervision runs once under a database lock. The embedded
// database lives inside one process and stays one process, which the start says when more were asked for.
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { isTimeOfDay } from '../core/ledger/dates.ts';
import { InvalidInput } from '../core/errors.ts';
import { ensureBackupDirectory } from '../services/backup-schedule.ts';
import { configuredReminders, type ReminderSender } from '../services/mail.ts';

export interface ServerProcesses {
  readonly count: number;
  /** why fewer run than were asked for, to say at start; null when as asked */
  readonly note: string | null;
}

/** Thrown for a setting the person must correct before the server can start. */
export class ProcessSettingRefused extends Error {}

export function serverProcesses(env: NodeJS.ProcessEnv): ServerProcesses {
  const asked = env.ZG_PROCESSES?.trim();
  if (asked && !/^[1-9]\d{0,2}$/.test(asked))
    throw new ProcessSettingRefused(`环境变量 ZG_PROCESSES 的值“${asked.slice(0, 20)}”不是进程数，应为 1 至 999 的整数`);
  if (!env.DATABASE_URL)
    return {
      count: 1,
      note:
        asked && Number(asked) > 1
          ? `内嵌数据库只能由一个进程使用，整改通以一个进程运行（ZG_PROCESSES=${asked} 未采用）；需要多个进程时，请设置 DATABASE_URL 使用 PostgreSQL 服务器`
          : null,
    };
  return { count: asked ? Number(asked) : availableParallelism(), note: null };
}

/**
 * Threads for heavy work in each process, unless ZG_WORKERS says: the cores left after one for answering, shared
 * among the processes, at least one each — so that sixteen processes do not start fifteen threads each.
 */
export function heavyThreadsPerProcess(processes: number): number {
  return Math.max(1, Math.floor((availableParallelism() - 1) / processes));
}

export interface ScheduleSettings {
  /** the daily supervision run's time, Beijing time; null: ZG_SUPERVISE=off */
  readonly superviseAt: string | null;
  /** the daily backup; null without ZG_BACKUP_DIR */
  readonly backup: { readonly dir: string; readonly at: string; readonly keep: number } | null;
  /** the messengers' and SMS gateway's sender, and the address links in reminders point to */
  readonly reminders: ReminderSender;
}

/**
 * The schedules' settings, checked before anything listens: a time of day that is none, a number of backups to keep
 * that is none, a backup directory that is a file — each stops the start with its sentence, not after it.
 */
export function scheduleSettings(env: NodeJS.ProcessEnv): ScheduleSettings {
  const time = (name: string, fallback: string) => {
    const v = env[name]?.trim() || fallback;
    if (!isTimeOfDay(v))
      throw new ProcessSettingRefused(`环境变量 ${name} 的值“${v.slice(0, 20)}”不是时刻，应写作 00:00 至 23:59，如 02:00`);
    return v;
  };
  const superviseAt = env.ZG_SUPERVISE === 'off' ? null : time('ZG_SUPERVISE_AT', '08:30');
  const limit = env.ZG_AUDIT_LOG_LIMIT_MB?.trim();
  if (limit && !(/^\d{1,8}(?:\.\d+)?$/.test(limit) && Number(limit) > 0))
    throw new ProcessSettingRefused(
      `环境变量 ZG_AUDIT_LOG_LIMIT_MB 的值“${limit.slice(0, 20)}”不是日志存储上限，应为以 MB 计的正数，如 10240`,
    );
  let reminders: ReminderSender;
  try {
    reminders = configuredReminders(env);
  } catch (e) {
    throw new ProcessSettingRefused((e as Error).message);
  }
  const dir = env.ZG_BACKUP_DIR?.trim();
  if (!dir) {
    // a time or a count for backups that will never be made: said, not ignored
    for (const name of ['ZG_BACKUP_AT', 'ZG_BACKUP_KEEP'])
      if (env[name]?.trim())
        throw new ProcessSettingRefused(
          `设置了环境变量 ${name}，但没有设置 ZG_BACKUP_DIR：每日备份写入 ZG_BACKUP_DIR 所指的目录，请一并设置`,
        );
    return { superviseAt, backup: null, reminders };
  }
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new ProcessSettingRefused(`环境变量 ZG_BACKUP_DIR 所指的“${dir}”是一个文件，不是目录：请指定存放备份的目录`);
  try {
    ensureBackupDirectory(dir);
    // a file written and removed: permissions alone do not tell (a place even the superuser cannot write to)
    const probe = join(dir, `.zg-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new ProcessSettingRefused(
      e instanceof InvalidInput
        ? `环境变量 ZG_BACKUP_DIR：${e.message}`
        : `没有权限写入环境变量 ZG_BACKUP_DIR 所指的目录“${dir}”：请换一个目录，或给运行整改通的账号写入权限`,
    );
  }
  const keep = env.ZG_BACKUP_KEEP?.trim() || '7';
  if (!/^[1-9]\d{0,3}$/.test(keep))
    throw new ProcessSettingRefused(`环境变量 ZG_BACKUP_KEEP 的值“${keep.slice(0, 20)}”不是保留的备份个数，应为 1 至 9999 的整数`);
  return { superviseAt, backup: { dir, at: time('ZG_BACKUP_AT', '02:00'), keep: Number(keep) }, reminders };
}
