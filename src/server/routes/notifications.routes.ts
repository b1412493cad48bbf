// In-app notifications: the reminders, warnings and escalations about problems within the viewer's scope.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listNotifications, markRead } from '../../services/notifications.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { idParam, noQuery, strict } from '../input.ts';

export function notificationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['督办'],
        summary: '站内提醒：临近时限、超期、未按时报送、预警、升级督办',
        querystring: strict({ status: z.enum(['pending', 'all']).optional() }),
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return listNotifications(db, { scope: v.scope, status: req.query.status });
    },
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['督办'], summary: '标为已读', params: strict({ id: idParam }), querystring: noQuery } },
    async (req) => {
      const v = viewerWith(req, 'read');
      await markRead(db, req.params.id, v.scope);
      return { ok: true };
    },
  );
}
