// The completion rate (整改完成率): fully completed items over all items, in percent. Phased (阶段性完成/基本完成)
// and ongoing items do not count as completed: 688 done of 697 → 98.71%. Every figure that shows a completion rate,
// in a parsed report or in the ledger, comes from here.

export function completionRate(completed: number, total: number): number | null {
  if (total <= 0) return null;
  return (completed / total) * 100;
}

/**
 * Whether a stated rate agrees with the counts at the precision it was written with. Real reports both round and
 * truncate ("74.05%" for 137/185 = 74.054…); either is accepted, nothing else is.
 */
export function rateAgrees(stated: number, decimals: number, completed: number, total: number): boolean {
  const exact = completionRate(completed, total);
  if (exact === null) return false;
  const scale = 10 ** decimals;
  const rounded = Math.round(exact * scale + 1e-9) / scale;
  const truncated = Math.floor(exact * scale + 1e-9) / scale;
  const s = Math.round(stated * scale) / scale;
  return s === rounded || s === truncated;
}

/** A rate shown at a given precision, rounded half up: 74.0540… at 2 → "74.05". */
export function formatRate(rate: number, decimals = 2): string {
  const scale = 10 ** decimals;
  return (Math.round(rate * scale + 1e-9) / scale).toFixed(decimals);
}
