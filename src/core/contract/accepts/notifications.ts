// What the notifications routes accept: path, query and body, checked for their meaning (core/contract/input.ts).
import { z } from 'zod';
import { idParam, noQuery, positiveInt, strict } from '../input.ts';

export const notificationsAccepts = {
  'GET /api/notifications': { querystring: strict({ status: z.enum(['pending', 'all']).optional() }) },
  'GET /api/notifications/unread': { querystring: noQuery },
  'POST /api/notifications/:id/read': { params: strict({ id: idParam }), querystring: noQuery },
  'POST /api/notifications/read': {
    querystring: noQuery,
    body: z.union([strict({ ids: z.array(positiveInt).min(1).max(1000) }), strict({ all: z.literal(true) })]),
  },
  'GET /api/todo': { querystring: noQuery },
} as const;
