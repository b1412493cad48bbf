// Money amounts, kept exact: decimal strings, never binary floats. Amounts keep the unit they were written in;
// `wan` is the same amount in 万元 for adding up.

export type MoneyUnit = '元' | '万元' | '亿元';

export interface AmountMention {
  readonly index: number;
  readonly length: number;
  readonly value: string; // as written, without thousands separators: "24146.92"
  readonly unit: MoneyUnit;
  readonly wan: string; // exact decimal in 万元
  readonly approx: boolean; // 约 / 近 / 余 / 多
}

/**
 * Examples: "24146.92万元", "36.84亿元", "200599.76元", "约 552 万元", "14.62 万余元", "1800 万元", "1万余元".
 * A number directly followed by 余/多 before the unit is "at least" (approx).
 */
const AMOUNT = /(约|近|超过|逾|大约)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(余|多)?\s*(亿|万)?\s*(余|多)?\s*元/g;

export function findAmounts(folded: string): AmountMention[] {
  const out: AmountMention[] = [];
  for (const m of folded.matchAll(AMOUNT)) {
    const index = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const digits = (m[2] as string).replace(/,/g, '');
    // "元旦" (New Year's Day) after a number is a date, not money
    if (folded[(m.index ?? 0) + m[0].length] === '旦') continue;
    const unit: MoneyUnit = m[4] === '亿' ? '亿元' : m[4] === '万' ? '万元' : '元';
    const value = normalizeDecimal(digits);
    if (value === null) continue;
    const shift = unit === '亿元' ? 4 : unit === '万元' ? 0 : -4;
    out.push({
      index,
      length: m[0].trim().length,
      value,
      unit,
      wan: shiftDecimal(value, shift),
      approx: Boolean(m[1] || m[3] || m[5]),
    });
  }
  return out;
}

/** "007.50" → "7.5"; returns null for anything that is not a plain decimal. */
export function normalizeDecimal(s: string): string | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const int = (m[1] as string).replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Multiplies a non-negative decimal string by 10^shift exactly: ("36.84", 4) → "368400"; ("200599.76", -4) → "20.059976". */
export function shiftDecimal(value: string, shift: number): string {
  const [intPart, fracPart = ''] = value.split('.') as [string, string?];
  let digits = intPart + fracPart;
  let point = intPart.length + shift;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return normalizeDecimal(out.endsWith('.') ? out.slice(0, -1) : out) ?? '0';
}

/** Exact sum of non-negative decimal strings. */
export function addDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (v.split('.')[1] ?? '').length);
  let total = 0n;
  for (const v of values) {
    const [i, f = ''] = v.split('.') as [string, string?];
    total += BigInt(i + f.padEnd(scale, '0'));
  }
  const s = total.toString().padStart(scale + 1, '0');
  return normalizeDecimal(scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s) ?? '0';
}
