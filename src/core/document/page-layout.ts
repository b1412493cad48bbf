// Text placed on pages (an OFD's text objects, OCR's recognised lines) → the lines a reader of the page would copy
// out: runs on one baseline make a line, read left to right; runs apart by most of a character on a line are table
// cells (justified prose spreads its characters by far less), joined by a
// tab as in text copied out of Word; and the visual lines a paragraph wraps into are joined again, because the report
// reader expects a paragraph where the author wrote one — a figure cut by a line end reads as two numbers.
//
// A line continues the one above when that one reaches the right margin and this one starts at the left margin
// without the two-character indent that opens a paragraph in 公文 layout; across a page break as well. Page numbers
// ("— 3 —", "-3-", "第3页") are not text of the report and are dropped.

import { startsItem } from './numbering.ts';
import { foldLine } from './text.ts';

/** A piece of text on a page. Coordinates grow rightwards and downwards, in any unit, the same for x and size. */
export interface PlacedRun {
  readonly x: number;
  /** the baseline */
  readonly y: number;
  /** how far the run reaches to the right of x */
  readonly width: number;
  /** the font size (the em) */
  readonly size: number;
  readonly text: string;
  /** the line it belongs to, when the source knows (a recogniser's lines): a tilted page's lines overlap in height */
  readonly line?: string;
}

interface Line {
  y: number;
  size: number;
  x0: number;
  x1: number;
  cells: string[];
  /** where each cell starts */
  xs: number[];
}

const PAGE_NUMBER = /^(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
const LATIN_END = /[A-Za-z0-9%.,]$/;
const LATIN_START = /^[A-Za-z0-9(]/;

/** The width of text in ems, when a producer gives no advances: CJK and full-width characters are one, others half. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 1 : 0.5;
  return w;
}

/** One page's runs → its lines, top to bottom, each line's runs left to right, runs `cellGap` ems apart as cells. */
function pageLines(runs: readonly PlacedRun[], cellGap: number): Line[] {
  const sorted = runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PlacedRun[][] = [];
  if (sorted.some((r) => r.line !== undefined)) {
    const byLine = new Map<string, PlacedRun[]>();
    for (const r of sorted) {
      const line = byLine.get(r.line ?? '');
      if (line) line.push(r);
      else byLine.set(r.line ?? '', [r]);
    }
    groups.push(...byLine.values());
  } else
    for (const r of sorted) {
      const last = groups[groups.length - 1];
      const ref = last?.[0];
      // a run belongs to the line whose baseline is within half a size of its own (superscripts, mixed fonts)
      if (ref && Math.abs(r.y - ref.y) <= 0.5 * Math.max(ref.size, r.size)) last.push(r);
      else groups.push([r]);
    }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    const first = g[0] as PlacedRun;
    const size = Math.max(...g.map((r) => r.size));
    const cells: string[] = [first.text];
    const xs = [first.x];
    let end = first.x + first.width;
    for (const r of g.slice(1)) {
      const gap = r.x - end;
      const cell = cells.length - 1;
      if (gap > cellGap * size) {
        cells.push(r.text);
        xs.push(r.x);
      } else if (gap > 0.25 * size && LATIN_END.test(cells[cell] as string) && LATIN_START.test(r.text)) cells[cell] += ` ${r.text}`;
      else cells[cell] += r.text;
      end = Math.max(end, r.x + r.width);
    }
    return { y: first.y, size, x0: first.x, x1: end, cells: cells.map((c) => c.trim()), xs };
  });
}

/** How many lines start (or end) at each place, the places rounded to a tenth of `unit`. */
function tally(values: readonly number[], unit: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / (unit / 10));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * The body's left margin: the leftmost place at least two lines start at. Not the commonest — where paragraphs are
 * short, more lines start at the indent than at the margin; a single line further left (a note) is no margin.
 */
function leftMargin(values: readonly number[], unit: number): number | null {
  const seen = [...tally(values, unit)].filter(([, n]) => n >= 2).map(([k]) => k);
  return seen.length ? Math.min(...seen) * (unit / 10) : mode(values, unit);
}

/** The most common value, rounded to a tenth of `unit`. */
function mode(values: readonly number[], unit: number): number | null {
  let best: [number, number] | null = null;
  for (const [k, n] of tally(values, unit)) if (!best || n > best[1]) best = [k, n];
  return best ? best[0] * (unit / 10) : null;
}

/**
 * A table's rows with their cells in the table's columns: the columns are where the cells of its rows start, and a
 * cell left empty in one row keeps its place (a tab with nothing before the next) as Word's text does. A row with a
 * single filled cell between two rows of the table is a row too, not a paragraph.
 */
