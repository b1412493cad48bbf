import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listNotifications, markRead, unreadNotifications } from '../../services/notifications.ts';
import { todoFor } from '../../services/todo.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';

export function notificationRoutes(app: FastifyInstance, db: Db, today: () => string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['督办'];
  r.get(
    '/api/notifications',
    {
      schema: {
        ...contract('GET /api/notifications'),
        tags,
        summary: '站内提醒（同一问题同一天的合为一条）：临近时限、超期、未按时报送、预警、升级督办',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return listNotifications(db, { scope: v.scope, userId: v.id, status: req.query.status });
    },
  );
  r.get(
    '/api/notifications/unread',
    { schema: { ...contract('GET /api/notifications/unread'), tags, summary: '未读提醒数' } },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { pending: await unreadNotifications(db, { scope: v.scope, userId: v.id }) };
    },
  );
  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        ...contract('POST /api/notifications/:id/read'),
        tags,
        summary: '标为已读',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      await markRead(db, [req.params.id], { scope: v.scope, userId: v.id });
      return { ok: true };
    },
  );
  r.post(
    '/api/notifications/read',
    {
      schema: {
        ...contract('POST /api/notifications/read'),
        tags,
        summary: '标为已读：所列各条（ids），或全部未读（all）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { read: await markRead(db, 'ids' in req.body ? req.body.ids : 'all', { scope: v.scope, userId: v.id }) };
    },
  );
  r.get(
    '/api/todo',
    {
      schema: {
        ...contract('GET /api/todo'),
        tags,
        summary: '待办：待审核的销号、待审批的延期、应报送的进展、待回复的督办',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return todoFor(db, v, today());
    },
  );
}
