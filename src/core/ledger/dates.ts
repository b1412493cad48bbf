// Calendar arithmetic on ISO dates ("2024-05-20"), in whole days, without time zones; and the ledger's day of a
// moment, which is Beijing's.

export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

export function fromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDay(toDay(s)) === s;
}

/** The ledger's day of a moment: in Beijing time, whatever the server's clock zone (an upload at 07:00 is that day). */
export function beijingDay(moment: Date): string {
  return moment.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** Whether a setting names a time of day as the schedules take it: "08:30", 00:00 to 23:59. */
export const isTimeOfDay = (v: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** The day and the time of day ("08:30") of a moment in Beijing time: what the server's daily schedules go by. */
export function beijingClock(moment: Date): { day: string; time: string } {
  const s = moment.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
  return { day: s.slice(0, 10), time: s.slice(11, 16) };
}
