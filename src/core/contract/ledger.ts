// The ledger as the screens read it — its sources, statistics, problem and task lists, and how completion went over
// the months — as zod schemas: the server declares them as its answers and the web takes its types from them.
import { z } from 'zod';
import { day, ledgerStatus, list, measureStatus, supervisionKind, triage, warningColour } from './values.ts';

export const sourceItem = z.object({
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  feedback_date: day.nullable(),
  report_date: day.nullable(),
  /** the unit whose office owns the source, or null (seen by administrators alone) */
  owner_unit_id: z.number().nullable(),
  owner: z.string().nullable(),
  problems: z.number(),
});
export const sourcesAnswer = z.object({ items: list(sourceItem) });

export const sourceOwnerAnswer = z.object({ code: z.string(), owner: z.string().nullable() });

export const counts = z.object({
  total: z.number(),
  completed: z.number(),
  phased: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  overdue: z.number(),
  /** percent, unrounded; null when there is nothing to count */
  completionRate: z.number().nullable(),
});

/** A figure the source's report states beside what the ledger counts. */
export const claimDifference = z.object({
  metric: z.string(),
  /** null: the whole report; else the aspect (an audit report's category) the figure is stated for */
  scope: z.string().nullable(),
  stated: z.number(),
  computed: z.number(),
  agrees: z.boolean(),
  line: z.number(),
  text: z.string(),
});

export const statsAnswer = counts.extend({
  asOf: day,
  byAspect: z.record(z.string(), counts),
  byUnit: z.record(z.string(), counts),
  byTriage: z.record(z.string(), counts),
  outcomes: z.object({
    /** exact decimals, in 万元 */
    moneyWan: z.string(),
    moneyByKind: z.record(z.string(), z.string()),
    institutions: z.number(),
    accountable: z.number(),
    meetings: z.number(),
  }),
  claims: list(claimDifference),
  colours: z.record(warningColour, z.number()),
  /** of those 正在整改, how many only because the report they came from said nothing (null for a past day) */
  untold: z.number().nullable(),
});

export const problemItem = z.object({
  code: z.string(),
  title: z.string(),
  status: ledgerStatus,
  /** imported from a report that said nothing of its rectification, and no status recorded since */
  untold: z.boolean(),
  longTerm: z.boolean(),
  triage: triage.nullable(),
  deadline: day.nullable(),
  leadUnit: z.string().nullable(),
  progress: z.number(),
  colour: warningColour.nullable(),
  source: z.string(),
  aspect: z.string().nullable(),
  leadLeader: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  cooperatingUnits: list(z.string()),
  supervisionCount: z.number(),
  lastSupervision: z.object({ kind: supervisionKind, at: day }).nullable(),
  version: z.number(),
});
export const problemsAnswer = z.object({ total: z.number(), items: list(problemItem) });

export const measureItem = z.object({
  problem: z.string(),
  problemTitle: z.string(),
  ordinal: z.number(),
  text: z.string(),
  status: measureStatus,
  progress: z.number(),
  deadline: day.nullable(),
  ownerUnit: z.string().nullable(),
  ownerPerson: z.string().nullable(),
  leadUnit: z.string().nullable(),
});
export const measuresAnswer = z.object({ total: z.number(), items: list(measureItem) });

export const trendAnswer = z.object({
  points: list(
    z.object({
      day,
      total: z.number(),
      completed: z.number(),
      phased: z.number(),
      inProgress: z.number(),
      completionRate: z.number().nullable(),
    }),
  ),
});
