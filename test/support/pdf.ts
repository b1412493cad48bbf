// Writes small real PDF files for tests: Chinese text through a Type0 font with Identity-H encoding and a ToUnicode
// map (how Chinese office software writes its text layer), a page with no text (a scan), and an encrypted file.

const enc = new TextEncoder();

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function build(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/**
 * A one-page PDF whose text layer holds `paragraphs` (BMP characters only), each wrapped at 40 characters as a
 * page of A4 wraps them — text past the page's edge is not part of what a reader extracts.
 */
export function pdfWithText(paragraphs: readonly string[], opts: { encrypted?: boolean; indent?: boolean } = {}): Uint8Array {
  // `indent`: each paragraph's first line set in by two characters, as a 公文 sets it, and wrapped two sooner
  const lines = paragraphs.flatMap((p) => {
    const first = opts.indent ? 38 : 40;
    const rest = p.length <= first ? [] : (p.slice(first).match(/.{1,40}/gu) ?? []);
    return [{ text: p.slice(0, first), x: opts.indent ? 64 : 40 }, ...rest.map((text) => ({ text, x: 40 }))];
  });
  const chars = [...new Set(lines.map((l) => l.text).join(''))];
  // each glyph is 12 points wide (the font's default width): 40 to a line, from 40 to 520
  const ops = lines
    .map((l, i) => `1 0 0 1 ${l.x} ${800 - 18 * i} Tm <${[...l.text].map((c) => hex4(c.charCodeAt(0))).join('')}> Tj`)
    .join('\n');
  const content = `BT /F1 12 Tf\n${ops}\nET`;
  const bfchar: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const block = chars.slice(i, i + 100);
    bfchar.push(
      `${block.length} beginbfchar\n${block.map((c) => `<${hex4(c.charCodeAt(0))}> <${hex4(c.charCodeAt(0))}>`).join('\n')}\nendbfchar`,
    );
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...bfchar,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream(content),
    '<< /Type /Font /Subtype /Type0 /BaseFont /FangSong /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    // without a font descriptor a reader falls back to a simple one-byte font and the Chinese text is lost
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
    stream(cmap),
    '<< /Type /FontDescriptor /FontName /FangSong /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ];
  if (!opts.encrypted) return build(objects);
  // Standard security handler, revision 2, with a user password we do not give: the reader must refuse to open it.
  const junk = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${junk(11)}> /U <${junk(91)}> /P -3904 >>`);
  const id = junk(5).slice(0, 32);
  return build(objects, `/Encrypt ${objects.length} 0 R /ID [<${id}> <${id}>] `);
}

/** A one-page PDF with a filled rectangle and no text: what a scan looks like to a text reader. */
export function pdfWithoutText(): Uint8Array {
  return build([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('0.5 g 50 50 495 742 re f'),
  ]);
}

export const asBytes = (s: string) => enc.encode(s);
