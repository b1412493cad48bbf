// Changing a problem: each route asks for its capability, passes the viewer's scope (so a problem outside it is
// "not found") and the version the page was showing (so a stale page is refused).
import { z } from 'zod';
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
import { HttpError } from '../errors.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');
const params = z.object({ code: z.string().max(40) });
const version = { version: z.number().int().positive().optional(), at: isoDay.optional() };
const money = z.enum(['元', '万元', '亿元']);

export function actionRoutes(app: FastifyInstance, db: Db, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const who = (req: FastifyRequest, cap: Capability, body: { version?: number | undefined; at?: string | undefined }) => {
    const v = viewerWith(req, cap);
    return { actor: v.displayName, at: body.at ?? today(), expectedVersion: body.version, scope: v.scope };
  };
  const tags = ['整改操作'];

  r.post('/api/problems/:code/assign', {
    schema: {
      tags, summary: '认领与分工：牵头单位、配合单位、责任领导、责任人、时限、类别、目标、应改金额', params,
      body: z.object({
        ...version,
        leadUnit: z.string().max(100).nullable().optional(),
        cooperatingUnits: z.array(z.string().max(100)).max(50).optional(),
        leadLeader: z.string().max(50).nullable().optional(),
        responsiblePerson: z.string().max(50).nullable().optional(),
        deadline: isoDay.nullable().optional(),
        triage: z.enum(['immediate', 'deadline', 'long-term']).nullable().optional(),
        target: z.string().max(2000).nullable().optional(),
        amountDue: z.object({ amount: z.string().max(30), unit: money }).nullable().optional(),
      }),
    },
  }, async (req) => {
    await assignProblem(db, req.params.code, who(req, 'assign', req.body), req.body);
    return { ok: true };
  });

  r.post('/api/problems/bulk-assign', {
    schema: {
      tags, summary: '批量分工或调整时限（全部成功或全部不改）',
      body: z.object({
        codes: z.array(z.string().max(40)).min(1).max(500),
        leadUnit: z.string().max(100).nullable().optional(),
        deadline: isoDay.nullable().optional(),
        triage: z.enum(['immediate', 'deadline', 'long-term']).nullable().optional(),
      }),
    },
  }, async (req) => {
    const { codes, ...a } = req.body;
    return { updated: await assignProblems(db, codes, who(req, 'assign', {}), a) };
  });

  r.post('/api/problems/:code/progress', {
    schema: { tags, summary: '报告整改进展', params, body: z.object({ ...version, text: z.string().min(1).max(5000), progress: z.number().int().min(0).max(100).optional(), measure: z.number().int().positive().optional() }) },
  }, async (req) => {
    await reportProgress(db, req.params.code, who(req, 'report-progress', req.body), req.body);
    return { ok: true };
  });

  r.post('/api/problems/:code/evidence', { schema: { tags, summary: '上传佐证材料（multipart，字段 file）', params } }, async (req) => {
    const w = who(req, 'upload-evidence', {});
    const file = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
    if (!file) throw new HttpError(400, 'NO_FILE', '请选择要上传的文件');
    const bytes = new Uint8Array(await file.toBuffer());
    const id = await addEvidence(db, req.params.code, w, { name: file.filename || '未命名', bytes });
    return { id };
  });

  r.post('/api/problems/:code/closure', {
    schema: { tags, summary: '申请销号（须附佐证材料）', params, body: z.object({ ...version, evidence: z.array(z.number().int().positive()).max(100), note: z.string().max(2000).optional() }) },
  }, async (req) => ({ id: await requestClosure(db, req.params.code, who(req, 'request-closure', req.body), req.body) }));

  r.post('/api/problems/:code/closure/decision', {
    schema: { tags, summary: '审核销号申请：同意销号，或退回并写明理由', params, body: z.object({ ...version, accept: z.boolean(), reason: z.string().max(2000).optional() }) },
  }, async (req) => ({ status: await decideClosure(db, req.params.code, who(req, 'decide-closure', req.body), req.body) }));

  r.post('/api/problems/:code/extension', {
    schema: { tags, summary: '申请延期', params, body: z.object({ ...version, newDeadline: isoDay, reason: z.string().min(1).max(2000) }) },
  }, async (req) => ({ id: await requestExtension(db, req.params.code, who(req, 'request-extension', req.body), req.body) }));

  r.post('/api/problems/:code/extension/decision', {
    schema: { tags, summary: '审批延期申请', params, body: z.object({ ...version, approve: z.boolean(), reason: z.string().max(2000).optional() }) },
  }, async (req) => ({ deadline: await decideExtension(db, req.params.code, who(req, 'decide-extension', req.body), req.body) }));

  r.post('/api/problems/:code/supervision', {
    schema: { tags, summary: '督办：提醒、督办单、挂牌督办、约谈、通报、问责', params, body: z.object({ ...version, kind: z.enum(['reminder', 'notice', 'listed', 'talk', 'circular', 'accountability']), note: z.string().max(2000).optional() }) },
  }, async (req) => {
    await recordSupervision(db, req.params.code, who(req, 'supervise', req.body), req.body);
    return { ok: true };
  });

  r.post('/api/problems/:code/lookback', {
    schema: { tags, summary: '回头看：巩固，或反弹后重新整改', params, body: z.object({ ...version, result: z.enum(['consolidated', 'relapsed']), note: z.string().max(2000).optional() }) },
  }, async (req) => ({ status: await recordLookback(db, req.params.code, who(req, 'lookback', req.body), req.body) }));

  r.post('/api/problems/:code/outcomes', {
    schema: {
      tags, summary: '记录整改成果：资金、制度、问责、会议', params,
      body: z.discriminatedUnion('kind', [
        z.object({ ...version, kind: z.literal('money'), moneyKind: z.enum(['recovered', 'treasury', 'returned', 'disbursed', 'other']), amount: z.string().max(30), unit: money, note: z.string().max(2000).optional() }),
        z.object({ ...version, kind: z.literal('institution'), title: z.string().min(1).max(200), edition: z.string().max(20).optional(), action: z.string().max(10).optional(), note: z.string().max(2000).optional() }),
        z.object({ ...version, kind: z.literal('accountability'), people: z.number().int().positive(), how: z.string().min(1).max(200), note: z.string().max(2000).optional() }),
        z.object({ ...version, kind: z.literal('meeting'), count: z.number().int().positive(), note: z.string().max(2000).optional() }),
      ]),
    },
  }, async (req) => ({ id: await recordOutcome(db, req.params.code, who(req, 'record-outcome', req.body), req.body) }));
}
