// Text from pictures of pages: a scanned PDF without a text layer, a photo or a scan as an image. The engine is
// Tesseract with its simplified-Chinese model (Debian: tesseract-ocr, tesseract-ocr-chi-sim), run as a child process
// — chosen by measurement on the seeds' pages (docs/benchmarks.md): as accurate as the PaddleOCR model packaged for
// Node at the resolution used here, at a fifth of the time and a twentieth of the memory.
//
// Pages are rendered or scaled to about 150 dpi (A4 ≈ 1240 × 1754 pixels), where Tesseract reads these fonts best;
// words come back with their boxes, and the lines Tesseract found are laid out like any placed text
// (core/document/page-layout.ts), then normalised (core/document/ocr-normalise.ts). A PDF's pages are rendered by
// poppler's pdftoppm one at a time. A page scanned askew is turned level first (core/document/page-skew.ts), at
// 300 dpi: read as scanned, a slope of 1–2° cost about one figure in fifteen. Everything happens in a temporary
// directory removed whatever happens; every child process is killed when the file's time is up.
import { access, readdir, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { type PlacedRun, layoutPages } from '../core/document/page-layout.ts';
import { normaliseOcrText } from '../core/document/ocr-normalise.ts';
import { skewAngle } from '../core/document/page-skew.ts';
import { ChildFailedError, ChildTimeoutError, runChild, workDir } from './child-process.ts';

export class OcrMissingError extends Error {
  constructor(readonly what: 'tesseract' | 'chi_sim' | 'pdftoppm') {
    super(`${what} not found`);
  }
}
export class OcrTimeoutError extends Error {}
export class OcrPageLimitError extends Error {
  constructor(
    readonly pages: number,
    readonly limit: number,
  ) {
    super(`${pages} pages, limit ${limit}`);
  }
}
export class ImageTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`${width} x ${height} pixels`);
  }
}
export class ImageFormatError extends Error {}

export interface OcrLimits {
  /** pages of one file, at most */
  readonly maxPages: number;
  /** all of one file's recognition, at most */
  readonly timeoutMs: number;
}

/** Pixels of one image, at most: an A4 page scanned at 600 dpi is 35 million. */
export const MAX_IMAGE_PIXELS = 60_000_000;

/**
 * ZG_OCR_MAX_PAGES (default 50) and ZG_OCR_TIMEOUT_MS (default 10 minutes for a whole file; a dense page takes about
 * 5 s here). In the server a recognition reports each page, which keeps its worker's own limit from running out.
 */
export function ocrLimits(env: NodeJS.ProcessEnv = process.env): OcrLimits {
  const positive = (v: string | undefined) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Math.floor(Number(v)) : null);
  return { maxPages: positive(env.ZG_OCR_MAX_PAGES) ?? 50, timeoutMs: positive(env.ZG_OCR_TIMEOUT_MS) ?? 10 * 60_000 };
}

export interface OcrPage {
  readonly page: number;
  /** Tesseract's mean confidence over the page's characters, 0–100 */
  readonly confidence: number;
  /** the line of the text the page starts on: a line cited by a finding is found on its page */
  readonly firstLine: number;
}

export interface OcrResult {
  readonly text: string;
  readonly pages: OcrPage[];
}

export type OcrProgress = (done: number, total: number) => void;

