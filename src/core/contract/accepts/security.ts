// What the security and audit routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { idParam, isoDay, noQuery, positiveInt, strict, text } from '../input.ts';
import { role } from '../values.ts';

const byId = strict({ id: idParam });
const whole = z.number().int();

const auditFilter = {
  actor: text(50).optional(),
  entity: text(40).optional(),
  action: text(40).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};

export const securityAccepts = {
  'PUT /api/users/:id/role': { params: byId, querystring: noQuery, body: strict({ role: role.nullable(), version: positiveInt }) },
  'POST /api/users/:id/unlock': { params: byId, querystring: noQuery },
  'DELETE /api/users/:id/second-factor': { params: byId, querystring: noQuery },
  'GET /api/security-policy': { querystring: noQuery },
  'PUT /api/security-policy': {
    querystring: noQuery,
    body: strict({
      minLength: whole,
      classes: whole,
      passphraseLength: whole,
      expiryDays: whole,
      historyCount: whole,
      idleMinutes: whole,
      absoluteHours: whole,
      secondFactorRoles: z.array(role).max(8),
      version: z.number().int().min(0),
    }),
  },
  'GET /api/audit/events': {
    querystring: strict({ ...auditFilter, page: z.coerce.number().int().min(1).max(100_000).default(1) }),
  },
  'GET /api/audit/events/export': { querystring: strict(auditFilter) },
  'GET /api/audit/chain': { querystring: noQuery },
} as const;