function alignTables(lines: Line[]): Line[] {
  const isRow = (i: number, block: Line[]): boolean => {
    const l = lines[i] as Line;
    if (l.cells.length > 1) return true;
    const next = lines[i + 1];
    return (
      block.length > 0 &&
      next !== undefined &&
      next.cells.length > 1 &&
      block.some((b) => b.xs.some((x) => Math.abs(x - l.x0) <= 0.5 * l.size))
    );
  };
  const out: Line[] = [];
  let block: Line[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const em = Math.min(...block.map((b) => b.size));
    const starts = block.flatMap((b) => b.xs).sort((a, b) => a - b);
    const columns: number[] = [];
    for (const x of starts) if (columns.length === 0 || x - (columns[columns.length - 1] as number) > em) columns.push(x);
    for (const row of block) {
      const cells = columns.map(() => '');
      row.xs.forEach((x, k) => {
        let at = 0;
        for (let c = 0; c < columns.length; c++) if ((columns[c] as number) <= x + 0.5 * em) at = c;
        cells[at] = cells[at] ? `${cells[at]} ${row.cells[k]}` : (row.cells[k] as string);
      });
      out.push({ ...row, cells });
    }
    block = [];
  };
  lines.forEach((l, i) => {
    if (isRow(i, block)) block.push(l);
    else {
      flush();
      out.push(l);
    }
  });
  flush();
  return out;
}

/**
 * Pages of runs → the text's lines, paragraphs joined, cells separated by tabs, a blank line before each table.
 * `cellGap`: how many ems apart two runs of a line are cells — 0.8 for a typeset file, which places each character
 * where the page has it; more for recognised words, whose boxes leave the wide spacing of a 公文 title between them.
 */
export function layoutText(pages: readonly (readonly PlacedRun[])[], opts: { cellGap?: number } = {}): string {
  return layoutPages(pages, opts).text;
}

/**
 * The same, with the line each page starts on (1-based, in the text returned; a page whose first line continues the
 * paragraph before starts on that paragraph's line): a finding's line can then be found on its page.
 */
export function layoutPages(
  pages: readonly (readonly PlacedRun[])[],
  opts: { cellGap?: number } = {},
): { text: string; firstLines: number[] } {
  const cellGap = opts.cellGap ?? 0.8;
  const all = pages
    .map((runs) => pageLines(runs, cellGap))
    .map((lines) => alignTables(lines.filter((l) => !(l.cells.length === 1 && PAGE_NUMBER.test(l.cells[0] as string)))));
  const prose = all.flat().filter((l) => l.cells.length === 1);
  const size = mode(
    prose.map((l) => l.size),
    1,
  );
  const em = size ?? 1;
  const left = leftMargin(
    prose.map((l) => l.x0),
    em,
  );
  // the right margin is where several lines end: one long line alone (a title over a short text) is no margin, nor
  // is the end of a few short lines (a heading over a date): a paragraph that wraps is some ten characters wide at least
  const widest = prose.length ? Math.max(...prose.map((l) => l.x1)) : null;
  const right =
    widest !== null && prose.filter((l) => l.x1 >= widest - 1.5 * em).length >= 2 && (left === null || widest - left >= 10 * em)
      ? widest
      : null;
  // the text marks its paragraphs with a first-line indent: then the indent alone says where one begins
  const indented = left !== null && prose.filter((l) => Math.abs(l.x0 - (left + 2 * em)) <= 0.5 * em).length >= 3;
  const out: string[] = [];
  let previous: Line | null = null;
  let previousPage = -1;
  const firstLines: number[] = [];
  all.forEach((lines, page) => {
    firstLines[page] = Math.max(1, out.length + 1);
    lines.forEach((line, k) => {
      const text = line.cells.join('\t');
      const continues =
        previous !== null &&
        left !== null &&
        right !== null &&
        previous.cells.length === 1 &&
        line.cells.length === 1 &&
        // where paragraphs are not indented, a numbered item, a measure or a status opens one all the same
        (indented || !startsItem(foldLine(text))) &&
        previous.x1 >= right - 1.5 * em &&
        Math.abs(line.x0 - left) <= 0.5 * em &&
        Math.abs(previous.x0 - left) <= 2.5 * em &&
        // the next baseline on the same page, or the first line of the next page
        (page !== previousPage || line.y - previous.y <= 2.5 * Math.max(line.size, previous.size));
      // joined as they are: a Chinese text has no space at a line end, and a figure cut there is one figure
      if (continues) out[out.length - 1] += text;
      else {
        if (line.cells.length > 1 && (previous === null || previous.cells.length === 1)) out.push('');
        out.push(text);
      }
      previous = line;
      previousPage = page;
      // where this page's text begins: its first line, wherever it went
      if (k === 0) firstLines[page] = out.length;
    });
  });
  return { text: out.join('\n'), firstLines };
}
