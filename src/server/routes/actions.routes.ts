import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Capability } from '../../core/access/permissions.ts';
import {
  addEvidence,
  assignProblem,
  assignProblems,
  decideClosure,
  decideExtension,
  recordLookback,
  recordOutcome,
  recordSupervision,
  reportProgress,
  requestClosure,
  requestExtension,
} from '../../services/problem-actions.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { readUploads, type Upload } from '../uploads.ts';
import { contract } from '../contract.ts';
export function actionRoutes(app: FastifyInstance, db: Db, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const who = (req: FastifyRequest, cap: Capability, body: { version?: number | undefined; at?: string | undefined }) => {
    const v = viewerWith(req, cap);
    return { actor: v.displayName, at: body.at ?? today(), expectedVersion: body.version, scope: v.scope };
  };
  const tags = ['整改操作'];

  r.post(
    '/api/problems/:code/assign',
    {
      schema: {
        ...contract('POST /api/problems/:code/assign'),
        tags,
        summary: '认领与分工：牵头单位、配合单位、责任领导、责任人、时限、类别、目标、应改金额',
      },
    },
    async (req) => {
      await assignProblem(db, req.params.code, who(req, 'assign', req.body), req.body);
      return { ok: true };
    },
  );

  r.post(
    '/api/problems/bulk-assign',
    {
      schema: {
        ...contract('POST /api/problems/bulk-assign'),
        tags,
        summary: '批量分工或调整时限（全部成功或全部不改）',
      },
    },
    async (req) => {
      const { codes, ...a } = req.body;
      return { updated: await assignProblems(db, codes, who(req, 'assign', {}), a) };
    },
  );

  r.post(
    '/api/problems/:code/progress',
    {
      schema: {
        ...contract('POST /api/problems/:code/progress'),
        tags,
        summary: '报告整改进展',
      },
    },
    async (req) => {
      await reportProgress(db, req.params.code, who(req, 'report-progress', req.body), req.body);
      return { ok: true };
    },
  );

  r.post(
    '/api/problems/:code/evidence',
    {
      schema: {
        ...contract('POST /api/problems/:code/evidence'),
        tags,
        summary: '上传佐证材料（multipart，字段 file）',
      },
    },
    async (req) => {
      const w = who(req, 'upload-evidence', {});
      const [file] = (await readUploads(req, { maxBytes: maxUploadBytes, maxFiles: 1, unnamed: '未命名', missing: '请选择要上传的文件' }))
        .files as [Upload];
      return addEvidence(db, req.params.code, w, { name: file.name, bytes: file.bytes });
    },
  );

  r.post(
    '/api/problems/:code/closure',
    {
      schema: {
        ...contract('POST /api/problems/:code/closure'),
        tags,
        summary: '申请销号（须附佐证材料）',
      },
    },
    async (req) => ({ id: await requestClosure(db, req.params.code, who(req, 'request-closure', req.body), req.body) }),
  );

  r.post(
    '/api/problems/:code/closure/decision',
    {
      schema: {
        ...contract('POST /api/problems/:code/closure/decision'),
        tags,
        summary: '审核销号申请：同意销号，或退回并写明理由',
      },
    },
    async (req) => ({ status: await decideClosure(db, req.params.code, who(req, 'decide-closure', req.body), req.body) }),
  );

  r.post(
    '/api/problems/:code/extension',
    {
      schema: {
        ...contract('POST /api/problems/:code/extension'),
        tags,
        summary: '申请延期',
      },
    },
    async (req) => ({ id: await requestExtension(db, req.params.code, who(req, 'request-extension', req.body), req.body) }),
  );

  r.post(
    '/api/problems/:code/extension/decision',
    {
      schema: {
        ...contract('POST /api/problems/:code/extension/decision'),
        tags,
        summary: '审批延期申请',
      },
    },
    async (req) => ({ deadline: await decideExtension(db, req.params.code, who(req, 'decide-extension', req.body), req.body) }),
  );

  r.post(
    '/api/problems/:code/supervision',
    {
      schema: {
        ...contract('POST /api/problems/:code/supervision'),
        tags,
        summary: '督办：提醒、督办单、挂牌督办、约谈、通报、问责',
      },
    },
    async (req) => {
      await recordSupervision(db, req.params.code, who(req, 'supervise', req.body), req.body);
      return { ok: true };
    },
  );

  r.post(
    '/api/problems/:code/lookback',
    {
      schema: {
        ...contract('POST /api/problems/:code/lookback'),
        tags,
        summary: '回头看：巩固，或反弹后重新整改',
      },
    },
    async (req) => ({ status: await recordLookback(db, req.params.code, who(req, 'lookback', req.body), req.body) }),
  );

  r.post(
    '/api/problems/:code/outcomes',
    {
      schema: {
        ...contract('POST /api/problems/:code/outcomes'),
        tags,
        summary: '记录整改成果：资金、制度、问责、会议',
      },
    },
    async (req) => ({ id: await recordOutcome(db, req.params.code, who(req, 'record-outcome', req.body), req.body) }),
  );
}
