import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assessSource, compareSources } from '../../services/effectiveness.ts';
import type { Db } from '../../services/ledger.ts';
import { setSupervisionPolicy, supervisionPolicy } from '../../services/source-settings.ts';
import { prepareDigests } from '../../services/supervision-delivery.ts';
import { addChannel, listChannels, listDeliveries, resendDelivery, removeChannel, testChannel } from '../../services/reminder-channels.ts';
import type { PostReminder } from '../../services/mail.ts';
import { monthlyCircularDocument, weeklySheet } from '../../services/supervision-reports.ts';
import { runSupervision } from '../../services/supervision-run.ts';
import { viewerWith } from '../auth.ts';
import { DOCX, sendFile, XLSX } from '../download.ts';
import { contract } from '../contract.ts';
import { RECTIFICATION_OFFICE } from '../../core/vocabulary.ts';
export function supervisionRoutes(
  app: FastifyInstance,
  db: Db,
  today: () => string,
  now: () => string,
  reminders: { post: PostReminder; appUrl: string | null },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/supervision/run',
    {
      schema: {
        ...contract('POST /api/supervision/run'),
        tags: ['督办'],
        summary: '立即运行一次督办（dryRun 只看将产生什么）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'supervise');
      const run = await runSupervision(db, { at: now(), dryRun: req.body.dryRun, actor: v.displayName });
      const digests = run.dryRun ? 0 : await prepareDigests(db, run.day, new Date(), reminders.appUrl);
      return { ...run, digests };
    },
  );
  r.get(
    '/api/supervision/weekly',
    {
      schema: {
        ...contract('GET /api/supervision/weekly'),
        tags: ['督办'],
        summary: '一周一调度：调度表（.xlsx）',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'export');
      const s = await weeklySheet(db, {
        day: req.query.day ?? today(),
        today: today(),
        scope: v.scope,
        generatedBy: `${v.displayName}（${v.username}）`,
      });
      return sendFile(reply, s.fileName, XLSX, s.bytes);
    },
  );
  r.get(
    '/api/supervision/monthly',
    {
      schema: {
        ...contract('GET /api/supervision/monthly'),
        tags: ['督办'],
        summary: '每月一通报：月度通报（.docx），单位排名',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'export');
      const d = await monthlyCircularDocument(db, {
        month: req.query.month,
        today: today(),
        issuer: req.query.issuer ?? RECTIFICATION_OFFICE,
        scope: v.scope,
        generatedBy: `${v.displayName}（${v.username}）`,
      });
      return sendFile(reply, d.fileName, DOCX, d.bytes);
    },
  );
  r.get(
    '/api/assessment',
    { schema: { ...contract('GET /api/assessment'), tags: ['督办'], summary: '整改成效评估：各来源比较' } },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { items: await compareSources(db, today(), v.scope) };
    },
  );
  r.get(
    '/api/assessment/:source',
    {
      schema: {
        ...contract('GET /api/assessment/:source'),
        tags: ['督办'],
        summary: '一个来源的整改成效评估，逐项扣分及其依据',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return assessSource(db, req.params.source, today(), v.scope);
    },
  );
  r.get(
    '/api/sources/:source/supervision',
    {
      schema: {
        ...contract('GET /api/sources/:source/supervision'),
        tags: ['督办'],
        summary: '来源的督办设置：报送节奏、临近时限提醒、升级阶梯',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return supervisionPolicy(db, req.params.source, v.scope);
    },
  );
  const tags = ['督办'];
  r.get(
    '/api/reminder-channels',
    { schema: { ...contract('GET /api/reminder-channels'), tags, summary: '提醒渠道（群机器人、短信）' } },
    async (req) => ({
      items: await listChannels(db, viewerWith(req, 'reminders').scope),
    }),
  );
  r.post(
    '/api/reminder-channels',
    { schema: { ...contract('POST /api/reminder-channels'), tags, summary: '为单位或领导新增提醒渠道' } },
    async (req) => {
      const v = viewerWith(req, 'reminders');
      return { id: await addChannel(db, req.body, { actor: v.displayName, scope: v.scope }) };
    },
  );
  r.delete(
    '/api/reminder-channels/:id',
    { schema: { ...contract('DELETE /api/reminder-channels/:id'), tags, summary: '停用提醒渠道' } },
    async (req) => {
      const v = viewerWith(req, 'reminders');
      await removeChannel(db, req.params.id, { actor: v.displayName, scope: v.scope });
      return { ok: true };
    },
  );
  r.post(
    '/api/reminder-channels/:id/test',
    { schema: { ...contract('POST /api/reminder-channels/:id/test'), tags, summary: '向提醒渠道发送一条测试消息' } },
    async (req) => {
      const v = viewerWith(req, 'reminders');
      return testChannel(db, req.params.id, { actor: v.displayName, scope: v.scope }, reminders.post);
    },
  );
  r.get(
    '/api/deliveries',
    { schema: { ...contract('GET /api/deliveries'), tags, summary: '提醒发送情况（邮件、群机器人、短信）' } },
    async (req) => ({
      items: await listDeliveries(db, viewerWith(req, 'reminders').scope, req.query.status ?? 'all'),
    }),
  );
  r.post(
    '/api/deliveries/:id/resend',
    { schema: { ...contract('POST /api/deliveries/:id/resend'), tags, summary: '重发未送达或待核实的提醒' } },
    async (req) => {
      const v = viewerWith(req, 'reminders');
      await resendDelivery(db, req.params.id, { actor: v.displayName, scope: v.scope });
      return { ok: true };
    },
  );
  r.put(
    '/api/sources/:source/supervision',
    {
      schema: {
        ...contract('PUT /api/sources/:source/supervision'),
        tags: ['督办'],
        summary: '修改来源的督办设置',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'supervise');
      return setSupervisionPolicy(db, req.params.source, v.displayName, req.body, v.scope);
    },
  );
}
