// What the recurrence routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { idParam, noQuery, strict, text } from '../input.ts';

export const recurrenceAccepts = {
  'GET /api/problems/:code/matches': { params: strict({ code: text(40) }), querystring: noQuery },
  'POST /api/matches/:id/decision': { params: strict({ id: idParam }), querystring: noQuery, body: strict({ confirm: z.boolean() }) },
} as const;
