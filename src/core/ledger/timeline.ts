// A problem's record as one list (整改记录): every status change, report, file, request, decision, supervision and
// look-back, each with who and when, in the order it happened. The shape the problem page shows and its order.

import type { TimelineEntry } from '../contract/problem.ts';
import { TRIAGE_LABEL, type Triage } from './ledger-sheet.ts';

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

/** What an assignment (认领分工) set, as the record says it: only what it changed, "（清除）" for what it emptied. */
export function assignmentText(a: {
  readonly leadUnit?: string | null;
  readonly cooperatingUnits?: readonly string[];
  readonly leadLeader?: string | null;
  readonly responsiblePerson?: string | null;
  readonly deadline?: string | null;
  readonly triage?: string | null;
  readonly target?: string | null;
}): string {
  const parts: string[] = [];
  const said = (label: string, v: string | null | undefined) => {
    if (v !== undefined) parts.push(`${label} ${v ?? '（清除）'}`);
  };
  said('牵头单位', a.leadUnit);
  if (a.cooperatingUnits !== undefined) parts.push(`配合单位 ${a.cooperatingUnits.length ? a.cooperatingUnits.join('、') : '（无）'}`);
  said('责任领导', a.leadLeader);
  said('责任人', a.responsiblePerson);
  said('整改时限', a.deadline);
  said('整改类别', a.triage === undefined ? undefined : a.triage === null ? null : (TRIAGE_LABEL[a.triage as Triage] ?? a.triage));
  said('成效目标', a.target);
  return `认领分工：${parts.join('；') || '未作改动'}`;
}

/**
 * A submission of the public linked to the problem, named by its number alone: the unit leading the problem reads
 * its record, and the reference that reads the sender's answer is the office's (and the sender's) only.
 */
export const linkedSubmissionText = (number: string): string => `关联群众反映（编号 ${number}）：所反映事项纳入本问题整改`;
