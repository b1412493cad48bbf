// The embedded database needs room to start: a new data directory takes about 40 MB before the first row, and
// PGlite, out of space halfway through creating one, leaves a directory it cannot open again. So the room is checked
// first and a too-full disk is refused with a message, before anything is written.
import { existsSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { Unavailable } from '../core/errors.ts';
import { makeDataDir } from './data-dir.ts';

const MB = 1024 * 1024;
/** Room needed to create a data directory (measured: 40 MB), and to open one and run migrations. */
export const NEEDED_TO_CREATE = 64 * MB;
export const NEEDED_TO_OPEN = 16 * MB;

/** Bytes free for us on the disk that holds `dir`; null when it cannot be told. */
export function freeBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/**
 * A failure of the embedded database while its disk is all but full is the full disk's doing, whatever PGlite says
 * ("cannot drop active portal" was seen): said as such, the original kept as the cause.
 */
export function fullDiskOr(dataDir: string | undefined, e: unknown): unknown {
  const free = dataDir ? freeBytes(dataDir) : null;
  if (free === null || free >= NEEDED_TO_OPEN) return e;
  return new Unavailable(
    `数据目录“${dataDir}”所在磁盘已满（只剩 ${(free / MB).toFixed(1)} MB），本次操作未写入；请清理磁盘后重试`,
    String((e as Error)?.message ?? e),
  );
}

/**
 * Room kept free while writing. PGlite does not fail when its disk fills in the middle of a write: it spins flushing its
 * log forever (a 5,000-problem import, 18 MB free: a process at 100 % CPU for 13 minutes). So no write starts with
 * less than this free; a large import writes some tens of MB.
 */
export const NEEDED_TO_WRITE = 48 * MB;
const WRITES = /^\s*(begin|insert|update|delete|create|alter|drop|copy|with\b[\s\S]*\b(insert|update|delete)\b)/i;

/**
 * Before a statement on the embedded database: refuses a write when the disk has not room for it. Reads go on, so a
 * full disk still shows the ledger. The free space is asked at most every 200 ms.
 */
export function roomToWrite(dataDir: string | undefined): (sql: string) => void {
  let known = { at: 0, free: Number.POSITIVE_INFINITY };
  return (sql) => {
    if (!dataDir || !WRITES.test(sql)) return;
    const now = Date.now();
    if (now - known.at > 200) known = { at: now, free: freeBytes(dataDir) ?? Number.POSITIVE_INFINITY };
    if (known.free < NEEDED_TO_WRITE)
      throw new Unavailable(
        `数据目录“${dataDir}”所在磁盘只剩 ${(known.free / MB).toFixed(1)} MB，写入至少需要保留 ${NEEDED_TO_WRITE / MB} MB，本次操作未写入；请清理磁盘后重试`,
      );
  };
}

export function ensureRoomFor(dataDir: string): void {
  makeDataDir(dataDir);
  const creating = !existsSync(join(dataDir, 'PG_VERSION'));
  const needed = creating ? NEEDED_TO_CREATE : NEEDED_TO_OPEN;
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  if (free < needed)
    throw new Unavailable(
      `数据目录“${dataDir}”所在磁盘只剩 ${(free / MB).toFixed(1)} MB，${creating ? '新建数据库' : '打开数据库'}至少需要 ${needed / MB} MB；请清理磁盘或用 ZG_DATA 指定其他位置，未作任何改动`,
    );
}
