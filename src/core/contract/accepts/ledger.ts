// What the ledger routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { flag, isoDay, limit, noQuery, offset, positiveInt, strict, text } from '../input.ts';
import { ledgerStatus, measureStatus, triage } from '../values.ts';

export const ledgerAccepts = {
  'GET /api/sources': { querystring: noQuery },
  'PUT /api/sources/:source/owner': {
    params: strict({ source: text(40) }),
    querystring: noQuery,
    body: strict({ unitId: positiveInt.nullable() }),
  },
  'GET /api/stats': { querystring: strict({ source: text(40).optional(), asOf: isoDay.optional() }) },
  'GET /api/problems': {
    querystring: strict({
      source: text(40).optional(),
      status: ledgerStatus.optional(),
      unit: text(100).optional(),
      overdue: flag.optional(),
      /** only those still being rectified (neither completed nor done for this phase): a unit's own work list */
      open: flag.optional(),
      supervised: flag.optional(),
      aspect: text(300).optional(),
      triage: z.enum([...triage.options, 'none']).optional(),
      search: text(100).optional(),
      sort: z.enum(['code', 'deadline', 'status']).optional(),
      limit,
      offset,
    }),
  },
  'GET /api/stats/trend': {
    querystring: strict({ source: text(40).optional(), months: z.coerce.number().int().min(1).max(24).default(6) }),
  },
  'GET /api/measures': {
    querystring: strict({
      source: text(40).optional(),
      unit: text(100).optional(),
      status: measureStatus.optional(),
      search: text(100).optional(),
      limit,
      offset,
    }),
  },
  'GET /api/problems/:code': { params: strict({ code: text(40) }), querystring: noQuery },
} as const;
