// .ofd (GB/T 33190, the national format of electronic official documents) → text lines. An OFD is a zip of XML: OFD.xml
// names the document's root, the document lists its pages in order, and each page holds text objects placed in
// millimetres. The text objects of each page are laid out into lines and paragraphs by the same rule as any placed
// text (core/document/page-layout.ts).
//
// Read: every TextObject of every page's content, in any layer or block, with its TextCode positions and advances
// (including the "g" repetition of DeltaX) and a CTM's scale and shift. Not read: template pages (letterheads drawn
// under each page), annotations, and the text of signatures and stamps — a signed file reads as the unsigned one.
// Only the XML parts are unpacked, and only after the sizes they inflate to are checked (zip bombs); the pages read are
// counted again as they are listed, so one page listed twenty thousand times is refused like a bomb.

import { strFromU8, unzipSync } from 'fflate';
import { type PlacedRun, emWidth, layoutText } from '../core/document/page-layout.ts';
import { attr, decode, tokens } from './xml-tokens.ts';
import { checkUnpackedSize, ZipTooLargeError } from './zip-limits.ts';

export class OfdFormatError extends Error {}
export class OfdTooLargeError extends Error {}

/** A thousand-page OFD's page XML is some 50 MB. */
export const MAX_OFD_UNPACKED = 128 * 1024 * 1024;

const isXml = (name: string) => /\.xml$/i.test(name);

