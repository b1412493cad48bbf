// Money, kept exact: decimal strings, never binary floats — in the ledger, the statistics, the documents and the
// parser alike. An amount keeps the unit it was written in; sums are made in 万元.

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
