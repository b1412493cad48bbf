// Chinese numerals as they appear in headings, ordinals and counts: 一 … 九十九, 一百零八, 两千, 二〇二三.
// Written here because the packages on the registry got 两千, 二〇二三 and 一亿二千万 wrong.

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';

/**
 * Parses a Chinese numeral; returns null when the string is not one.
 * Examples: 十 → 10, 十五 → 15, 三十二 → 32, 一百零八 → 108, 两千 → 2000, 二〇二三 → 2023, 一亿二千万 → 120000000.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  for (const ch of s) if (!(ch in DIGIT) && !(ch in SMALL_UNIT) && !(ch in BIG_UNIT)) return null;
  // Positional form (二〇二三): digits only, more than one of them.
  if ([...s].every((ch) => ch in DIGIT) && s.length > 1) {
    let v = 0;
    for (const ch of s) v = v * 10 + (DIGIT[ch] as number);
    return v;
  }
  let total = 0; // completed 亿/万 sections
  let section = 0; // current section below 万
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch] as number;
    } else if (ch in SMALL_UNIT) {
      section += (digit ?? 1) * (SMALL_UNIT[ch] as number);
      digit = null;
    } else {
      const unit = BIG_UNIT[ch] as number;
      section += digit ?? 0;
      if (section === 0 && total === 0) section = 1;
      if (unit === 1e8) total = (total + section) * unit;
      else total += section * unit;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

const CN_DIGITS = '零一二三四五六七八九';

/** Writes a positive integer below 10000 the way headings number it: 1 → 一, 10 → 十, 15 → 十五, 32 → 三十二, 108 → 一百零八. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] as string;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += d === 1 && unit === '十' && out === '' ? unit : (CN_DIGITS[d] as string) + unit;
  });
  return out;
}
