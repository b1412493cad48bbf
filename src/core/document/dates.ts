// Dates as Chinese reports write them, on folded text (half-width digits).
// "2023 年 8 月 29 日" (spaces from a PDF), "2025-09-12", "8月30日" (no year), "2023年11月底", "2024年5月".

export interface DateMention {
  readonly index: number; // offset in the searched string
  readonly length: number;
  readonly year: number | null;
  readonly month: number;
  readonly day: number | null; // null: a month only ("2024年5月")
  readonly monthEnd: boolean; // "11月底", "6月末"
}

const DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末))?|(\d{4})-(\d{1,2})-(\d{1,2})/g;

export function findDates(folded: string): DateMention[] {
  const out: DateMention[] = [];
  for (const m of folded.matchAll(DATE)) {
    const index = m.index ?? 0;
    if (m[5]) {
      const month = Number(m[6]);
      const day = Number(m[7]);
      if (validDay(Number(m[5]), month, day)) out.push({ index, length: m[0].length, year: Number(m[5]), month, day, monthEnd: false });
      continue;
    }
    const year = m[1] ? Number(m[1]) : null;
    const month = Number(m[2]);
    const day = m[3] ? Number(m[3]) : null;
    if (month < 1 || month > 12) continue;
    // "1-6月" (a span of months) and bare "5月" without a year or a day are periods, not dates.
    if (year === null && day === null) continue;
    if (index > 0 && /[\d.]/.test(folded[index - 1] as string) && year === null) continue;
    if (day !== null && !validDay(year ?? 2000, month, day)) continue;
    out.push({ index, length: m[0].trimEnd().length, year, month, day, monthEnd: m[4] !== undefined });
  }
  return out;
}

/**
 * A year a report of ours could mean: from 1900 (建党 is 1921) to 2100 (targets run to 2035 and 2050). Another is a
 * slip of the pen or of recognition ("2921年" for 2021): checked as a date it would accuse the report of the wrong thing.
 */
export const plausibleYear = (year: number): boolean => year >= 1900 && year <= 2100;

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The ISO form of a mention. A date without a year takes the year that puts it on or before `ref` (the report's own
 * date): in a report signed 2023-08-25, "3月2日" is 2023-03-02 and "12月20日" is 2022-12-20.
 * "11月底" is the month's last day; a month alone is YYYY-MM.
 */
export function toIso(d: DateMention, ref: { year: number; month: number; day: number } | null): string | null {
  let year = d.year;
  if (year === null) {
    if (!ref) return null;
    year = ref.year;
    const dayForCompare = d.day ?? 1;
    if (d.month > ref.month || (d.month === ref.month && dayForCompare > ref.day)) year -= 1;
  }
  if (d.day === null) {
    if (d.monthEnd) return `${year}-${pad(d.month)}-${pad(daysInMonth(year, d.month))}`;
    return `${year}-${pad(d.month)}`;
  }
  return `${year}-${pad(d.month)}-${pad(d.day)}`;
}

export function parseIso(iso: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : daysInMonth(Number(m[1]), Number(m[2])) };
}

/** Compares ISO dates of either precision; a month compares by its first day. */
export function compareIso(a: string, b: string): number {
  const pa = a.length === 7 ? `${a}-01` : a;
  const pb = b.length === 7 ? `${b}-01` : b;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/**
 * A range "2024年9月23日至12月20日" / "2022年2月17日—4月15日": two mentions joined by 至/—/-/到/~.
 * The end borrows the start's year when it has none (and the next year when it would fall before the start).
 */
export function findDateRanges(folded: string): { start: DateMention; end: DateMention }[] {
  const ds = findDates(folded);
  const out: { start: DateMention; end: DateMention }[] = [];
  for (let i = 0; i + 1 < ds.length; i++) {
    const a = ds[i] as DateMention;
    const b = ds[i + 1] as DateMention;
    const between = folded.slice(a.index + a.length, b.index);
    if (!/^\s*(至|—|-|~|到)\s*$/.test(between)) continue;
    let end = b;
    if (b.year === null && a.year !== null) {
      const before = b.month < a.month || (b.month === a.month && (b.day ?? 1) < (a.day ?? 1));
      end = { ...b, year: before ? a.year + 1 : a.year };
    }
    out.push({ start: a, end });
  }
  return out;
}
