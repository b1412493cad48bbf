// The mark an internal document carries on every page: who generated it and when, so that a copy found where it
// should not be tells whose it was (等保: documents out of the system are traceable). Public versions carry none.
import { beijingClock } from '../ledger/dates.ts';

export function internalMark(who: string, at: Date): string {
  const { day, time } = beijingClock(at);
  return `内部资料　${who.trim() || '未署名'} 于 ${day} ${time} 生成　请勿外传`;
}
