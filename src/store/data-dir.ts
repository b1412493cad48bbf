// The embedded database's directory, made if it is not there. Not with mkdirSync's `recursive`: on a path under /proc
// Node's recursive mkdir retries for ever (the kernel answers ENOENT to the create, and the parent exists), and a
// data directory that is a file deserves a sentence, not "already exists".
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInput } from '../core/errors.ts';

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

export function makeDataDir(dataDir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dataDir); ; ) {
    try {
      if (statSync(at).isDirectory()) break;
      throw new InvalidInput(
        missing.length === 0
          ? `数据目录“${dataDir}”是一个文件，不是目录；请用 ZG_DATA 指定一个目录`
          : `数据目录“${dataDir}”的上级“${at}”是一个文件，不是目录；请用 ZG_DATA 指定其他位置`,
      );
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT') throw e;
      missing.push(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if (errnoOf(e) === 'EEXIST') continue; // made meanwhile by another process
      if (errnoOf(e) === 'ENOENT')
        throw new InvalidInput(
          `无法在“${dirname(dir)}”中建立数据目录“${dataDir}”：该位置不能建立目录；请用 ZG_DATA 指定其他位置`,
          String((e as Error).message),
        );
      throw e;
    }
  }
}