/** True when the zip's entries are an OFD package (OFD.xml at its root). */
export const isOfdPackage = (names: readonly string[]) => names.some((n) => n.replace(/^\//, '').toLowerCase() === 'ofd.xml');

/** Without the namespace prefix: producers write ofd:Page, Page, or another prefix. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A location inside the package: absolute from the root, or relative to the directory of the part naming it. */
function resolve(from: string, loc: string): string {
  const parts = loc.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const p of loc.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** The advances of DeltaX: numbers, where "g N d" stands for N times d. */
function advances(spec: string | null): number[] {
  if (!spec) return [];
  const out: number[] = [];
  const t = spec.trim().split(/\s+/);
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 'g') {
      const n = Number(t[i + 1]);
      const d = Number(t[i + 2]);
      for (let k = 0; k < n && k < 100_000; k++) out.push(d);
      i += 2;
    } else out.push(Number(t[i]));
  }
  return out.map((d) => (Number.isFinite(d) ? d : 0));
}

function numbers(s: string | null, n: number, fallback: number): number[] {
  const v = (s ?? '').trim().split(/\s+/).map(Number);
  return Array.from({ length: n }, (_, i) => (Number.isFinite(v[i]) ? (v[i] as number) : fallback));
}

/** One page's content → its runs, in page coordinates. */
function pageRuns(xml: string): PlacedRun[] {
  const runs: PlacedRun[] = [];
  let object: { bx: number; by: number; size: number; ctm: number[] } | null = null;
  let code: { x: number; y: number; dx: number[]; text: string } | null = null;
  let nextX = 0;
  let nextY = 0;
  for (const t of tokens(xml)) {
    if ('text' in t) {
      if (code) code.text += decode(t.text);
      continue;
    }
    const name = local(t.name);
    if (name === 'TextObject' && !t.close) {
      const [bx, by] = numbers(attr(t.attrs, 'Boundary'), 2, 0) as [number, number];
      object = { bx, by, size: numbers(attr(t.attrs, 'Size'), 1, 3.5)[0] as number, ctm: numbers(attr(t.attrs, 'CTM'), 6, NaN) };
      nextX = 0;
      nextY = 0;
      if (t.selfClosing) object = null;
    } else if (name === 'TextObject' && t.close) object = null;
    else if (name === 'TextCode' && !t.close && object) {
      const x = Number(attr(t.attrs, 'X') ?? nextX);
      const y = Number(attr(t.attrs, 'Y') ?? nextY);
      code = { x: Number.isFinite(x) ? x : nextX, y: Number.isFinite(y) ? y : nextY, dx: advances(attr(t.attrs, 'DeltaX')), text: '' };
      if (t.selfClosing) code = null;
    } else if (name === 'TextCode' && t.close && code && object) {
      const chars = [...code.text];
      const width =
        code.dx.length > 0
          ? code.dx.slice(0, Math.max(0, chars.length - 1)).reduce((a, b) => a + b, 0) +
            object.size * emWidth(chars[chars.length - 1] ?? '')
          : object.size * emWidth(code.text);
      const [a, b, c, d, e, f] = object.ctm as [number, number, number, number, number, number];
      const transformed = Number.isFinite(a) && Number.isFinite(d);
      const px = transformed ? a * code.x + c * code.y + e : code.x;
      const py = transformed ? b * code.x + d * code.y + f : code.y;
      const scale = transformed ? Math.abs(a) || 1 : 1;
      runs.push({ x: object.bx + px, y: object.by + py, width: width * scale, size: object.size * scale, text: code.text });
      nextX = code.x + width;
      nextY = code.y;
      code = null;
    }
  }
  return runs;
}

/** The page content locations of the package's first document, in page order. */
function pageLocations(files: Record<string, Uint8Array>): string[] {
  const read = (path: string) => {
    const key = Object.keys(files).find((k) => k.replace(/^\//, '').toLowerCase() === path.toLowerCase());
    return key ? strFromU8(files[key] as Uint8Array) : null;
  };
  const root = read('OFD.xml');
  if (root === null) throw new OfdFormatError('no OFD.xml');
  let docRoot: string | null = null;
  let inDocRoot = false;
  for (const t of tokens(root)) {
    if ('text' in t) {
      if (inDocRoot && docRoot === null) docRoot = decode(t.text).trim();
    } else if (local(t.name) === 'DocRoot') inDocRoot = !t.close && !t.selfClosing;
    if (docRoot) break;
  }
  if (!docRoot) throw new OfdFormatError('OFD.xml names no DocRoot');
  const docPath = resolve('OFD.xml', docRoot);
  const doc = read(docPath);
  if (doc === null) throw new OfdFormatError(`no ${docPath}`);
  const pages: string[] = [];
  for (const t of tokens(doc)) {
    if ('text' in t || t.close || local(t.name) !== 'Page') continue;
    const base = attr(t.attrs, 'BaseLoc');
    if (base) pages.push(resolve(docPath, base));
  }
  if (pages.length === 0) throw new OfdFormatError('the document lists no pages');
  const present = new Set(Object.keys(files).map((k) => k.replace(/^\//, '').toLowerCase()));
  for (const p of new Set(pages)) if (!present.has(p.toLowerCase())) throw new OfdFormatError(`page ${p} is missing`);
  return pages;
}

export function ofdText(bytes: Uint8Array): { text: string; pages: number } {
  let files: Record<string, Uint8Array>;
  try {
    checkUnpackedSize(bytes, MAX_OFD_UNPACKED, isXml);
    files = unzipSync(bytes, { filter: (f) => isXml(f.name) });
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw new OfdTooLargeError(e.message);
    throw new OfdFormatError(`zip: ${(e as Error).message}`);
  }
  const byPath = new Map(Object.entries(files).map(([k, v]) => [k.replace(/^\//, '').toLowerCase(), v]));
  const locations = pageLocations(files);
  // the same page content listed thousands of times unpacks once and is read each time: counted each time
  let read = 0;
  for (const p of locations) {
    read += (byPath.get(p.toLowerCase()) as Uint8Array).length;
    if (read > MAX_OFD_UNPACKED) throw new OfdTooLargeError(`pages read past ${MAX_OFD_UNPACKED} bytes (${locations.length} pages listed)`);
  }
  const pages = locations.map((p) => pageRuns(strFromU8(byPath.get(p.toLowerCase()) as Uint8Array)));
  return { text: layoutText(pages), pages: pages.length };
}
