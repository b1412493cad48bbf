// The 绩效目标表 of a year: uploaded and kept (refused row by row, nothing saved), changed with its version,
// approved by the leadership or the office, and the year's self-evaluation started from it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  approveTargets,
  copyTargetsToNextYear,
  deleteTargets,
  evaluationFromTargetTable,
  getTargets,
  importTargets,
  listTargets,
  saveTargets,
} from '../../services/perf-targets.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';
import { importOwner } from '../upload-owner.ts';
import { readUploads, type Upload } from '../uploads.ts';

export function perfTargetRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ledger.db;
  const tags = ['绩效自评'];
  r.get(
    '/api/perf-targets',
    { schema: { ...contract('GET /api/perf-targets'), tags, summary: '绩效目标表列表（是否审定、是否已开始年度自评）' } },
    async (req) => ({ items: await listTargets(db, viewerWith(req, 'read').scope) }),
  );
  r.post(
    '/api/perf-targets',
    {
      schema: {
        ...contract('POST /api/perf-targets'),
        tags,
        summary: '上传一份绩效目标表（.xlsx、.docx、.pdf、.txt 等）并保存；有任何一行无法读取则不保存',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      const up = await readUploads(req, {
        maxBytes: maxUploadBytes,
        maxFiles: 1,
        fields: ['owner'],
        unnamed: '绩效目标表',
        missing: '请选择绩效目标表文件',
      });
      return { id: (await importTargets(ledger, up.files[0] as Upload, v.displayName, importOwner(v, up.fields.owner))).id };
    },
  );
  r.get('/api/perf-targets/:id', { schema: { ...contract('GET /api/perf-targets/:id'), tags, summary: '一份绩效目标表' } }, async (req) =>
    getTargets(db, req.params.id, viewerWith(req, 'read').scope),
  );
  r.put(
    '/api/perf-targets/:id',
    { schema: { ...contract('PUT /api/perf-targets/:id'), tags, summary: '修改绩效目标表（带版本号；已审定的须重新审定）' } },
    async (req) => {
      const v = viewerWith(req, 'import');
      return saveTargets(db, req.params.id, req.body.targets, req.body.version, v.displayName, v.scope);
    },
  );
  r.post(
    '/api/perf-targets/:id/approve',
    { schema: { ...contract('POST /api/perf-targets/:id/approve'), tags, summary: '审定绩效目标表' } },
    async (req) => {
      const v = viewerWith(req, 'approve-targets');
      await approveTargets(db, req.params.id, req.body.version, v.displayName, v.scope, today());
      return { ok: true };
    },
  );
  r.post(
    '/api/perf-targets/:id/evaluation',
    { schema: { ...contract('POST /api/perf-targets/:id/evaluation'), tags, summary: '据审定的绩效目标表开始年度自评' } },
    async (req) => {
      const v = viewerWith(req, 'import');
      return { id: await evaluationFromTargetTable(ledger, req.params.id, v.displayName, v.scope) };
    },
  );
  r.post(
    '/api/perf-targets/:id/next-year',
    {
      schema: {
        ...contract('POST /api/perf-targets/:id/next-year'),
        tags,
        summary: '以本年度绩效目标表为底稿，建立下一年度的绩效目标表（待修改、审定）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return { id: await copyTargetsToNextYear(db, req.params.id, v.displayName, v.scope) };
    },
  );
  r.delete(
    '/api/perf-targets/:id',
    { schema: { ...contract('DELETE /api/perf-targets/:id'), tags, summary: '删除尚未审定的绩效目标表（误传、重复）' } },
    async (req) => {
      const v = viewerWith(req, 'import');
      await deleteTargets(db, req.params.id, v.displayName, v.scope);
      return { ok: true };
    },
  );
}
