// 绩效运行监控 of an approved 绩效目标表: its points and reports, the finance office's settings, a unit's report of a
// point (refused whole where a yellow or red line has no reason), and the monitoring table and report as files.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  monitoringOf,
  monitoringReport,
  monitoringWorkbook,
  reportMonitoring,
  saveMonitoringSettings,
} from '../../services/perf-monitoring.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';
import { DOCX, sendFile, XLSX } from '../download.ts';

export function perfMonitoringRoutes(app: FastifyInstance, ledger: Ledger, today: () => string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ledger.db;
  const tags = ['绩效自评'];
  r.get(
    '/api/perf-targets/:id/monitoring',
    { schema: { ...contract('GET /api/perf-targets/:id/monitoring'), tags, summary: '绩效运行监控：各监控时点、报送情况和督办提醒' } },
    async (req) => monitoringOf(db, req.params.id, viewerWith(req, 'read').scope, today()),
  );
  r.put(
    '/api/perf-targets/:id/monitoring/settings',
    {
      schema: {
        ...contract('PUT /api/perf-targets/:id/monitoring/settings'),
        tags,
        summary: '设置监控频次（每月、每季度、年中）、报送期限和偏差阈值',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'approve-targets');
      await saveMonitoringSettings(db, req.params.id, req.body, v.displayName, v.scope, today());
      return { ok: true };
    },
  );
  r.post(
    '/api/perf-targets/:id/monitoring',
    {
      schema: {
        ...contract('POST /api/perf-targets/:id/monitoring'),
        tags,
        summary: '报送一个监控时点的预算执行和指标完成情况（黄色、红色偏差须写明原因和措施；更正时带版本号）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'report-progress');
      return reportMonitoring(db, req.params.id, req.body, v.displayName, v.scope, today());
    },
  );
  r.get(
    '/api/perf-targets/:id/monitoring/workbook',
    {
      schema: {
        ...contract('GET /api/perf-targets/:id/monitoring/workbook'),
        tags,
        summary: '绩效运行监控表（xlsx，每个已报送的时点一张工作表）',
      },
    },
    async (req, reply) => {
      const f = await monitoringWorkbook(db, req.params.id, viewerWith(req, 'read').scope);
      return sendFile(reply, f.fileName, XLSX, f.bytes);
    },
  );
  r.get(
    '/api/perf-targets/:id/monitoring/:period/report',
    {
      schema: {
        ...contract('GET /api/perf-targets/:id/monitoring/:period/report'),
        tags,
        summary: '一个监控时点的绩效运行监控情况报告（docx）',
      },
    },
    async (req, reply) => {
      const f = await monitoringReport(db, req.params.id, req.params.period, viewerWith(req, 'read').scope, today());
      return sendFile(reply, f.fileName, DOCX, f.bytes);
    },
  );
}
