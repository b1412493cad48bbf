// Amounts of money as reports write them ("24146.92万元", "约 552 万元"), found in a line of text; the exact
// arithmetic is core/money.ts. `wan` is the same amount in 万元 for adding up.
import { normalizeDecimal, shiftDecimal, type MoneyUnit } from '../money.ts';

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
 * A number directly followed by 余/多 before the unit is "at least" (approx). "1.2万亿元", and "1.04兆元" as Taiwan
 * and Hong Kong write it, are kept in 亿元 (the largest unit the ledger has): 12000亿元, 10400亿元.
 */
const AMOUNT = /(约|近|超过|逾|大约)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(余|多)?\s*(万亿|兆|亿|万)?\s*(余|多)?\s*元/g;

export function findAmounts(folded: string): AmountMention[] {
  const out: AmountMention[] = [];
  for (const m of folded.matchAll(AMOUNT)) {
    const index = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const digits = (m[2] as string).replace(/,/g, '');
    // "元旦" (New Year's Day) after a number is a date, not money
    if (folded[(m.index ?? 0) + m[0].length] === '旦') continue;
    const trillion = m[4] === '万亿' || m[4] === '兆';
    const unit: MoneyUnit = m[4] === '亿' || trillion ? '亿元' : m[4] === '万' ? '万元' : '元';
    const written = normalizeDecimal(digits);
    if (written === null) continue;
    const value = trillion ? shiftDecimal(written, 4) : written;
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
