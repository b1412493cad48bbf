// Files the command line writes (-o): the place is checked before any work is done, and the file appears whole or not
// at all — written beside its final name and renamed, so a full disk leaves no half-written document behind.
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidInput, NotFoundError } from '../core/errors.ts';

export function checkOutput(path: string, extensions: readonly string[]): void {
  if (!path.trim()) throw new InvalidInput(`输出文件名为空：-o 后面应写输出文件名，例如 -o 输出${extensions[0] ?? ''}`);
  const full = resolve(path);
  // a device or a pipe (/dev/stdout) takes what is written, whatever its name
  if (existsSync(full) && !statSync(full).isFile() && !statSync(full).isDirectory()) return;
  if (existsSync(full) && statSync(full).isDirectory())
    throw new InvalidInput(`“${path}”是一个目录：-o 后面应写输出文件名，例如 ${path.replace(/\/$/, '')}/输出${extensions[0] ?? ''}`);
  const dir = dirname(full);
  if (!existsSync(dir)) throw new NotFoundError(`输出目录“${dirname(path)}”不存在，未生成“${path}”；请先建立该目录`);
  if (!statSync(dir).isDirectory()) throw new InvalidInput(`“${dirname(path)}”不是目录，无法在其中写入“${path}”`);
  if (extensions.length && !extensions.some((x) => path.toLowerCase().endsWith(x)))
    throw new InvalidInput(`输出文件“${path}”的扩展名应为 ${extensions.join(' 或 ')}`);
}

export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  try {
    // a device or a pipe (/dev/stdout) is written as it is: there is nothing to rename over
    if (existsSync(path) && !statSync(path).isFile()) return await writeFile(path, bytes);
    const temp = `${path}.${process.pid}.part`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a place that takes no new files (/proc, /sys): ENOENT on the temporary file would read as "file not found"
    if (code === 'ENOENT' || code === 'EROFS' || code === 'EPERM')
      throw new InvalidInput(`无法在“${dirname(path)}”中写入“${path}”：该位置不能新建文件；请换一个目录`, (e as Error).message);
    // the error names the temporary file, or (a full disk) none: name the one that was not written
    if (e instanceof Error) Object.assign(e, { path });
    throw e;
  }
}
