// A problem added by hand to a source already on the ledger: one the office opens from what the public sent (社会监督)
// about a published rectification. Planned here like every other way onto the ledger, written by the ledger writer
// (services/ledger-writer/added-problem.ts): the next free number of the source, the state machine's first state.
import { problemCode } from './codes.ts';
import { initialState, type LedgerStatus } from './problem-state.ts';
import type { Origin } from '../public/submission.ts';

export const ADDED_TITLE = { min: 4, max: 500 } as const;

/** Where a problem opened from what the public sent is listed: apart from the aspects the inspection reported. */
export const PUBLIC_ASPECT = '群众反映的问题';

export interface AddedProblemPlan {
  readonly code: string;
  /** the aspect it is listed under (made when the source has none of that title) */
  readonly aspect: string | null;
  readonly ordinal: number;
  readonly title: string;
  readonly detail: string | null;
  readonly status: LedgerStatus;
  /** why it is on the ledger, in its first status change */
  readonly reason: string;
  /** who found it: the documents count the source's problems apart from those the public sent */
  readonly origin: Origin;
}

/**
 * The plan, or why not in the office's words. `codes`: the source's problem codes now (its specific problems'
 * included): the new one is numbered after the highest problem of its own.
 */
export function planAddedProblem(
  sourceCode: string,
  codes: readonly string[],
  input: { title: string; detail?: string | null | undefined; reason: string; aspect?: string | null | undefined; origin: Origin },
): AddedProblemPlan | { refused: string } {
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title.length < ADDED_TITLE.min) return { refused: `问题标题过短，请至少写${ADDED_TITLE.min}个字` };
  if (title.length > ADDED_TITLE.max) return { refused: `问题标题不超过${ADDED_TITLE.max}个字` };
  const own = new RegExp(`^${sourceCode.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}-(\\d+)$`);
  const highest = Math.max(0, ...codes.map((c) => Number(own.exec(c)?.[1] ?? 0)));
  const ordinal = highest + 1;
  return {
    code: problemCode(sourceCode, ordinal),
    aspect: input.aspect ?? null,
    ordinal,
    title,
    detail: input.detail?.trim() || null,
    status: initialState(false).status,
    reason: input.reason,
    origin: input.origin,
  };
}
