// The text of one input file as lines, and the two views the reader works on:
// - `folded`: each line with full-width ASCII, ideographic spaces and Kangxi-radical look-alikes mapped to their
//   plain forms, and traditional characters (繁體) to simplified, one character for one character, so patterns need
//   only one spelling and offsets stay valid in the original line (titles and quotes are always cut from the
//   original, as written);
// - paragraphs: lines joined where a page break or a blank line cut a sentence in two, with a map back to lines.

export interface SourceText {
  readonly lines: readonly string[];
  readonly folded: readonly string[];
}

import { Converter } from 'opencc-js/t2cn';

/** Characters that only traditional text uses, common enough that any traditional document has some. */
const TRADITIONAL = /[個們這為會國對於與關從時發經過進還開問題來實點應後總動黨區縣鄉鎮審計報導單務條級現規劃設責據達貫徹構組織讓體]/;
let toSimplified: ((s: string) => string) | null = null; // built on first need: most documents are simplified

/** Simplified characters for traditional ones, keeping length: where a phrase would change it, character by character. */
function simplify(line: string): string {
  const convert = (toSimplified ??= Converter({ from: 'tw', to: 'cn' }));
  const whole = convert(line);
  if (whole.length === line.length) return whole;
  let out = '';
  for (const ch of line) {
    const c = convert(ch);
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

/** Pinyin that some mirrors put after characters ("現(xiàn)場"): blanked, so the words around it meet again. */
const PINYIN = /\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g;

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Folds one character to the form patterns are written for; always returns exactly one UTF-16 unit for a BMP input. */
function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0); // ＡＢ１２（）：，
  if (c === 0x3000 || c === 0xa0) return ' ';
  if ((c >= 0x2e80 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff)) {
    // Kangxi radicals and CJK compatibility ideographs that PDF text layers use for 一 十 月 …
    const n = ch.normalize('NFKC');
    return n.length === 1 ? n : ch;
  }
  if (c === 0x2014 || c === 0x2015 || c === 0x2013 || c === 0xff0d) return '—';
  return ch;
}

/** Every character `foldChar` changes: the rest of a line is kept as it is, in one pass and without a copy per character. */
const FOLDED = /[\uff01-\uff5e\u3000\u00a0\u2e80-\u2fdf\uf900-\ufaff\u2013-\u2015]/g;

export function foldLine(line: string): string {
  return line.replace(FOLDED, foldChar);
}

export function sourceText(text: string): SourceText {
  const lines = splitLines(text);
  if (!TRADITIONAL.test(text)) return { lines, folded: lines.map(foldLine) };
  const unPinyin = (l: string) => (/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(l) ? l.replace(PINYIN, (m) => ' '.repeat(m.length)) : l);
  return { lines, folded: lines.map((l) => simplify(unPinyin(foldLine(l)))) };
}

/** A run of text made of one or more lines; `at(offset)` tells which line (1-based) a character came from. */
export interface Paragraph {
  readonly text: string; // original characters
  readonly folded: string;
  readonly firstLine: number;
  readonly lastLine: number;
  /** start offsets of each joined line inside `text`, with their line numbers */
  readonly pieces: readonly { offset: number; line: number }[];
}

export function lineAt(p: Paragraph, offset: number): number {
  let lo = 0;
  let hi = p.pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((p.pieces[mid] as { offset: number }).offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (p.pieces[lo] as { line: number }).line;
}

const SENTENCE_END = /[。！？；;!?：:”"』」）)]\s*$/;

/**
 * Joins lines into paragraphs between `from` and `to` (1-based, inclusive). A line continues into the next non-blank
 * line when it does not end a sentence, is long enough to be body text, and the next line does not start a new item
 * (`startsItem`). Example (seed 000): "…聚焦审" + blank + "计查出问题狠抓整改落实。" → one paragraph.
 */
export function paragraphs(
  src: SourceText,
  from: number,
  to: number,
  startsItem: (folded: string) => boolean,
  standalone: ReadonlySet<number> = new Set(),
): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: { text: string; folded: string; item: boolean; pieces: { offset: number; line: number }[] } | null = null;
  const flush = () => {
    if (cur) {
      const first = cur.pieces[0] as { line: number };
      const last = cur.pieces[cur.pieces.length - 1] as { line: number };
      out.push({ text: cur.text, folded: cur.folded, firstLine: first.line, lastLine: last.line, pieces: cur.pieces });
    }
    cur = null;
  };
  for (let n = from; n <= to; n++) {
    const raw = src.lines[n - 1];
    const fold = src.folded[n - 1];
    if (raw === undefined || fold === undefined) break;
    const trimmedFold = fold.trim();
    if (trimmedFold === '') continue; // blank lines never end a paragraph by themselves: the previous line decides
    const lead = fold.length - fold.trimStart().length;
    const text = raw.slice(lead).trimEnd();
    const folded = fold.slice(lead).trimEnd();
    if (cur && !startsItem(folded) && !standalone.has(n) && !standalone.has(cur.pieces[cur.pieces.length - 1]?.line ?? 0)) {
      const c: { text: string; folded: string; item: boolean; pieces: { offset: number; line: number }[] } = cur;
      c.pieces.push({ offset: c.text.length, line: n });
      c.text += text;
      c.folded += folded;
    } else {
      flush();
      cur = { text, folded, item: startsItem(folded), pieces: [{ offset: 0, line: n }] };
    }
    const c2 = cur as { folded: string; item: boolean };
    if (standalone.has(n) || !continues(c2.folded, c2.item)) flush();
  }
  flush();
  return out;
}

/**
 * A paragraph continues when its last line stops mid-sentence and it is long enough to be running text; a heading
 * without a full stop ("（1）健全议事决策机制,确保集中决策科学有效运行") is a line of its own.
 */
function continues(folded: string, item: boolean): boolean {
  if (SENTENCE_END.test(folded)) return false;
  if (item && !folded.includes('。') && folded.length < 60) return false;
  return folded.length >= 28;
}

/** The stretch of `text` around offset `at` between two of the `marks`: "截至11月，市财政局已将…缴入国库，" at 已 → "市财政局已将…缴入国库". */
export function clauseAround(text: string, at: number, marks: readonly string[]): string {
  const start = Math.max(...marks.map((c) => text.lastIndexOf(c, at))) + 1;
  const ends = marks.map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
}
