// One problem as the problem page shows it — its facts, specific problems, measures, evidence, outcomes and whole
// record — as a zod schema: the server's answer is checked against it and the web's types come from it, so the page
// cannot silently miss a kind of record the server has begun to send.
import { z } from 'zod';
import { day, ledgerStatus as status, list, measureStatus, moneyKind, moneyUnit, triage, warningColour } from './values.ts';

export const timelineEntry = z.object({
  at: day,
  kind: z.enum([
    'status',
    'assignment',
    'progress',
    'evidence',
    'closure-request',
    'closure-decision',
    'extension-request',
    'extension-decision',
    'supervision',
    'lookback',
    'submission',
  ]),
  by: z.string().nullable(),
  text: z.string(),
  /** the moment it was recorded, for the order within a day and the time shown (null where none was kept) */
  time: z.string().nullable(),
  /** the report or workbook an imported status was taken from */
  document: z.object({ id: z.number(), fileName: z.string() }).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const evidenceItem = z.object({
  id: z.number(),
  fileName: z.string(),
  size: z.number(),
  mime: z.string(),
  /** inline: the browser shows it (PDF, images); text: its words are shown; download: only downloaded */
  view: z.enum(['inline', 'text', 'download']),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const problemDetailAnswer = z.object({
  problem: z.object({
    code: z.string(),
    title: z.string(),
    number: z.string().nullable(),
    source: z.object({ code: z.string(), title: z.string() }),
    aspect: z.string().nullable(),
    status,
    statusText: z.string().nullable(),
    /** imported from a report that said nothing of its rectification, and no status recorded since */
    untold: z.boolean(),
    longTerm: z.boolean(),
    triage: triage.nullable(),
    progress: z.number(),
    deadline: day.nullable(),
    startDate: day.nullable(),
    target: z.string().nullable(),
    amountDue: z.object({ amount: z.string(), unit: moneyUnit.nullable() }).nullable(),
    leadUnit: z.string().nullable(),
    leadLeader: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
    cooperatingUnits: list(z.string()),
    reopenedCount: z.number(),
    version: z.number(),
    colour: warningColour.nullable(),
    /** waits on the verification of a problem lead not yet disposed of ("等待线索核查"); nothing of the lead itself */
    waitingOnLead: z.boolean(),
  }),
  children: list(z.object({ code: z.string(), title: z.string(), status })),
  measures: list(
    z.object({ ordinal: z.number(), text: z.string(), status: measureStatus, progress: z.number(), deadline: day.nullable() }),
  ),
  evidence: list(evidenceItem),
  /** the report or workbook the present status was imported from */
  basis: z.object({ id: z.number(), fileName: z.string() }).nullable(),
  pendingClosure: list(z.number()).nullable(),
  pendingExtension: day.nullable(),
  outcomes: list(
    z.object({
      kind: z.string(),
      moneyKind: moneyKind.nullable(),
      amount: z.string().nullable(),
      unit: z.string().nullable(),
      title: z.string().nullable(),
      people: z.number().nullable(),
      count: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
  timeline: list(timelineEntry),
});
export type ProblemDetailAnswer = z.infer<typeof problemDetailAnswer>;

/** Problems changed together (批量分工), all or none. */
export const updatedAnswer = z.object({ updated: z.number() });
/** A decision or a look-back: the status it left the problem in (none when nothing changed). */
export const statusAnswer = z.object({ status: status.optional() });
/** An extension decided: the deadline the problem now has. */
export const deadlineAnswer = z.object({ deadline: day.nullable() });

/** A piece of evidence's words, for a preview (text, Word, Excel). */
export const evidenceTextAnswer = z.object({ fileName: z.string(), text: z.string(), truncated: z.boolean() });
