// What the report-import routes accept: a document as a form with files, and with an import the corrections a person
// made of the reader's work, as the form's field `corrections` (JSON).
import { z } from 'zod';
import { isoDay, noQuery, strict, text } from '../input.ts';

/** What a person corrected before confirming an import, each problem found by its report and line. */
export const corrections = z
  .array(
    strict({
      report: z.number().int().min(0).max(10_000),
      line: z.number().int().min(1).max(10_000_000),
      title: text(500).optional(),
      status: z.enum(['completed', 'phased', 'in-progress', 'not-started']).optional(),
      longTerm: z.boolean().optional(),
      leadUnit: text(100).optional(),
      deadline: isoDay.optional(),
      level: z.enum(['problem', 'sub']).optional(),
    }),
  )
  .max(5000);
export type Corrections = z.input<typeof corrections>;

/** A name the page gives its upload, to ask how far its reading has got (form field `progress`). */
export const progressToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8 至 64 个字母、数字、- 或 _');

export const reportImportAccepts = {
  'POST /api/check': { querystring: noQuery },
  'POST /api/import': { querystring: noQuery },
  'GET /api/progress/:token': { params: strict({ token: progressToken }), querystring: noQuery },
} as const;
