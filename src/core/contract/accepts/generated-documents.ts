// What the generated-documents routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { isoDay, noQuery, strict, text } from '../input.ts';
import { contactKind } from '../values.ts';

const source = strict({ source: text(40) });

const contact = strict({ kind: contactKind, value: text(200).min(1) });

const publicationSchema = strict({
  issuer: text(100).nullable().optional(),
  commentDays: z.number().int().min(1).max(90).optional(),
  contacts: z.array(contact).max(20).optional(),
  hide: strict({ personNames: z.boolean(), personalPhones: z.boolean(), internalNotes: z.boolean() }).optional(),
});

export const generatedDocumentsAccepts = {
  'GET /api/sources/:source/reports/:kind': {
    params: strict({ source: text(40), kind: z.enum(['tongbao', 'plan', 'npc']) }),
    querystring: strict({ asOf: isoDay.optional(), date: isoDay.optional(), public: z.enum(['true', 'false']).optional() }),
  },
  'GET /api/problems/:code/forms/:kind': { params: strict({ code: text(40), kind: z.enum(['notice', 'closure']) }), querystring: noQuery },
  'GET /api/sources/:source/workbook': { params: source, querystring: noQuery },
  'POST /api/workbook': { querystring: noQuery },
  'GET /api/sources/:source/publication': { params: source, querystring: noQuery },
  'PUT /api/sources/:source/publication': { params: source, querystring: noQuery, body: publicationSchema },
} as const;
