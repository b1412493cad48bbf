// Money, kept exact: decimal strings, never binary floats — in the ledger, the statistics, the documents and the
// parser and the self-evaluation alike. An amount keeps the unit it was written in; sums are made in 万元. Only a
// quotient (a rate) is a float, made here from two exact figures.

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

/** A figure written in decimal — an amount in 万元, an area — signed, exact: "1234.5", "-0.25". */
export type Decimal = string;

function digitsOf(v: Decimal, scale: number): bigint {
  const negative = v.startsWith('-');
  const [i, f = ''] = (negative ? v.slice(1) : v).split('.') as [string, string?];
  const n = BigInt(i + f.padEnd(scale, '0'));
  return negative ? -n : n;
}

function scaleOf(values: readonly Decimal[]): number {
  return Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
}

function fromDigits(total: bigint, scale: number): Decimal {
  const negative = total < 0n;
  const s = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const plain = normalizeDecimal(scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s) ?? '0';
  return negative && plain !== '0' ? `-${plain}` : plain;
}

/** The exact sum of decimal strings, signed: "0.1" + "0.2" is "0.3", never a float whose error a rounding must hide. */
export function addDecimals(values: readonly Decimal[]): Decimal {
  const scale = scaleOf(values);
  return fromDigits(
    values.reduce((t, v) => t + digitsOf(v, scale), 0n),
    scale,
  );
}

/** Negative, zero or positive as a is less than, equal to or greater than b — exactly. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = scaleOf([a, b]);
  const d = digitsOf(a, scale) - digitsOf(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** A table cell or a typed figure as a decimal: "1,234.50" → "1234.5", "-3" → "-3"; anything else is null. */
export function decimalOf(text: string): Decimal | null {
  const t = text.replace(/[,，\s]/g, '');
  const negative = t.startsWith('-');
  const plain = normalizeDecimal(negative ? t.slice(1) : t);
  if (plain === null) return null;
  return negative && plain !== '0' ? `-${plain}` : plain;
}

/**
 * A figure a spreadsheet cell holds as a number, as it was typed: a cell keeps at most 15 significant digits (万元 to
 * four places, under a trillion), which a double holds exactly, so its shortest decimal form is the figure.
 */
export function decimalOfNumber(x: number): Decimal | null {
  if (!Number.isFinite(x)) return null;
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toString().split('e');
  const [i = '0', f = ''] = mantissa.split('.');
  const shift = Number(exponent);
  const plain = shiftDecimal(normalizeDecimal(`${i}${f ? `.${f}` : ''}`) ?? '0', shift);
  return x < 0 && plain !== '0' ? `-${plain}` : plain;
}

/** a ÷ b × 100, a rate in percent: a quotient is no amount, so it may be a float (null when b is zero). */
export function percentOf(a: Decimal, b: Decimal): number | null {
  return compareDecimals(b, '0') === 0 ? null : (Number(a) / Number(b)) * 100;
}
