// The leads register over HTTP: read by 纪检, 监督 and administrators only (capability `leads`), every change
// versioned and logged like a problem's.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { leadDetail, leadFigures, listLeads, recordLeadStep, registerLead, setProblemLink } from '../../services/leads.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';

export function leadsRoutes(app: FastifyInstance, db: Db, today: () => string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['问题线索'];
  r.get('/api/leads', { schema: { ...contract('GET /api/leads'), tags, summary: '问题线索台账（按日期的办理状态）' } }, async (req) => {
    const v = viewerWith(req, 'leads');
    const q = req.query;
    return { items: await listLeads(db, v.scope, { asOf: q.asOf ?? today(), source: q.source, state: q.state }) };
  });
  r.post('/api/leads', { schema: { ...contract('POST /api/leads'), tags, summary: '登记移交的问题线索' } }, async (req) => {
    const v = viewerWith(req, 'leads');
    return registerLead(db, req.body, { actor: v.displayName, scope: v.scope, today: today() });
  });
  r.get(
    '/api/leads/figures',
    { schema: { ...contract('GET /api/leads/figures'), tags, summary: '问题线索统计：收到、办结、逾期、办结率及报告表述' } },
    async (req) => {
      const v = viewerWith(req, 'leads');
      return leadFigures(db, v.scope, { asOf: req.query.asOf ?? today(), source: req.query.source });
    },
  );
  r.get('/api/leads/:code', { schema: { ...contract('GET /api/leads/:code'), tags, summary: '一条问题线索及其办理记录' } }, async (req) => {
    const v = viewerWith(req, 'leads');
    return leadDetail(db, req.params.code, v.scope, req.query.asOf ?? today());
  });
  r.post(
    '/api/leads/:code/steps',
    { schema: { ...contract('POST /api/leads/:code/steps'), tags, summary: '登记线索办理进展或处置（办结）' } },
    async (req) => {
      const v = viewerWith(req, 'leads');
      const { version, ...step } = req.body;
      return recordLeadStep(
        db,
        req.params.code,
        { ...step, expectedVersion: version },
        { actor: v.displayName, scope: v.scope, today: today() },
      );
    },
  );
  r.post(
    '/api/leads/:code/problems',
    { schema: { ...contract('POST /api/leads/:code/problems'), tags, summary: '关联或取消关联等待该线索核查的问题' } },
    async (req) => {
      const v = viewerWith(req, 'leads');
      await setProblemLink(db, req.params.code, req.body.problem, req.body.linked, {
        actor: v.displayName,
        scope: v.scope,
        today: today(),
      });
      return { ok: true };
    },
  );
}
