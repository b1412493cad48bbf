// Public supervision, the office's side: publish a source's 通报 to the public part, and work the queue of what the
// public sent. Publishing is the office's (capability `publish`); the queue is read and handled by whoever has
// `intake` in the scope of the source it concerns.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  handleSubmission,
  listSubmissions,
  publicationsOf,
  publishTongbao,
  submissionContact,
  submissionDetail,
} from '../../services/public-supervision.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';

export function publicSupervisionRoutes(app: FastifyInstance, db: Db, today: () => string, publicUrl: string | null): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['社会监督'];
  r.get(
    '/api/sources/:source/publications',
    { schema: { ...contract('GET /api/sources/:source/publications'), tags, summary: '整改来源已公开发布的通报' } },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { publicUrl, items: await publicationsOf(db, req.params.source, v.scope, today()) };
    },
  );
  r.post(
    '/api/sources/:source/publications',
    { schema: { ...contract('POST /api/sources/:source/publications'), tags, summary: '发布通报公开版，开始公开期限' } },
    async (req) => {
      const v = viewerWith(req, 'publish');
      return publishTongbao(db, req.params.source, req.body, { actor: v.displayName, scope: v.scope, today: today() });
    },
  );
  r.get('/api/submissions', { schema: { ...contract('GET /api/submissions'), tags, summary: '群众反映受理台账' } }, async (req) => {
    const v = viewerWith(req, 'intake');
    return { items: await listSubmissions(db, v.scope, { source: req.query.source, state: req.query.state }) };
  });
  r.get(
    '/api/submissions/:ref',
    { schema: { ...contract('GET /api/submissions/:ref'), tags, summary: '一件群众反映（联系方式已遮盖）' } },
    async (req) => {
      const v = viewerWith(req, 'intake');
      return submissionDetail(db, req.params.ref, v.scope);
    },
  );
  r.get(
    '/api/submissions/:ref/contact',
    { schema: { ...contract('GET /api/submissions/:ref/contact'), tags, summary: '查看反映人的完整联系方式和原文（记入审计日志）' } },
    async (req) => {
      const v = viewerWith(req, 'intake');
      return submissionContact(db, req.params.ref, v.scope, { actor: v.displayName, account: v.username, ip: req.ip });
    },
  );
  r.post(
    '/api/submissions/:ref/actions',
    {
      schema: {
        ...contract('POST /api/submissions/:ref/actions'),
        tags,
        summary: '办理群众反映：阅知、答复、关联问题、新增问题或移交为问题线索',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'intake');
      const { version, ...action } = req.body;
      return handleSubmission(db, req.params.ref, action, version, { actor: v.displayName, scope: v.scope, today: today() });
    },
  );
}
