// An OfficialDocument laid out as a 党政机关公文 (GB/T 9704-2012) in .docx: A4, 天头 37 mm, 订口 28 mm, a type area
// of 156 × 225 mm holding 22 lines of 28 characters; title in 小标宋 二号; body in 仿宋 三号; level-1 headings 黑体,
// level-2 楷体; page numbers "— 1 —" in 宋体 四号, odd pages right, even pages left. Fonts are named as the standard
// names them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312), and the font table gives each the system font to fall back on.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Block, OfficialDocument } from '../core/official/model.ts';
import { chineseDate } from '../core/official/wording.ts';

const MM = 56.6929; // twips per millimetre
const CHAR = 320; // one 三号 character (16 pt) in twips
const LINE = Math.round((225 * MM) / 22); // 22 lines in the 225 mm type area: 28.95 pt

/** The standard's fonts and what each falls back to where it is not installed. */
const FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体', latin: 'Times New Roman' },
  body: { name: '仿宋_GB2312', fallback: '仿宋', latin: 'Times New Roman' },
  heading1: { name: '黑体', fallback: 'SimHei', latin: 'Times New Roman' },
  heading2: { name: '楷体_GB2312', fallback: '楷体', latin: 'Times New Roman' },
  pageNumber: { name: '宋体', fallback: 'SimSun', latin: '宋体' },
} as const;
type FontKey = keyof typeof FONTS;

function run(text: string, font: FontKey, size: number, extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}): TextRun {
  const f = FONTS[font];
  return new TextRun({ text, size, font: { ascii: f.latin, hAnsi: f.latin, eastAsia: f.name, cs: f.latin }, ...extra });
}

const bodyParagraph = (
  children: TextRun[],
  opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; keepNext?: boolean } = {},
) =>
  new Paragraph({
    children,
    keepNext: opts.keepNext === true,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 2 * CHAR },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });

const HEADING_FONT: Record<number, FontKey> = { 1: 'heading1', 2: 'heading2', 3: 'body', 4: 'body' };

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, width: number, header: boolean, size: number): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.AT_LEAST },
          children: [run(l, header ? 'heading1' : 'body', size)],
        }),
    ),
  });
}

function table(
  columns: readonly { title: string; width: number }[],
  rows: readonly (readonly string[])[],
  typeWidth: number,
  size: number,
  header = true,
): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * typeWidth));
  const head = header
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columns.map((c, i) => cell(c.title, widths[i] as number, true, size)),
        }),
      ]
    : [];
  // borders and cell margins once for the table, not on each of thousands of cells (a 500-row plan took 1.4 s)
  return new Table({
    width: { size: typeWidth, type: WidthType.DXA },
    borders: { ...borders, insideHorizontal: border, insideVertical: border },
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    columnWidths: widths,
    rows: [
      ...head,
      ...rows.map((r) => new TableRow({ cantSplit: true, children: widths.map((w, i) => cell(r[i] ?? '', w, false, size)) })),
    ],
  });
}

function blocksToDocx(blocks: readonly Block[], typeWidth: number, tableSize: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    switch (b.kind) {
      case 'heading':
        // a heading never ends a page alone
        out.push(bodyParagraph([run(b.text, HEADING_FONT[b.level] as FontKey, 32, { bold: b.level === 3 })], { keepNext: true }));
        break;
      case 'paragraph':
        out.push(bodyParagraph([run(b.text, 'body', 32)]));
        break;
      case 'table':
        out.push(table(b.columns, b.rows, typeWidth, tableSize));
        break;
      case 'field': {
        // consecutive fields make one two-column form
        const fields: { label: string; value: string }[] = [];
        while (i < blocks.length && (blocks[i] as Block).kind === 'field') fields.push(blocks[i++] as { label: string; value: string });
        i--;
        out.push(
          table(
            [
              { title: '', width: 1 },
              { title: '', width: 3 },
            ],
            fields.map((f) => [f.label, f.value]),
            typeWidth,
            28,
            false,
          ),
        );
        break;
      }
    }
  }
  return out;
}

/** How wide a line of text is in characters: CJK full, digits and Latin half. */
const widthInChars = (s: string) => [...s].reduce((n, c) => n + (/[\x00-\xff]/.test(c) ? 0.5 : 1), 0);

function signature(sig: NonNullable<OfficialDocument['signature']>): Paragraph[] {
  const date = chineseDate(sig.date);
  // 成文日期右空四字; the issuer is centred over the date
  const dateRight = 4 * CHAR;
  const issuerRight = Math.max(0, dateRight + ((widthInChars(date) - widthInChars(sig.issuer)) / 2) * CHAR);
  const line = (text: string, right: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(right) },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(text, 'body', 32)],
    });
  return [bodyParagraph([]), bodyParagraph([]), line(sig.issuer, issuerRight), line(date, dateRight)];
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [
          run('— ', 'pageNumber', 28),
          new TextRun({ children: [PageNumber.CURRENT], size: 28, font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' } }),
          run(' —', 'pageNumber', 28),
        ],
      }),
    ],
  });
}

/** An internal document's mark at the head of each page: small, grey, right-aligned, out of the text's way. */
function markHeader(mark: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: mark, size: 18, color: '8C8C8C', font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' } })],
      }),
    ],
  });
}

/** Each font the document names, with the font Word and LibreOffice should use where it is missing. */
function fontTable(): string {
  const fonts = Object.values(FONTS)
    .flatMap((f) => [
      { name: f.name, alt: f.fallback },
      { name: f.latin, alt: null },
    ])
    .filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i);
  const entry = (f: { name: string; alt: string | null }) =>
    `<w:font w:name="${f.name}">${f.alt ? `<w:altName w:val="${f.alt}"/>` : ''}<w:charset w:val="${/[^\x00-\x7f]|SimSun|SimHei/.test(f.name) ? '86' : '00'}"/><w:family w:val="${f.name === 'Times New Roman' ? 'roman' : 'modern'}"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.map(entry).join('')}</w:fonts>`;
}

export async function writeOfficialDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const landscape = doc.landscape === true;
  const margin = landscape
    ? { top: Math.round(28 * MM), bottom: Math.round(26 * MM), left: Math.round(37 * MM), right: Math.round(35 * MM) }
    : { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
  const typeWidth = Math.round((landscape ? 225 : 156) * MM);
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(LINE * 1.2), lineRule: LineRuleType.EXACT },
    children: [run(doc.title, 'title', 44)],
  });
  const head: Paragraph[] = [title, bodyParagraph([])];
  if (doc.recipient) head.push(bodyParagraph([run(`${doc.recipient}：`, 'body', 32)], { indent: false }));
  const document = new Document({
    creator: '整改通',
    title: doc.title,
    evenAndOddHeaderAndFooters: !doc.form,
    styles: {
      default: { document: { run: { size: 32, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.body.name } } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: Math.round(210 * MM),
              height: Math.round(297 * MM),
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { ...margin, footer: Math.round(20 * MM), header: Math.round(15 * MM) },
          },
        },
        footers: doc.form ? {} : { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        headers: doc.watermark ? { default: markHeader(doc.watermark), ...(doc.form ? {} : { even: markHeader(doc.watermark) }) } : {},
        children: [
          ...head,
          ...blocksToDocx(doc.blocks, typeWidth, landscape ? 21 : 24),
          ...(doc.signature ? signature(doc.signature) : []),
        ],
      },
    ],
  });
  // the font table with fallbacks replaces the one docx writes, as the package is made
  return new Uint8Array(await Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]));
}
