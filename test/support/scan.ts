// Scanned PDFs made here, as a scanner makes them: each page one JPEG and nothing else — no text layer. The
// pages come from a real rendering of a document (LibreOffice → PDF → pdftoppm), so OCR reads real glyphs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** JPEG pages of `width` × `height` pixels at `dpi` → a PDF that shows them, A4 when the pixels say so. */
export function scanPdf(pages: readonly Uint8Array[], width: number, height: number, dpi: number, components = 1): Uint8Array {
  const pt = (px: number) => ((px * 72) / dpi).toFixed(2);
  const objects: (string | Uint8Array)[][] = [];
  const kids = pages.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  objects.push(['<< /Type /Catalog /Pages 2 0 R >>']);
  objects.push([`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`]);
  pages.forEach((jpeg, i) => {
    const [page, image, content] = [3 + i * 3, 4 + i * 3, 5 + i * 3];
    const draw = `q ${pt(width)} 0 0 ${pt(height)} 0 0 cm /Im0 Do Q`;
    objects[page - 1] = [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pt(width)} ${pt(height)}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`,
    ];
    objects[image - 1] = [
      `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /${components === 3 ? 'DeviceRGB' : 'DeviceGray'} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      jpeg,
      '\nendstream',
    ];
    objects[content - 1] = [`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`];
  });
  const chunks: Uint8Array[] = [];
  let at = 0;
  const push = (x: string | Uint8Array) => {
    const b = typeof x === 'string' ? new Uint8Array(Buffer.from(x, 'latin1')) : x;
    chunks.push(b);
    at += b.length;
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(at);
    push(`${i + 1} 0 obj\n`);
    for (const p of parts) push(p);
    push('\nendobj\n');
  });
  const xref = at;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A text typeset by LibreOffice and scanned at `dpi`: its pages as JPEGs in a PDF without text, and the JPEGs. Needs
 * LibreOffice and poppler-utils, as the OCR tests do. `official` sets it as a 公文 body is set, in 16-point serif
 * (三号); otherwise it is LibreOffice's plain text, in small print.
 */
export function scanOfText(
  text: string,
  soffice: string,
  dpi = 300,
  { official = false } = {},
): { pdf: Uint8Array; pages: number; jpegs: Uint8Array[] } {
  const dir = mkdtempSync(join(tmpdir(), 'zg-scan-'));
  const xmlText = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const input = join(dir, official ? 'page.fodt' : 'page.txt');
  // a flat OpenDocument file: its one style sets the print
  const fodt = () =>
    '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" ' +
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:styles><style:default-style style:family="paragraph">' +
    '<style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" style:font-family-asian="\'Noto Serif CJK SC\'"/>' +
    `</style:default-style></office:styles><office:body><office:text>${text
      .split('\n')
      .map((l) => `<text:p>${xmlText(l)}</text:p>`)
      .join('')}</office:text></office:body></office:document>`;
  writeFileSync(input, official ? fodt() : text);
  execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-jpeg', '-jpegopt', 'quality=85', join(dir, 'page.pdf'), join(dir, 'scan')]);
  const files = readdirSync(dir)
    .filter((f) => /^scan-\d+\.jpg$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  const jpegs = files.map((f) => new Uint8Array(readFileSync(join(dir, f))));
  // A4 at this resolution, as pdftoppm rendered it
  const size = (jpeg: Uint8Array) => {
    for (let i = 2; i < jpeg.length - 9; ) {
      const marker = jpeg[i + 1] as number;
      const length = ((jpeg[i + 2] as number) << 8) | (jpeg[i + 3] as number);
      if (marker >= 0xc0 && marker <= 0xc3)
        return {
          height: ((jpeg[i + 5] as number) << 8) | (jpeg[i + 6] as number),
          width: ((jpeg[i + 7] as number) << 8) | (jpeg[i + 8] as number),
          components: jpeg[i + 9] as number,
        };
      i += 2 + length;
    }
    throw new Error('no JPEG frame header');
  };
  // pdftoppm writes its JPEGs in colour even when asked for grey
  const { width, height, components } = size(jpegs[0] as Uint8Array);
  return { pdf: scanPdf(jpegs, width, height, dpi, components), pages: jpegs.length, jpegs };
}

/** A bureau's progress report with `problems` problems: long enough to fill several scanned pages. */
export function archiveReport(problems: number): string {
  return [
    '中共示例区档案局党组关于巡察整改进展情况的通报',
    '根据区委统一部署，2024年4月1日至5月31日，区委第二巡察组对区档案局党组开展了常规巡察。6月20日反馈了巡察意见。',
    '一、整改落实情况',
    ...Array.from({ length: problems }, (_, i) => [
      `${i + 1}.档案管理第${i + 1}项问题整改不到位`,
      `整改情况：${i % 3 === 0 ? '正在整改' : '已完成整改'}。${'对照档案管理制度逐项检查，建立问题清单和整改台账，明确责任人和完成时限，定期调度整改进展。'.repeat(2)}`,
    ]).flat(),
  ].join('\n');
}
