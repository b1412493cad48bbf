// The words the screens show for the ledger's codes: taken from core/vocabulary.ts, the one place they are defined
// for the CLI, the documents and the web alike; only the colours of the tags are the web's own.
import { formatRate } from '../../../src/core/ledger/completion-rate.ts';
import {
  COLOUR_LABEL,
  GENRE_LABEL,
  LEDGER_STATUS_LABEL,
  META_LABEL,
  MEASURE_STATUS_LABEL,
  MONEY_KIND_LABEL,
  REPORTED_STATUS_LABEL,
  ROLE_LABEL,
  SEVERITY_LABEL,
  SUPERVISION_LABEL,
  TRIAGE_LABEL,
  shortLabel,
} from '../../../src/core/vocabulary.ts';
import type { Colour, LedgerStatus } from './types.ts';
import { UNASSIGNED } from '../../../src/core/ledger/statistics.ts';

const STATUS_COLOUR: Record<LedgerStatus, string> = {
  'not-started': 'default',
  'in-progress': 'processing',
  'closure-requested': 'purple',
  phased: 'cyan',
  completed: 'success',
};

export const STATUS = Object.fromEntries(
  (Object.keys(STATUS_COLOUR) as LedgerStatus[]).map((s) => [s, { label: shortLabel(LEDGER_STATUS_LABEL[s]), color: STATUS_COLOUR[s] }]),
) as Record<LedgerStatus, { label: string; color: string }>;

const TAG_COLOUR: Record<Colour, string> = { green: 'green', blue: 'blue', yellow: 'gold', red: 'red' };
/** a warning colour as its tag says it: the meaning inside core's label ("红色（已超期）" → "已超期") */
export const COLOUR = Object.fromEntries(
  (Object.keys(TAG_COLOUR) as Colour[]).map((c) => [c, { label: COLOUR_LABEL[c].replace(/^.*（(.*)）$/, '$1'), color: TAG_COLOUR[c] }]),
) as Record<Colour, { label: string; color: string }>;

export { GENRE_LABEL, META_LABEL, TRIAGE_LABEL };
/** the classes, and the statistics' key for problems given none (core's UNASSIGNED) */
export const TRIAGE: Record<string, string> = { ...TRIAGE_LABEL, [UNASSIGNED]: '未分类' };

export const ROLE: Record<string, string> = ROLE_LABEL;

export const SUPERVISION: Record<string, string> = SUPERVISION_LABEL;

export const MONEY_KIND: Record<string, string> = MONEY_KIND_LABEL;

export const SEVERITY: Record<string, { label: string; color: string }> = {
  error: { label: SEVERITY_LABEL.error, color: 'red' },
  warning: { label: SEVERITY_LABEL.warning, color: 'orange' },
};

export const MEASURE_STATUS: Record<string, string> = MEASURE_STATUS_LABEL;

export const PARSED_STATUS: Record<string, string> = REPORTED_STATUS_LABEL;

/** A completion rate as the documents and the command line show it (core's rounding, half up at two places). */
export const rate = (r: number | null) => (r === null ? '—' : `${formatRate(r)}%`);
