// Money, kept exact: decimal strings, never binary floats — in the ledger, the statistics, the documents and the
// parser alike. An amount keeps the unit it was written in; sums are made in 万元. A self-evaluation's table figures
// travel as numbers (a form's and a workbook's own type), each exactly the decimal written; they are added here too.

export type MoneyUnit = '元' | '万元' | '亿元';

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

/**
 * A self-evaluation's figure as it was written: a number read from a table or typed into a form holds at most 15
 * significant digits (万元 to four places, under a trillion), which a double keeps exactly — its shortest decimal form
 * is the figure. Signed: a table may carry a negative adjustment.
 */
function writtenDecimal(x: number): { digits: bigint; scale: number } {
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toString().split('e');
  const [i = '0', f = ''] = mantissa.split('.');
  let digits = BigInt(i + f);
  let scale = f.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: x < 0 ? -digits : digits, scale };
}

/**
 * The exact sum of figures as written — "0.1 + 0.2" is 0.3, and a column of 4-place amounts adds up to what a
 * calculator says — never a running float whose error a rounding must then hide.
 */
export function sumFigures(values: readonly number[]): number {
  const parts = values.map(writtenDecimal);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const total = parts.reduce((t, p) => t + p.digits * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  const s = (negative ? -total : total).toString().padStart(scale + 1, '0');
  return Number(`${negative ? '-' : ''}${scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s}`);
}
