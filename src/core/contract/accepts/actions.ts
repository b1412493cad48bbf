// What the actions routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { isoDay, noQuery, positiveInt, strict, text } from '../input.ts';
import { moneyKind, moneyUnit, supervisionKind, triage } from '../values.ts';

const params = strict({ code: text(40) });

// every change names the version of the problem it was made from: a page or a client gone stale is refused, not merged
const version = { version: positiveInt, at: isoDay.optional() };

export const actionsAccepts = {
  'POST /api/problems/:code/assign': {
    params,
    querystring: noQuery,
    body: strict({
      ...version,
      leadUnit: text(100).nullable().optional(),
      cooperatingUnits: z.array(text(100)).max(50).optional(),
      leadLeader: text(50).nullable().optional(),
      responsiblePerson: text(50).nullable().optional(),
      deadline: isoDay.nullable().optional(),
      triage: triage.nullable().optional(),
      target: text(2000).nullable().optional(),
      amountDue: strict({ amount: text(30), unit: moneyUnit })
        .nullable()
        .optional(),
    }),
  },
  'POST /api/problems/bulk-assign': {
    querystring: noQuery,
    body: strict({
      codes: z.array(text(40)).min(1).max(500),
      leadUnit: text(100).nullable().optional(),
      deadline: isoDay.nullable().optional(),
      triage: triage.nullable().optional(),
    }),
  },
  'POST /api/problems/:code/progress': {
    params,
    querystring: noQuery,
    body: strict({
      ...version,
      text: text(5000).min(1),
      progress: z.number().int().min(0).max(100).optional(),
      measure: positiveInt.optional(),
    }),
  },
  'POST /api/problems/:code/evidence': { params, querystring: noQuery },
  'POST /api/problems/:code/closure': {
    params,
    querystring: noQuery,
    body: strict({ ...version, evidence: z.array(positiveInt).max(100), note: text(2000).optional() }),
  },
  'POST /api/problems/:code/closure/decision': {
    params,
    querystring: noQuery,
    body: strict({ ...version, accept: z.boolean(), reason: text(2000).optional() }),
  },
  'POST /api/problems/:code/extension': {
    params,
    querystring: noQuery,
    body: strict({ ...version, newDeadline: isoDay, reason: text(2000).min(1) }),
  },
  'POST /api/problems/:code/extension/decision': {
    params,
    querystring: noQuery,
    body: strict({ ...version, approve: z.boolean(), reason: text(2000).optional() }),
  },
  'POST /api/problems/:code/supervision': {
    params,
    querystring: noQuery,
    body: strict({
      ...version,
      kind: supervisionKind,
      note: text(2000).optional(),
    }),
  },
  'POST /api/problems/:code/lookback': {
    params,
    querystring: noQuery,
    body: strict({
      ...version,
      result: z.enum(['consolidated', 'relapsed']),
      note: text(2000).optional(),
      /** required when relapsed: the reopened problem's deadline */
      newDeadline: isoDay.optional(),
    }),
  },
  'POST /api/problems/:code/outcomes': {
    params,
    querystring: noQuery,
    body: z.discriminatedUnion('kind', [
      strict({
        ...version,
        kind: z.literal('money'),
        moneyKind,
        amount: text(30),
        unit: moneyUnit,
        note: text(2000).optional(),
      }),
      strict({
        ...version,
        kind: z.literal('institution'),
        title: text(200).min(1),
        edition: text(20).optional(),
        action: text(10).optional(),
        note: text(2000).optional(),
      }),
      strict({
        ...version,
        kind: z.literal('accountability'),
        people: positiveInt,
        how: text(200).min(1),
        note: text(2000).optional(),
      }),
      strict({ ...version, kind: z.literal('meeting'), count: positiveInt, note: text(2000).optional() }),
    ]),
  },
} as const;
