// What the supervision routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { idParam, isoDay, isoMonth, noQuery, strict, text } from '../input.ts';
import { DELIVERY_STATUSES } from '../../supervision/reminder-channel.ts';

const cadence = z.union([
  strict({ every: z.enum(['daily', 'half-monthly', 'quarterly']) }),
  strict({ every: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  strict({ every: z.literal('monthly'), day: z.number().int().min(1).max(28) }),
]);

const source = strict({ source: text(40) });

const byId = strict({ id: idParam });

export const supervisionAccepts = {
  'GET /api/reminder-channels': { querystring: noQuery },
  'POST /api/reminder-channels': {
    querystring: noQuery,
    body: strict({
      kind: z.enum(['wecom', 'dingtalk', 'feishu', 'webhook', 'sms']),
      name: text(60),
      target: text(1000),
      secret: text(200).optional(),
      unit: text(100).optional(),
      person: text(50).optional(),
    }),
  },
  'DELETE /api/reminder-channels/:id': { params: byId, querystring: noQuery },
  'POST /api/reminder-channels/:id/test': { params: byId, querystring: noQuery, body: strict({}) },
  'GET /api/deliveries': { querystring: strict({ status: z.enum(['all', ...DELIVERY_STATUSES]).optional() }) },
  'POST /api/deliveries/:id/resend': { params: byId, querystring: noQuery, body: strict({}) },
  'POST /api/supervision/run': { querystring: noQuery, body: strict({ dryRun: z.boolean().optional() }) },
  'GET /api/supervision/weekly': { querystring: strict({ day: isoDay.optional() }) },
  'GET /api/supervision/monthly': { querystring: strict({ month: isoMonth, issuer: text(100).optional() }) },
  'GET /api/assessment': { querystring: noQuery },
  'GET /api/assessment/:source': { params: source, querystring: noQuery },
  'GET /api/sources/:source/supervision': { params: source, querystring: noQuery },
  'PUT /api/sources/:source/supervision': {
    params: source,
    querystring: noQuery,
    body: strict({
      report: cadence.optional(),
      phasedReport: cadence.optional(),
      unitReport: z.record(text(100).min(1), cadence).optional(),
      dueSoonDays: z.array(z.number().int().min(0).max(90)).min(1).max(5).optional(),
      noticeAfterYellowRuns: z.number().int().min(1).max(30).optional(),
      listedAfterOverdueDays: z.number().int().min(0).max(365).optional(),
      talkAfterOverdueDays: z.number().int().min(0).max(730).optional(),
      leads: strict({
        duringMonths: z.number().int().min(1).max(24),
        afterMonths: z.number().int().min(1).max(24),
        trackEveryMonths: z.number().int().min(1).max(24),
      }).optional(),
    }),
  },
} as const;
