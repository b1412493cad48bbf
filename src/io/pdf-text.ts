// .pdf → text lines from its text layer. Lines are rebuilt from the text items' end-of-line marks and positions;
// pages are separated by a blank line (as a page break reads in copied text). Kangxi-radical look-alikes that some
// PDF producers emit (⼀ ⼗ ⽉ for 一 十 月) are normalized to the ideographs a reader sees.

import { pdf } from './lazy-modules.ts';

export class PdfEncryptedError extends Error {}
export class PdfFormatError extends Error {}

function normalizeLookAlikes(s: string): string {
  return s.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/g, (ch) => {
    const n = ch.normalize('NFKC');
    return n.length === 1 ? n : ch;
  });
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
}

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  let doc;
  try {
    doc = await (await pdf()).getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as never);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === 'PasswordException' || /password/i.test(err.message ?? '')) throw new PdfEncryptedError(err.message ?? 'password');
    throw new PdfFormatError(err.message ?? String(e));
  }
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let line = '';
      let lastY: number | null = null;
      const lines: string[] = [];
      for (const raw of content.items as TextItemLike[]) {
        const str = raw.str ?? '';
        const y = raw.transform?.[5] ?? null;
        if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && line !== '') {
          lines.push(line);
          line = '';
        }
        line += str;
        if (y !== null) lastY = y;
        if (raw.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line !== '') lines.push(line);
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    return { text: normalizeLookAlikes(pages.join('\n\n')), pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