async function runnable(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findProgram(name: string, override: string | undefined, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (override) return (await runnable(override)) ? override : null;
  for (const d of [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']) {
    const p = join(d, process.platform === 'win32' ? `${name}.exe` : name);
    if (await runnable(p)) return p;
  }
  return null;
}

export interface OcrTools {
  readonly tesseract: string | null;
  /** whether Tesseract has its simplified-Chinese model */
  readonly chinese: boolean;
  readonly pdftoppm: string | null;
}

/** The programs OCR needs, as installed here (ZG_TESSERACT and ZG_PDFTOPPM name them when they are elsewhere). */
export async function findOcrTools(env: NodeJS.ProcessEnv = process.env): Promise<OcrTools> {
  const tesseract = await findProgram('tesseract', env.ZG_TESSERACT, env);
  let chinese = false;
  if (tesseract) {
    const { out } = await run(tesseract, ['--list-langs'], Date.now() + 10_000, env).catch(() => ({ out: '' }));
    chinese = /^chi_sim$/m.test(out);
  }
  return { tesseract, chinese, pdftoppm: await findProgram('pdftoppm', env.ZG_PDFTOPPM, env) };
}

/** A program run within the file's deadline, on one core: a server runs several, and Tesseract's threads would only fight over the same cores. */
async function run(cmd: string, args: string[], deadline: number, env: NodeJS.ProcessEnv): Promise<{ out: string }> {
  try {
    return { out: await runChild(cmd, args, deadline - Date.now(), { ...env, OMP_THREAD_LIMIT: '1' }) };
  } catch (e) {
    if (e instanceof ChildTimeoutError) throw new OcrTimeoutError(e.message);
    if (e instanceof ChildFailedError) throw new ImageFormatError(e.message);
    throw e;
  }
}

/**
 * Tesseract's TSV → runs: each word placed on the line Tesseract put it on (the line's bottom as the baseline, its
 * height as the size), and the page's confidence weighted by characters.
 */
export function tsvRuns(tsv: string): { runs: PlacedRun[]; confidence: number } {
  const lines = new Map<string, { top: number; height: number }>();
  const runs: PlacedRun[] = [];
  let weighted = 0;
  let chars = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [level, , block, par, line, , left, top, width, height, conf] = f.map(Number) as number[];
    const key = `${block}/${par}/${line}`;
    if (level === 4) lines.set(key, { top: top as number, height: height as number });
    if (level !== 5) continue;
    const text = (f[11] ?? '').trim();
    if (text === '') continue;
    const l = lines.get(key) ?? { top: top as number, height: height as number };
    runs.push({ x: left as number, y: l.top + l.height, width: width as number, size: l.height, text, line: key });
    const n = [...text].length;
    weighted += (conf as number) * n;
    chars += n;
  }
  return { runs, confidence: chars ? Math.round((weighted / chars) * 10) / 10 : 0 };
}

async function recognise(tools: OcrTools, image: string, deadline: number, env: NodeJS.ProcessEnv) {
  const { out } = await run(tools.tesseract as string, [image, 'stdout', '-l', 'chi_sim', '--psm', '6', 'tsv'], deadline, env);
  return tsvRuns(out);
}

function needTools(tools: OcrTools, pdf: boolean): void {
  if (!tools.tesseract) throw new OcrMissingError('tesseract');
  if (!tools.chinese) throw new OcrMissingError('chi_sim');
  if (pdf && !tools.pdftoppm) throw new OcrMissingError('pdftoppm');
}

type OcrOptions = { limits?: OcrLimits; onProgress?: OcrProgress; env?: NodeJS.ProcessEnv };

/**
 * `count` pages, each rendered to an image by `render` in a temporary directory (`prepare` puts the input there
 * first), made ready for recognition, recognised, and removed; then laid out and normalised. Progress is told page by page; the deadline is the
 * file's, whatever the pages.
 */
async function recognisePages(
  tools: OcrTools,
  count: number,
  deadline: number,
  opts: OcrOptions,
  prepare: (dir: string) => Promise<void>,
  render: (page: number, dpi: 150 | 300) => Promise<PageImage>,
  /** how long a page may be, in pixels, when Tesseract is given it */
  longSide: number,
): Promise<OcrResult> {
  const env = opts.env ?? process.env;
  const dir = await workDir('zg-ocr');
  try {
    await prepare(dir);
    const placed: PlacedRun[][] = [];
    const seen: Omit<OcrPage, 'firstLine'>[] = [];
    for (let p = 1; p <= count; p++) {
      opts.onProgress?.(p - 1, count);
      const file = join(dir, `page-${p}.png`);
      await pageForRecognition(await render(p, 150), file, { longSide, finer: () => render(p, 300) });
      const { runs, confidence } = await recognise(tools, file, deadline, env);
      for (const f of await readdir(dir)) if (/\.png$/.test(f)) await rm(join(dir, f), { force: true });
      placed.push(runs);
      seen.push({ page: p, confidence });
    }
    opts.onProgress?.(count, count);
    const { text, firstLines } = layoutPages(placed, { cellGap: 2 });
    return { text: normaliseOcrText(text), pages: seen.map((p, i) => ({ ...p, firstLine: firstLines[i] ?? 1 })) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Below this slope, in degrees, Tesseract reads a page as well as level: it is left as scanned. */
const LEVEL_ENOUGH = 0.3;

/** A page as an image: a file's path, or its bytes. */
type PageImage = string | Buffer;

/**
 * The long side of an A4 page at 150 dpi, the size Tesseract is given: the seeds' pages read best at it (tried
 * against 300 dpi and, by the height of the print, sizes between; those read some pages better and others worse).
 */
const PAGE_LONG_SIDE = 1754;
/** A3's long side at 150 dpi: the largest page of a PDF read whole. */
const A3_LONG_SIDE = 2480;

/**
 * A page image as Tesseract is given it: grey, turned level if it was scanned or photographed askew, at most
 * `longSide` pixels long. The slope is judged at that size, but the turn is made at twice the resolution (`finer`),
 * and scaled down after: turned at 150 dpi a page loses the strokes that tell 100 from 109.
 */
export async function pageForRecognition(
  input: PageImage,
  file: string,
  { longSide = PAGE_LONG_SIDE, finer = async () => input }: { longSide?: number; finer?: () => Promise<PageImage> } = {},
): Promise<{ angle: number }> {
  const sharp = (await import('sharp')).default;
  const fit = { width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true } as const;
  const { data, info } = await sharp(input).greyscale().resize(fit).raw().toBuffer({ resolveWithObject: true });
  const found = skewAngle({ pixels: data, width: info.width, height: info.height });
  const angle = Math.abs(found) < LEVEL_ENOUGH ? 0 : found;
  // turned back by its slope, the corners the turn uncovers filled with paper white
  const level =
    angle === 0
      ? input
      : await sharp(await finer())
          .greyscale()
          .rotate(-angle, { background: '#ffffff' })
          .png()
          .toBuffer();
  await sharp(level).greyscale().resize(fit).png().toFile(file);
  return { angle };
}

/** A scanned PDF of `pages` pages → its text, one page at a time, within the file's limits. */
export async function ocrPdf(bytes: Uint8Array, pages: number, opts: OcrOptions = {}): Promise<OcrResult> {
  const env = opts.env ?? process.env;
  const limits = opts.limits ?? ocrLimits(env);
  if (pages > limits.maxPages) throw new OcrPageLimitError(pages, limits.maxPages);
  const tools = await findOcrTools(env);
  needTools(tools, true);
  const deadline = Date.now() + limits.timeoutMs;
  let input = '';
  return recognisePages(
    tools,
    pages,
    deadline,
    opts,
    async (dir) => {
      input = join(dir, 'scan.pdf');
      await writeFile(input, bytes);
    },
    // rendered at 150 dpi (300 to be turned level); of a page larger than A3, the A3 at its top left (a poster-sized
    // page would otherwise be gigapixels)
    async (p, dpi) => {
      const out = join(dirname(input), `render-${p}-${dpi}`);
      const a3 = `${A3_LONG_SIDE * (dpi / 150)}`;
      const args = ['-r', `${dpi}`, '-W', a3, '-H', a3, '-gray', '-png', '-singlefile', '-f', `${p}`, '-l', `${p}`, input, out];
      await run(tools.pdftoppm as string, args, deadline, env);
      return `${out}.png`;
    },
    A3_LONG_SIDE,
  );
}

/**
 * A photo or a scan as an image → its text. The image is turned upright by its EXIF orientation (phones store it so),
 * made grey and scaled to about 150 dpi for an A4 page; one larger than MAX_IMAGE_PIXELS is refused unread.
 */
export async function ocrImage(bytes: Uint8Array, opts: OcrOptions = {}): Promise<OcrResult> {
  const env = opts.env ?? process.env;
  const limits = opts.limits ?? ocrLimits(env);
  const tools = await findOcrTools(env);
  needTools(tools, false);
  const sharp = (await import('sharp')).default;
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new ImageFormatError((e as Error).message);
  }
  const { width = 0, height = 0 } = meta;
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageTooLargeError(width, height);
  const pages = Math.max(1, meta.pages ?? 1);
  if (pages > limits.maxPages) throw new OcrPageLimitError(pages, limits.maxPages);
  const deadline = Date.now() + limits.timeoutMs;
  return recognisePages(
    tools,
    pages,
    deadline,
    opts,
    async () => {},
    // upright, grey, and at most twice the size Tesseract is given (about 300 dpi for A4): enough to turn it level
    async (p) => {
      try {
        return await sharp(bytes, { page: p - 1, limitInputPixels: MAX_IMAGE_PIXELS })
          .rotate()
          .greyscale()
          .resize({ width: 2 * PAGE_LONG_SIDE, height: 2 * PAGE_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
          .png({ compressionLevel: 1 })
          .toBuffer();
      } catch (e) {
        throw new ImageFormatError((e as Error).message);
      }
    },
    // a photo's page is scaled to an A4 page at 150 dpi: its resolution is not known
    PAGE_LONG_SIDE,
  );
}
