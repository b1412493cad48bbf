// What the admin routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { idParam, noQuery, positiveInt, strict, text } from '../input.ts';
import { unitKind } from '../admin.ts';

const byId = strict({ id: idParam });

export const adminAccepts = {
  'GET /api/units': { querystring: noQuery },
  'POST /api/units': {
    querystring: noQuery,
    body: strict({ name: text(100).min(1), kind: unitKind.optional(), parent: text(100).optional() }),
  },
  'PUT /api/units/:id': {
    params: byId,
    querystring: noQuery,
    body: strict({
      name: text(100).min(1).optional(),
      kind: unitKind.optional(),
      parent: text(100).nullable().optional(),
      email: text(100).optional(),
      version: positiveInt,
    }),
  },
  'PUT /api/units/:id/retired': { params: byId, querystring: noQuery, body: strict({ retired: z.boolean() }) },
  'GET /api/people': { querystring: noQuery },
  'POST /api/people': {
    querystring: noQuery,
    body: strict({ name: text(50).min(1), unit: text(100).optional(), post: text(50).optional(), phone: text(30).optional() }),
  },
  'GET /api/users': { querystring: noQuery },
  'POST /api/users': {
    querystring: noQuery,
    body: strict({
      username: text(40).min(2),
      displayName: text(50).min(1),
      password: text(200).min(8),
      unit: text(100).nullable().optional(),
    }),
  },
  'PUT /api/users/:id': {
    params: byId,
    querystring: noQuery,
    body: strict({
      displayName: text(50).min(1).optional(),
      unit: text(100).nullable().optional(),
      version: positiveInt,
    }),
  },
  'POST /api/users/:id/password-reset': { params: byId, querystring: noQuery },
  'PUT /api/users/:id/active': { params: byId, querystring: noQuery, body: strict({ active: z.boolean() }) },
  'GET /api/backups': { querystring: noQuery },
  'POST /api/backups': { querystring: noQuery },
  'GET /api/backups/:name': { params: strict({ name: text(80) }), querystring: noQuery },
} as const;
