// "Today" for the ledger is a day in Beijing time; ZG_TODAY fixes it (tests, simulations, back-dated entry).
export function today(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZG_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.ZG_TODAY)) return env.ZG_TODAY;
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
