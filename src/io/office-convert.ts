// Legacy and foreign office files (.doc, .wps, .odt, .rtf, .xls, .et, .ods) become .docx or .xlsx through LibreOffice
// in headless mode, so that one reader serves each kind of content. LibreOffice is optional: the rest of the product
// works without it, and a file that needs it is refused with a sentence that says how to install it.
//
// Each conversion runs in its own temporary directory — the file, LibreOffice's profile (two conversions sharing one
// profile block each other) and the result — which is removed whatever happens. A conversion that takes too long is
// killed with its whole process group, well before the server's worker time limit: a worker thread that is stopped
// does not stop the processes it started.
import { access, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChildFailedError, ChildMissingError, ChildTimeoutError, runChild, workDir } from './child-process.ts';

export class ConverterMissingError extends Error {}
export class ConvertTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`LibreOffice did not finish within ${ms} ms`);
  }
}
/** LibreOffice ran and wrote nothing: the file is damaged, protected by a password, or not what it seems. */
export class ConvertFailedError extends Error {}

/** 40 s: a 200-page .doc converts in about 10 s here; the server's worker limit (60 s by default) must stay above it. */
export const DEFAULT_CONVERT_MS = 40_000;

/** ZG_CONVERT_TIMEOUT_MS, kept below four fifths of the worker limit (ZG_JOB_TIMEOUT_MS) however either is set. */
export function convertTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const positive = (v: string | undefined) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : null);
  const job = positive(env.ZG_JOB_TIMEOUT_MS);
  const wanted = positive(env.ZG_CONVERT_TIMEOUT_MS) ?? DEFAULT_CONVERT_MS;
  return job === null ? wanted : Math.min(wanted, Math.floor(job * 0.8));
}

/** Where LibreOffice usually is, after the PATH: Debian's and the official packages', Windows' and macOS's. */
const USUAL_PLACES = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

/** The soffice program: ZG_SOFFICE when set (and then only it), else the PATH's, else a usual place; null when none. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const runnable = async (p: string) => {
    try {
      await access(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.ZG_SOFFICE) return (await runnable(env.ZG_SOFFICE)) ? env.ZG_SOFFICE : null;
  const names = process.platform === 'win32' ? ['soffice.exe'] : ['soffice', 'libreoffice'];
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((d) => names.map((n) => join(d, n)));
  for (const p of [...onPath, ...USUAL_PLACES]) if (await runnable(p)) return p;
  return null;
}

/**
 * `bytes` (named with `ext`, which tells LibreOffice's import filter what to expect) converted to `to`; the result's
 * bytes. The input is never handed to a shell, and the conversion sees only its own directory.
 */
export async function convertOffice(
  bytes: Uint8Array,
  ext: string,
  to: 'docx' | 'xlsx',
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Uint8Array> {
  const env = opts.env ?? process.env;
  const soffice = await findSoffice(env);
  if (!soffice) throw new ConverterMissingError('LibreOffice (soffice) not found');
  const timeoutMs = opts.timeoutMs ?? convertTimeoutMs(env);
  const dir = await workDir('zg-convert');
  try {
    const input = join(dir, `input.${ext}`);
    const out = join(dir, 'out');
    await writeFile(input, bytes);
    await runChild(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        '--convert-to',
        to,
        '--outdir',
        out,
        input,
      ],
      timeoutMs,
      // LibreOffice writes its profile under HOME when it cannot use the one given; keep that inside `dir` too
      { ...env, HOME: dir },
    ).catch((e: unknown) => {
      if (e instanceof ChildMissingError) throw new ConverterMissingError(e.message);
      if (e instanceof ChildTimeoutError) throw new ConvertTimeoutError(timeoutMs);
      if (e instanceof ChildFailedError) throw new ConvertFailedError(e.message);
      throw e;
    });
    const made = await readdir(out).catch(() => [] as string[]);
    const result = made.find((f) => f.endsWith(`.${to}`));
    if (!result) throw new ConvertFailedError(`LibreOffice wrote no .${to} for the .${ext} file`);
    return new Uint8Array(await readFile(join(out, result)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
