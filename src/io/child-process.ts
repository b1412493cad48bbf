// The external programs the readers call (LibreOffice, Tesseract, pdftoppm), run one way: never through a shell, in
// their own process group, and killed with the whole group when their time is up — a converter's launcher and the
// program it starts both go, and a worker thread that waits for them is not held past its own limit.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ChildMissingError extends Error {}
export class ChildTimeoutError extends Error {}
export class ChildFailedError extends Error {}

/** `cmd args…` to its end within `timeoutMs`; its standard output. */
export function runChild(cmd: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    if (timeoutMs <= 0) {
      reject(new ChildTimeoutError(`no time left for ${cmd}`));
      return;
    }
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new ChildTimeoutError(`${cmd} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ChildMissingError(`${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new ChildFailedError(`${cmd} exited with ${code ?? signal}: ${err.trim().slice(0, 500)}`));
    });
  });
}

/**
 * A temporary directory for one conversion or recognition, named with this process's id. Those of processes that no
 * longer run — killed before their own cleanup could run — are removed first: they hold copies of people's documents.
 */
export async function workDir(prefix: 'zg-convert' | 'zg-ocr'): Promise<string> {
  const root = tmpdir();
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await rm(join(root, name), { recursive: true, force: true }).catch(() => undefined);
  }
  return mkdtemp(join(root, `${prefix}-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
