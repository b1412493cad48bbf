// What OCR makes of a printed Chinese report, put back as the printed page had it — one line at a time, so that a
// line keeps its place on the page it was read from. Each rule is about a confusion seen on these documents:
//
// - spaces between Chinese characters (recognisers that segment glyph by glyph emit one after each);
// - full-width digits and letters, where the page has half-width figures (２０２３ → 2023);
// - letters inside a figure: O or o for 0, l, I or | for 1 (2O23 → 2023, 1l2 → 112);
// - half-width punctuation between Chinese characters where the page has full-width (整改,完成. → 整改，完成。),
//   leaving decimal points and thousands separators inside figures alone;
// - a full stop read as a small o or a degree sign after a Chinese character at a sentence's end;
// - an item's number "1." at a line's start read as 工。 or l. (no Chinese line starts with 工。), or its dot read as a
//   comma ("7，档案管理…": no line of a report starts with a bare small number and a comma);
// - the colon after a report's labels (整改情况：, 整改措施：) read as a semicolon.

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCT = '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\u2018-\\u201f\\u2026\\u2014';
const WIDE = `${HAN}${CJK_PUNCT}`;

const FULL_TO_HALF = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/g;
const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

/** One OCR'd line → the line as printed. Pure, and idempotent: normalising twice changes nothing more. */
export function normaliseOcrLine(line: string): string {
  let s = line.replace(/\s+/g, ' ').trim();
  // full-width digits, letters, % and the decimal point, as figures are printed
  s = s.replace(FULL_TO_HALF, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // letters that look like digits, inside a figure (a digit on at least one side, no letter on the other)
  s = s.replace(/(?<=[0-9])[Oo](?=[0-9]|[^A-Za-z]|$)|(?<=^|[^A-Za-z])[Oo](?=[0-9])/g, '0');
  s = s.replace(/(?<=[0-9])[lI|](?=[0-9]|[^A-Za-z]|$)|(?<=^|[^A-Za-z])[lI|](?=[0-9])/g, '1');
  // no space between two wide characters, nor between a wide character and a figure beside it
  for (let i = 0; i < 2; i++)
    s = s
      .replace(new RegExp(`([${WIDE}]) (?=[${WIDE}])`, 'gu'), '$1')
      .replace(new RegExp(`([${WIDE}]) (?=[0-9])`, 'gu'), '$1')
      .replace(new RegExp(`([0-9%]) (?=[${WIDE}])`, 'gu'), '$1');
  // spaces inside a figure: "12 .5", "3 0%"
  s = s.replace(/(?<=[0-9]) (?=[0-9.,%])|(?<=[0-9][.,]) (?=[0-9])/g, '');
  // half-width punctuation with Chinese on either side
  s = s.replace(new RegExp(`(?<=[${WIDE}])\\s?([,:;?!()])|([,:;?!()])\\s?(?=[${WIDE}])`, 'gu'), (m, a?: string, b?: string) => {
    const p = (a ?? b) as string;
    return HALF_TO_FULL[p] ?? m;
  });
  // a full stop: "." after a Chinese character, unless a figure follows it (一是.5 is not a sentence)
  s = s.replace(new RegExp(`(?<=[${HAN}])\\s?\\.(?![0-9])`, 'gu'), '。');
  // a full stop read as o or ° at the end of a sentence: after a Chinese character, before another or the line's end
  s = s.replace(new RegExp(`(?<=[${HAN}])[o°](?=[${HAN}]|$)`, 'gu'), '。');
  s = s.replace(new RegExp(`^[工lI|][。.．](?=[${HAN}])`, 'u'), '1.');
  s = s.replace(new RegExp(`^(\\d{1,3})[，,](?=[${HAN}])`, 'u'), '$1.');
  s = s.replace(/(整改(?:落实)?(?:情况|进展|结果|措施)|存在问题|完成时限|责任单位)[；;]/g, '$1：');
  return s;
}

/** Every line of an OCR'd page, normalised; the lines stay where they were. */
export function normaliseOcrText(text: string): string {
  return text.split('\n').map(normaliseOcrLine).join('\n');
}
