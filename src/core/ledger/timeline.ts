// A problem's record as one list (整改记录): every status change, report, file, request, decision, supervision and
// look-back, each with who and when, in the order it happened. The shape the problem page shows and its order.

import type { TimelineEntry } from '../contract/problem.ts';

export type { TimelineEntry };

/**
 * By day, then by the moment recorded. A step and the status it causes are recorded in one transaction, at one moment:
 * the step (a closure request, a decision, a look-back) comes first, the status it caused after it.
 */
export function earlier(a: TimelineEntry, b: TimelineEntry): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const [x, y] = [a.time ?? '', b.time ?? ''];
  if (x !== y) return x < y ? -1 : 1;
  return Number(a.kind === 'status') - Number(b.kind === 'status');
}
