import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dashboardStatistics,
  listMeasures,
  listProblems,
  listSources,
  problemDetail,
  statisticsTrend,
} from '../../services/ledger-queries.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { setSourceOwner } from '../../services/source-owner.ts';
import { contract } from '../contract.ts';

export function ledgerRoutes(app: FastifyInstance, db: Db, today: () => string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/sources', { schema: { ...contract('GET /api/sources'), tags: ['台账'], summary: '整改来源列表' } }, async (req) => {
    // the system administrator reads the list (names and owners, no problem's content) to give sources to units
    const v = viewerWith(req, 'read', 'manage-users');
    return { items: await listSources(db, v.scope, today()) };
  });
  r.put(
    '/api/sources/:source/owner',
    {
      schema: {
        ...contract('PUT /api/sources/:source/owner'),
        tags: ['台账'],
        summary: '指定来源的归属单位（系统管理员）：该单位及其上级的整改办、领导、监督可见并管理整个来源；unitId 为 null 则暂不归任何单位',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-users');
      return setSourceOwner(db, { actor: v.displayName, scope: v.scope }, req.params.source, req.body.unitId);
    },
  );
  r.get(
    '/api/stats',
    {
      schema: {
        ...contract('GET /api/stats'),
        tags: ['台账'],
        summary: '统计：总数、各状态、超期、完成率，分方面、单位、类别，成果',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return dashboardStatistics(db, { source: req.query.source, asOf: req.query.asOf, today: today(), scope: v.scope });
    },
  );
  r.get(
    '/api/problems',
    {
      schema: {
        ...contract('GET /api/problems'),
        tags: ['台账'],
        summary: '问题清单（筛选、搜索、排序、分页）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      const q = req.query;
      return listProblems(db, {
        ...q,
        overdue: q.overdue === 'true',
        open: q.open === 'true',
        supervised: q.supervised === 'true',
        today: today(),
        scope: v.scope,
      });
    },
  );
  r.get(
    '/api/stats/trend',
    {
      schema: {
        ...contract('GET /api/stats/trend'),
        tags: ['台账'],
        summary: '完成情况趋势：近几个月每月末与今天',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { points: await statisticsTrend(db, { today: today(), months: req.query.months, source: req.query.source, scope: v.scope }) };
    },
  );
  r.get(
    '/api/measures',
    {
      schema: {
        ...contract('GET /api/measures'),
        tags: ['台账'],
        summary: '任务清单：整改措施及其责任单位、责任人、时限',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return listMeasures(db, { ...req.query, scope: v.scope, today: today() });
    },
  );
  r.get(
    '/api/problems/:code',
    {
      schema: {
        ...contract('GET /api/problems/:code'),
        tags: ['台账'],
        summary: '问题详情与完整记录',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return problemDetail(db, req.params.code, today(), v.scope);
    },
  );
}
