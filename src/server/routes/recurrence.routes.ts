import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decideMatch, matchesOf } from '../../services/recurrence.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';

export function recurrenceRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/problems/:code/matches',
    {
      schema: {
        ...contract('GET /api/problems/:code/matches'),
        tags: ['督办'],
        summary: '与以往问题相似（屡审屡犯、共性问题）及相似度',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { items: await matchesOf(db, req.params.code, v.scope) };
    },
  );
  r.post(
    '/api/matches/:id/decision',
    {
      schema: {
        ...contract('POST /api/matches/:id/decision'),
        tags: ['督办'],
        summary: '确认或排除一条相似问题',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'supervise');
      await decideMatch(db, req.params.id, req.body.confirm, v.displayName, v.scope);
      return { ok: true };
    },
  );
}
