// What the leads routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { isoDay, noQuery, positiveInt, strict, text } from '../input.ts';
import { leadPhase, leadReceiver, leadState, leadStepKind } from '../leads.ts';

const params = strict({ code: text(40) });

export const leadsAccepts = {
  'GET /api/leads': {
    querystring: strict({
      source: text(40).optional(),
      state: z.union([leadState, z.literal('open-all')]).optional(),
      asOf: isoDay.optional(),
    }),
  },
  'POST /api/leads': {
    querystring: noQuery,
    body: strict({
      source: text(40),
      phase: leadPhase,
      receiver: leadReceiver,
      receiverName: text(100).nullable().optional(),
      summary: text(2000),
      persons: text(500).nullable().optional(),
      transferredOn: isoDay,
      receivedOn: isoDay.nullable().optional(),
      deadline: isoDay.nullable().optional(),
      problems: z.array(text(40)).max(100).optional(),
    }),
  },
  'GET /api/leads/figures': { querystring: strict({ source: text(40).optional(), asOf: isoDay.optional() }) },
  'GET /api/leads/:code': { params, querystring: strict({ asOf: isoDay.optional() }) },
  // every step names the version of the lead it was made from: a page gone stale is refused, not merged
  'POST /api/leads/:code/steps': {
    params,
    querystring: noQuery,
    body: strict({
      version: positiveInt,
      kind: leadStepKind,
      on: isoDay.optional(),
      text: text(2000),
      document: text(200).nullable().optional(),
    }),
  },
  'POST /api/leads/:code/problems': { params, querystring: noQuery, body: strict({ problem: text(40), linked: z.boolean() }) },
} as const;
