// "Today" for the ledger is a day in Beijing time; ZG_TODAY fixes it (tests, simulations, back-dated entry).
import { beijingDay } from '../core/ledger/dates.ts';

export function today(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZG_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.ZG_TODAY)) return env.ZG_TODAY;
  return beijingDay(new Date());
}

/** The moment now as "2025-03-01T09:00" in Beijing time (on ZG_TODAY's day when that is set). */
export function now(env: NodeJS.ProcessEnv = process.env): string {
  const time = new Date().toLocaleTimeString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 5);
  return `${today(env)}T${time}`;
}
