// The same report comes as GBK text, UTF-8 text, a .docx and a PDF: the bytes differ, the words do not. Copies are
// compared over the words alone — look-alike characters folded to one spelling, whitespace and line breaks dropped —
// so each copy is recognised as the source it already is (services hash what this returns).
import { foldLine, splitLines } from './text.ts';

/** The words of a text, in order, with nothing a format or an encoding changes: equal for copies of one report. */
export function comparableWords(text: string): string {
  return splitLines(text)
    .map((l) => foldLine(l).replace(/\s+/g, ''))
    .join('');
}
