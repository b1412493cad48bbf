// What the internal routes of public supervision accept (core/contract/input.ts checks their meaning).
import { z } from 'zod';
import { isoDay, noQuery, positiveInt, strict, text } from '../input.ts';
import { leadPhase, leadReceiver } from '../leads.ts';
import { submissionState } from '../public-supervision.ts';

const source = strict({ source: text(40) });
const ref = strict({ ref: text(40) });

export const publicSupervisionAccepts = {
  'GET /api/sources/:source/publications': { params: source, querystring: noQuery },
  'POST /api/sources/:source/publications': {
    params: source,
    querystring: noQuery,
    body: strict({ asOf: isoDay.optional(), date: isoDay.optional() }),
  },
  'GET /api/submissions': { querystring: strict({ source: text(40).optional(), state: submissionState.optional() }) },
  'GET /api/submissions/:ref': { params: ref, querystring: noQuery },
  'GET /api/submissions/:ref/contact': { params: ref, querystring: noQuery },
  // every action names the version it was made from: a queue gone stale is refused, not merged
  'POST /api/submissions/:ref/actions': {
    params: ref,
    querystring: noQuery,
    body: z.discriminatedUnion('kind', [
      strict({ version: positiveInt, kind: z.literal('read') }),
      strict({ version: positiveInt, kind: z.literal('reply'), text: text(2000) }),
      strict({ version: positiveInt, kind: z.literal('link'), problem: text(40) }),
      strict({ version: positiveInt, kind: z.literal('problem'), title: text(500) }),
      strict({
        version: positiveInt,
        kind: z.literal('lead'),
        receiver: leadReceiver,
        receiverName: text(100).optional(),
        summary: text(2000),
        phase: leadPhase.optional(),
      }),
    ]),
  },
} as const;
