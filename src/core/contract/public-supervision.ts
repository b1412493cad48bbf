// What the internal routes of public supervision answer: a source's publications, and the intake queue of what the
// public sent (with the sender's contact, which only this queue shows).
import { z } from 'zod';
import { SUBMISSION_KIND_LABEL, SUBMISSION_STATE_LABEL } from '../public/submission.ts';
import { day, keysOf, list } from './values.ts';

export const submissionKind = keysOf(SUBMISSION_KIND_LABEL);
export const submissionState = keysOf(SUBMISSION_STATE_LABEL);

export const publicationsAnswer = z.object({
  /** where the public part is reached, when the server knows (ZG_PUBLIC_URL, or the port it serves it on) */
  publicUrl: z.string().nullable(),
  items: list(
    z.object({
      id: z.number(),
      title: z.string(),
      asOf: day,
      publishedOn: day,
      periodEnd: day,
      publishedBy: z.string(),
      /** its comment period is open today */
      open: z.boolean(),
    }),
  ),
});

export const publishedAnswer = z.object({ id: z.number(), publishedOn: day, periodEnd: day, title: z.string() });

const submission = z.object({
  ref: z.string(),
  kind: submissionKind,
  kindLabel: z.string(),
  content: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  receivedOn: day,
  state: submissionState,
  stateLabel: z.string(),
  readBy: z.string().nullable(),
  reply: z.string().nullable(),
  repliedOn: day.nullable(),
  repliedBy: z.string().nullable(),
  handledOn: day.nullable(),
  source: z.object({ code: z.string(), title: z.string() }),
  publication: z.object({ id: z.number(), title: z.string() }),
  problem: z.string().nullable(),
  lead: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  version: z.number(),
});

export const submissionsAnswer = z.object({ items: list(submission) });
export const submissionAnswer = submission;
/** the whole of what the list and page mask, for the clerk who calls back; each look is logged */
export const submissionContactAnswer = z.object({
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  content: z.string(),
});
export const submissionHandledAnswer = z.object({ version: z.number(), problem: z.string().optional(), lead: z.string().optional() });
