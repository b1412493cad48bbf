// The embedded database needs room to start: a new data directory takes about 40 MB before the first row, and
// PGlite, out of space halfway through creating one, leaves a directory it cannot open again. So the room is checked
// first and a too-full disk is refused with a message, before anything is written.
import { existsSync, mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { Unavailable } from '../core/errors.ts';

const MB = 1024 * 1024;
/** Room needed to create a data directory (measured: 40 MB), and to open one and run migrations. */
export const NEEDED_TO_CREATE = 64 * MB;
export const NEEDED_TO_OPEN = 16 * MB;

export function ensureRoomFor(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const creating = !existsSync(join(dataDir, 'PG_VERSION'));
  const needed = creating ? NEEDED_TO_CREATE : NEEDED_TO_OPEN;
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  if (free < needed)
    throw new Unavailable(
      `数据目录“${dataDir}”所在磁盘只剩 ${(free / MB).toFixed(1)} MB，${creating ? '新建数据库' : '打开数据库'}至少需要 ${needed / MB} MB；请清理磁盘或用 ZG_DATA 指定其他位置，未作任何改动`,
    );
}
