// OFD files made here, laid out as an office's typesetting would lay out a report on A4 (GB/T 9704 公文 format): each
// paragraph wrapped into lines of about 28 characters with a two-character first-line indent, 22 lines a page, a page
// number at the foot; table rows as cells in columns. Each visual line is one text object with its glyph advances, as
// OFD producers write them — so that reading it back tests the joining of wrapped lines, not a copy of the text.
import { strToU8, zipSync } from 'fflate';

const PAGE = { width: 210, height: 297, left: 28, top: 37, text: 156, lines: 22, pitch: 10.5 };
const SIZE = 5.6; // 三号, 16 pt

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const wide = (ch: string) => /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch);
const advance = (ch: string, size: number) => (wide(ch) ? size : size / 2);

interface Placed {
  x: number;
  y: number;
  size: number;
  text: string;
}

/** Paragraph → visual lines no wider than the text block, the first indented by two characters. */
function wrap(paragraph: string, size: number, width: number): { indent: number; text: string }[] {
  const out: { indent: number; text: string }[] = [];
  let line = '';
  let used = 2 * size;
  for (const ch of paragraph) {
    if (used + advance(ch, size) > width + 0.01) {
      out.push({ indent: out.length === 0 ? 2 * size : 0, text: line });
      line = '';
      used = 0;
    }
    line += ch;
    used += advance(ch, size);
  }
  if (line !== '' || out.length === 0) out.push({ indent: out.length === 0 ? 2 * size : 0, text: line });
  return out;
}

function textObject(id: number, p: Placed): string {
  const chars = [...p.text];
  const dx = chars
    .slice(0, -1)
    .map((c) => advance(c, p.size).toFixed(2))
    .join(' ');
  const width = chars.reduce((a, c) => a + advance(c, p.size), 0);
  return (
    `<ofd:TextObject ID="${id}" Boundary="${p.x.toFixed(2)} ${(p.y - p.size).toFixed(2)} ${width.toFixed(2)} ${(p.size * 1.4).toFixed(2)}" Font="3" Size="${p.size}">` +
    `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${p.size.toFixed(2)}"${dx ? ` DeltaX="${dx}"` : ''}>${esc(p.text)}</ofd:TextCode></ofd:TextObject>`
  );
}

/** The text's lines (one paragraph a line, tabs between table cells) → an OFD package. */
export function makeOfd(text: string, opts: { signed?: boolean } = {}): Uint8Array {
  const pages: Placed[][] = [[]];
  let row = 0;
  const place = (p: Omit<Placed, 'y'>) => {
    if (row >= PAGE.lines) {
      pages.push([]);
      row = 0;
    }
    (pages[pages.length - 1] as Placed[]).push({ ...p, y: PAGE.top + row * PAGE.pitch + SIZE });
  };
  for (const raw of text.split(/\r?\n/)) {
    // a row's empty last cell is a tab at the end of its line: kept
    const line = raw.replace(/^[ \u3000]+|[ \u3000]+$/g, '');
    if (line === '') continue;
    if (line.includes('\t')) {
      const cells = line.split('\t');
      const column = PAGE.text / cells.length;
      const longest = Math.max(...cells.map((c) => [...c].reduce((a, ch) => a + advance(ch, 1), 0)));
      // Word's cell margins, 1.9 mm a side: the text of neighbouring cells is at least 3.8 mm apart
      const size = Math.max(2, Math.min(SIZE, (column - 3.8) / Math.max(1, longest)));
      cells.forEach((c, i) => {
        if (c.trim() !== '') place({ x: PAGE.left + i * column + 1.9, size, text: c.trim() });
      });
      row++;
      continue;
    }
    for (const w of wrap(line, SIZE, PAGE.text)) {
      place({ x: PAGE.left + w.indent, size: SIZE, text: w.text });
      row++;
    }
  }
  const files: Record<string, Uint8Array> = {};
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  let id = 10;
  pages.forEach((placed, i) => {
    const number = `— ${i + 1} —`;
    const foot = { x: PAGE.width / 2 - 10, y: PAGE.height - 20, size: 4.9, text: number };
    const objects = [...placed, foot].map((p) => textObject(id++, p)).join('');
    files[`Doc_0/Pages/Page_${i}/Content.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${ns}><ofd:Content><ofd:Layer ID="${id++}">${objects}</ofd:Layer></ofd:Content></ofd:Page>`,
    );
  });
  const pageList = pages.map((_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('');
  files['Doc_0/PublicRes.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${ns} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>`,
  );
  files['Doc_0/Document.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${ns}><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID>` +
      `<ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE.width} ${PAGE.height}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>` +
      `<ofd:Pages>${pageList}</ofd:Pages>${opts.signed ? '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>' : ''}</ofd:Document>`,
  );
  let signatures = '';
  if (opts.signed) {
    // an electronic seal: the signature's record, its signed value, and the stamp drawn on the last page
    signatures = '<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>';
    files['Doc_0/Signs/Signatures.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures ${ns}><ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`,
    );
    files['Doc_0/Signs/Sign_0/Signature.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Signature ${ns}><ofd:SignedInfo><ofd:Provider ProviderName="测试签章"/><ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>` +
        `<ofd:References CheckMethod="1.2.156.10197.1.401"><ofd:Reference FileRef="/Doc_0/Document.xml"><ofd:CheckValue>AAAA</ofd:CheckValue></ofd:Reference></ofd:References>` +
        `<ofd:StampAnnot ID="1" PageRef="${pages.length}" Boundary="120 230 40 40"/></ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>`,
    );
    files['Doc_0/Signs/Sign_0/SignedValue.dat'] = new Uint8Array(256).map((_, i) => (i * 37) % 256);
    files['Doc_0/Annots/Annotations.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations ${ns}><ofd:Page PageID="${pages.length}"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>`,
    );
    files['Doc_0/Annots/Page_0/Annotation.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot ${ns}><ofd:Annot ID="1" Type="Stamp"><ofd:Appearance Boundary="120 230 40 40">` +
        `<ofd:TextObject ID="2" Boundary="0 0 40 10" Font="3" Size="4"><ofd:TextCode X="0" Y="4">示例电子签章</ofd:TextCode></ofd:TextObject></ofd:Appearance></ofd:Annot></ofd:PageAnnot>`,
    );
  }
  files['OFD.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${ns} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0123456789abcdef</ofd:DocID>` +
      `<ofd:Creator>zg-test</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>${signatures}</ofd:DocBody></ofd:OFD>`,
  );
  return zipSync(files);
}
