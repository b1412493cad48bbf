import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { scoreEvaluation, WEIGHT_SCHEMES } from '../../core/perf/score-evaluation.ts';
import { ROUNDINGS } from '../../core/perf/scoring.ts';
import {
  evaluationToLedger,
  evaluationReport,
  evaluationYears,
  exportEvaluation,
  getEvaluation,
  importEvaluation,
  listEvaluations,
  saveEvaluation,
} from '../../services/perf-evaluations.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { readUploads, type Upload } from '../uploads.ts';
import { DOCX, sendFile, XLSX } from '../download.ts';
import { importOwner } from '../upload-owner.ts';
import { contract } from '../contract.ts';
import { placedFindings } from '../../core/check/finding.ts';

const roundingOf = (name: string | undefined) => ROUNDINGS.find((r) => `${r.mode}${r.decimals}` === name);

export function perfRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ledger.db;
  r.get(
    '/api/perf',
    {
      schema: {
        ...contract('GET /api/perf'),
        tags: ['绩效自评'],
        summary: '绩效自评列表（得分、等级、是否已转入台账）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return { items: await listEvaluations(db, v.scope), schemes: WEIGHT_SCHEMES.map(({ id, name, source }) => ({ id, name, source })) };
    },
  );

  r.post(
    '/api/perf',
    {
      schema: {
        ...contract('POST /api/perf'),
        tags: ['绩效自评'],
        summary: '上传一份绩效自评（.xlsx、.xls、.docx、.pdf、.txt 等）：读取、计分并保存；有单元格无法读取则不保存',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      const up = await readUploads(req, {
        maxBytes: maxUploadBytes,
        maxFiles: 1,
        fields: ['owner'],
        unnamed: '自评表',
        missing: '请选择绩效自评文件',
      });
      const x = await importEvaluation(ledger, up.files[0] as Upload, v.displayName, importOwner(v, up.fields.owner));
      return { id: x.id, unit: x.evaluation.unit, year: x.evaluation.year, total: x.scored.total, grade: x.scored.grade };
    },
  );

  r.get(
    '/api/perf/:id',
    {
      schema: {
        ...contract('GET /api/perf/:id'),
        tags: ['绩效自评'],
        summary: '一份绩效自评及其计分',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      const x = await getEvaluation(db, req.params.id, { rounding: roundingOf(req.query.rounding), scheme: req.query.scheme }, v.scope);
      return { ...x, scored: { ...x.scored, findings: placedFindings(x.scored.findings, (l) => `第${l}行`) } };
    },
  );

  r.get(
    '/api/perf/:id/years',
    { schema: { ...contract('GET /api/perf/:id/years'), tags: ['绩效自评'], summary: '同一单位历年自评的同名指标对比' } },
    async (req) => evaluationYears(db, req.params.id, viewerWith(req, 'read').scope),
  );

  r.post(
    '/api/perf/score',
    {
      schema: {
        ...contract('POST /api/perf/score'),
        tags: ['绩效自评'],
        summary: '按计分规则为一份（未保存的）绩效自评计分',
      },
    },
    async (req) => {
      viewerWith(req, 'read');
      return scoreEvaluation(req.body.evaluation, { rounding: roundingOf(req.body.rounding), scheme: req.body.scheme });
    },
  );

  r.put(
    '/api/perf/:id',
    {
      schema: {
        ...contract('PUT /api/perf/:id'),
        tags: ['绩效自评'],
        summary: '保存对绩效自评的修改（带版本号，他人已改则拒绝）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return saveEvaluation(db, req.params.id, req.body.evaluation, req.body.version, v.displayName, v.scope);
    },
  );

  r.get(
    '/api/perf/:id/export/:format',
    {
      schema: {
        ...contract('GET /api/perf/:id/export/:format'),
        tags: ['绩效自评'],
        summary: '导出自评表（xlsx 或 docx）',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'read');
      const f = await exportEvaluation(db, req.params.id, req.params.format, today(), v.scope);
      return sendFile(reply, f.fileName, req.params.format === 'xlsx' ? XLSX : DOCX, f.bytes);
    },
  );

  r.get(
    '/api/perf/:id/report',
    {
      schema: {
        ...contract('GET /api/perf/:id/report'),
        tags: ['绩效自评'],
        summary: '生成单位整体支出绩效自评报告（docx）：数字取自自评表，整改情况取自台账中指定的来源',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'read');
      const f = await evaluationReport(
        db,
        req.params.id,
        { source: req.query.source, asOf: req.query.day ?? today(), today: today() },
        v.scope,
      );
      return sendFile(reply, f.fileName, DOCX, f.bytes);
    },
  );

  r.post(
    '/api/perf/:id/to-ledger',
    {
      schema: {
        ...contract('POST /api/perf/:id/to-ledger'),
        tags: ['绩效自评'],
        summary: '把存在的问题和未达成的指标转入整改台账（只能一次）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return evaluationToLedger(ledger, req.params.id, v.displayName, today(), v.scope);
    },
  );
}
