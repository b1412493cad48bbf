// A problem's row → its warning colour on a day: the one mapping from the columns every list reads to what the rule
// in core/ledger/warning.ts takes, with the thresholds its source set.
import type { LedgerStatus } from '../core/ledger/problem-state.ts';
import { thresholdsOf, warningColour, type WarningColour } from '../core/ledger/warning.ts';

/** The columns the colour is made from: the problem's (its status perhaps as of a day) and its source's `warning`. */
export interface ColourColumns {
  readonly status: string;
  readonly deadline: string | null;
  readonly start_date: string | null;
  readonly progress: number;
  readonly last_progress_at: string | null;
}

export function colourOf(r: ColourColumns, day: string, warning: unknown): WarningColour | null {
  return warningColour(
    {
      status: r.status as LedgerStatus,
      deadline: r.deadline,
      startDate: r.start_date,
      progress: r.progress,
      lastProgressAt: r.last_progress_at,
    },
    day,
    thresholdsOf(warning),
  );
}
