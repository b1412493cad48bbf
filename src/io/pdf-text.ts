// .pdf → text lines from its text layer, laid out from the text items' positions. Kangxi-radical look-alikes that some
// PDF producers emit (⼀ ⼗ ⽉ for 一 十 月) are normalized to the ideographs a reader sees.

import { pdf } from './lazy-modules.ts';
import { layoutText, type PlacedRun } from '../core/document/page-layout.ts';

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
  width?: number;
  height?: number;
  transform?: number[];
}

/** A text item of pdf.js → a run placed on the page, y growing downwards as the layout takes it. */
function placed(item: TextItemLike): PlacedRun | null {
  const t = item.transform;
  const text = item.str ?? '';
  if (!t || text.trim() === '') return null;
  const [, , c = 0, d = 0, e = 0, f = 0] = t;
  const size = Math.hypot(c, d) || item.height || 1;
  return { x: e, y: -f, width: item.width ?? size * text.length, size, text };
}

/**
 * The text layer, laid out as the page shows it (core/document/page-layout.ts, the rule OFD and OCR follow): the
 * visual lines a paragraph wraps into joined again — a wrapped line that starts "1.110KV" or "三、" is no item — and
 * a table's cells separated by tabs.
 */
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
    const pages: PlacedRun[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push((content.items as TextItemLike[]).map(placed).filter((r): r is PlacedRun => r !== null));
      page.cleanup();
    }
    return { text: normalizeLookAlikes(layoutText(pages)), pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
