// .docx → text lines: body paragraphs in order, Word's automatic numbering written out as the reader of the
// document sees it ("一、", "（一）", "1.", "①"), tables as one line per row with cells separated by tabs and merged
// cells left empty — the same shape as text copied out of Word, so one reader serves both.

import { unzipSync, strFromU8 } from 'fflate';
import { toChineseNumeral } from '../core/document/numerals.ts';
import { checkUnpackedSize, ZipTooLargeError } from './zip-limits.ts';
import { append } from '../core/append.ts';
import { attr, decode, tokens } from './xml-tokens.ts';

interface Level {
  start: number;
  format: string;
  text: string;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimal':
    case 'decimalZero':
      return String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return toChineseNumeral(n);
    case 'ideographDigital':
      return String(n).replace(/\d/g, (d) => '〇一二三四五六七八九'[Number(d)] as string);
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** numbering.xml → numId → levels. */
function readNumbering(xml: string | null): Map<string, Level[]> {
  const out = new Map<string, Level[]>();
  if (!xml) return out;
  const abstract = new Map<string, Level[]>();
  let current: Level[] | null = null;
  let level: Level | null = null;
  let num: string | null = null;
  const numAbstract = new Map<string, string>();
  for (const t of tokens(xml)) {
    if ('text' in t) continue;
    if (t.name === 'w:abstractNum' && !t.close) {
      current = [];
      abstract.set(attr(t.attrs, 'w:abstractNumId') ?? '', current);
    } else if (t.name === 'w:lvl' && !t.close && current) {
      const ilvl = Number(attr(t.attrs, 'w:ilvl') ?? '0');
      level = { start: 1, format: 'decimal', text: `%${ilvl + 1}.` };
      current[ilvl] = level;
    } else if (t.name === 'w:start' && level) level.start = Number(attr(t.attrs, 'w:val') ?? '1');
    else if (t.name === 'w:numFmt' && level) level.format = attr(t.attrs, 'w:val') ?? 'decimal';
    else if (t.name === 'w:lvlText' && level) level.text = decode(attr(t.attrs, 'w:val') ?? '');
    else if (t.name === 'w:lvl' && t.close) level = null;
    else if (t.name === 'w:num' && !t.close) num = attr(t.attrs, 'w:numId');
    else if (t.name === 'w:abstractNumId' && num !== null) numAbstract.set(num, attr(t.attrs, 'w:val') ?? '');
    else if (t.name === 'w:num' && t.close) num = null;
  }
  for (const [n, a] of numAbstract) out.set(n, abstract.get(a) ?? []);
  return out;
}

/** styles.xml: paragraph styles that carry numbering ("标题 1" numbered 一、). */
function readStyleNumbering(xml: string | null): Map<string, { numId: string; ilvl: number }> {
  const out = new Map<string, { numId: string; ilvl: number }>();
  if (!xml) return out;
  let style: string | null = null;
  let numId: string | null = null;
  let ilvl = 0;
  for (const t of tokens(xml)) {
    if ('text' in t) continue;
    if (t.name === 'w:style' && !t.close) {
      style = attr(t.attrs, 'w:styleId');
      numId = null;
      ilvl = 0;
    } else if (t.name === 'w:numId' && style) numId = attr(t.attrs, 'w:val');
    else if (t.name === 'w:ilvl' && style) ilvl = Number(attr(t.attrs, 'w:val') ?? '0');
    else if (t.name === 'w:style' && t.close) {
      if (style && numId && numId !== '0') out.set(style, { numId, ilvl });
      style = null;
    }
  }
  return out;
}

export class DocxFormatError extends Error {}
/** A part that would unpack beyond the limit: a zip bomb, or no report anyone wrote. */
export class DocxTooLargeError extends Error {}

/** The most the document's parts may unpack to; a 500-page report's document.xml is a few MB. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const PARTS = /^word\/(document|numbering|styles)\.xml$/;

export function docxText(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    // sizes are checked before anything is inflated
    checkUnpackedSize(bytes, MAX_UNPACKED_BYTES, (name) => PARTS.test(name));
    files = unzipSync(bytes, { filter: (f) => PARTS.test(f.name) });
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw new DocxTooLargeError(e.message);
    throw new DocxFormatError(`zip: ${(e as Error).message}`);
  }
  const doc = files['word/document.xml'];
  if (!doc) throw new DocxFormatError('no word/document.xml');
  const numbering = readNumbering(files['word/numbering.xml'] ? strFromU8(files['word/numbering.xml']) : null);
  const styleNumbering = readStyleNumbering(files['word/styles.xml'] ? strFromU8(files['word/styles.xml']) : null);
  const counters = new Map<string, number[]>();

  const lines: string[] = [];
  let para = '';
  let inText = false;
  let skipText = 0; // inside w:delText / w:instrText
  let numId: string | null = null;
  let ilvl = 0;
  let pStyle: string | null = null;
  let tableDepth = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let gridSpan = 1;

  const label = (): string => {
    const fromStyle = pStyle ? styleNumbering.get(pStyle) : undefined;
    const id = numId ?? fromStyle?.numId ?? null;
    const lvl = numId ? ilvl : (fromStyle?.ilvl ?? 0);
    if (!id || id === '0') return '';
    const levels = numbering.get(id);
    const def = levels?.[lvl];
    if (!levels || !def) return '';
    const count = counters.get(id) ?? [];
    count[lvl] = (count[lvl] ?? def.start - 1) + 1;
    for (let k = lvl + 1; k < count.length; k++) count[k] = undefined as unknown as number;
    counters.set(id, count);
    if (def.format === 'bullet') return def.text ? `${def.text} ` : '';
    return def.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      const l = levels[k];
      return formatNumber(count[k] ?? l?.start ?? 1, l?.format ?? 'decimal');
    });
  };

  for (const t of tokens(strFromU8(doc))) {
    if ('text' in t) {
      if (inText && skipText === 0) para += decode(t.text);
      continue;
    }
    const { name, close, selfClosing, attrs } = t;
    if (name === 'w:t') inText = !close && !selfClosing;
    else if (name === 'w:delText' || name === 'w:instrText') skipText += close ? -1 : selfClosing ? 0 : 1;
    else if (name === 'w:tab' && selfClosing) para += '\t';
    else if ((name === 'w:br' || name === 'w:cr') && selfClosing) para += cell ? ' ' : '\n';
    else if (name === 'w:p' && !close && !selfClosing) {
      para = '';
      numId = null;
      ilvl = 0;
      pStyle = null;
    } else if (name === 'w:numId') numId = attr(attrs, 'w:val');
    else if (name === 'w:ilvl') ilvl = Number(attr(attrs, 'w:val') ?? '0');
    else if (name === 'w:pStyle') pStyle = attr(attrs, 'w:val');
    else if (name === 'w:p' && (close || selfClosing)) {
      const text = label() + para;
      if (cell) cell.push(text.trim());
      else append(lines, text.split('\n'));
      para = '';
    } else if (name === 'w:tbl') {
      tableDepth += close ? -1 : 1;
      if (!close) lines.push('');
    } else if (name === 'w:tr' && tableDepth === 1) {
      if (!close) row = [];
      else if (row) {
        lines.push(row.join('\t'));
        row = null;
      }
    } else if (name === 'w:tc' && tableDepth === 1) {
      if (!close) {
        cell = [];
        gridSpan = 1;
      } else if (cell && row) {
        row.push(cell.filter((c) => c !== '').join(' '));
        for (let k = 1; k < gridSpan; k++) row.push('');
        cell = null;
      }
    } else if (name === 'w:gridSpan') gridSpan = Number(attr(attrs, 'w:val') ?? '1');
  }
  return lines.join('\n');
}
