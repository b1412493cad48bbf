// Budget performance self-evaluation over HTTP: the list, one evaluation with its scores, a file in, an edit (and
// scoring an edit before it is saved), the 自评表 out, its problems onto the ledger.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Evaluation } from '../../core/perf/evaluation.ts';
import { scoreEvaluation, WEIGHT_SCHEMES } from '../../core/perf/score-evaluation.ts';
import { ROUNDINGS } from '../../core/perf/scoring.ts';
import {
  evaluationToLedger,
  exportEvaluation,
  getEvaluation,
  importEvaluation,
  listEvaluations,
  placedFindings,
  saveEvaluation,
} from '../../services/perf-evaluations.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { readUploads, type Upload } from '../uploads.ts';
import { DOCX, sendFile, XLSX } from '../download.ts';
import { idParam, importOwner, noQuery, positiveInt, strict, text } from '../input.ts';
import { INT_MAX } from '../../core/limits.ts';
import { answer } from '../answer.ts';

const figure = z.number().finite().min(0).max(1e12).nullable();
const amount = z.number().finite().min(-1e12).max(1e12);
/** the line of the file a part was read from, which an evaluation keeps through an edit */
const line = z.number().int().min(1).max(INT_MAX).nullable().optional();
/** An evaluation as the edit screen sends it: every figure a number or empty, every text bounded. */
export const evaluationSchema = strict({
  unit: text(200),
  year: z.number().int().min(2000).max(2100).nullable(),
  budget: strict({
    initial: figure,
    adjusted: figure.optional(),
    executed: figure,
    weight: figure,
    rate: figure,
    score: figure,
    line,
  }).nullable(),
  funding: z.array(strict({ source: text(100), amount, line })).max(20),
  spending: z.array(strict({ type: text(100), amount, line })).max(20),
  staffing: strict({ authorized: figure, actual: figure, controlRate: figure, line }).nullable(),
  indicators: z
    .array(
      strict({
        level1: text(100),
        level2: text(100),
        level3: text(300).min(1, '三级指标不能为空'),
        target: text(300),
        actual: text(300),
        weight: figure,
        score: figure,
        deviation: text(2000).nullable(),
        line,
      }),
    )
    .max(500),
  basics: z
    .array(
      strict({
        title: text(200),
        columns: z.array(text(100)).max(20),
        rows: z.array(strict({ label: text(200), values: z.array(amount.nullable()).max(20), line })).max(200),
      }),
    )
    .max(10)
    .default([]),
  totals: strict({ weight: figure, score: figure, line }).nullable(),
  problems: z.array(strict({ text: text(2000), line })).max(200),
  measures: z.array(strict({ text: text(2000), line })).max(200),
});

const scoreOptions = strict({
  rounding: z.enum(ROUNDINGS.map((r) => `${r.mode}${r.decimals}`) as [string, ...string[]]).optional(),
  scheme: z.enum(WEIGHT_SCHEMES.map((s) => s.id) as [string, ...string[]]).optional(),
});
const roundingOf = (name: string | undefined) => ROUNDINGS.find((r) => `${r.mode}${r.decimals}` === name);

export function perfRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ledger.db;
  const id = strict({ id: idParam });

  r.get(
    '/api/perf',
    {
      schema: {
        response: answer('GET /api/perf'),
        tags: ['绩效自评'],
        summary: '绩效自评列表（得分、等级、是否已转入台账）',
        querystring: noQuery,
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
        response: answer('POST /api/perf'),
        tags: ['绩效自评'],
        summary: '上传一份绩效自评（.txt、.docx、.pdf、.xlsx）：读取、计分并保存；有单元格无法读取则不保存',
        querystring: noQuery,
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
        response: answer('GET /api/perf/:id'),
        tags: ['绩效自评'],
        summary: '一份绩效自评及其计分',
        params: id,
        querystring: scoreOptions,
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      const x = await getEvaluation(db, req.params.id, { rounding: roundingOf(req.query.rounding), scheme: req.query.scheme }, v.scope);
      return { ...x, scored: { ...x.scored, findings: placedFindings(x.scored.findings, (l) => `第${l}行`) } };
    },
  );

  r.post(
    '/api/perf/score',
    {
      schema: {
        response: answer('POST /api/perf/score'),
        tags: ['绩效自评'],
        summary: '按计分规则为一份（未保存的）绩效自评计分',
        querystring: noQuery,
        body: strict({ evaluation: evaluationSchema, ...scoreOptions.shape }),
      },
    },
    async (req) => {
      viewerWith(req, 'read');
      return scoreEvaluation(req.body.evaluation as Evaluation, { rounding: roundingOf(req.body.rounding), scheme: req.body.scheme });
    },
  );

  r.put(
    '/api/perf/:id',
    {
      schema: {
        response: answer('PUT /api/perf/:id'),
        tags: ['绩效自评'],
        summary: '保存对绩效自评的修改（带版本号，他人已改则拒绝）',
        params: id,
        querystring: noQuery,
        body: strict({ evaluation: evaluationSchema, version: positiveInt }),
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return saveEvaluation(db, req.params.id, req.body.evaluation as Evaluation, req.body.version, v.displayName, v.scope);
    },
  );

  r.get(
    '/api/perf/:id/export/:format',
    {
      schema: {
        response: answer('GET /api/perf/:id/export/:format'),
        tags: ['绩效自评'],
        summary: '导出自评表（xlsx 或 docx）',
        params: id.extend({ format: z.enum(['xlsx', 'docx']) }),
        querystring: noQuery,
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'read');
      const f = await exportEvaluation(db, req.params.id, req.params.format, today(), v.scope);
      return sendFile(reply, f.fileName, req.params.format === 'xlsx' ? XLSX : DOCX, f.bytes);
    },
  );

  r.post(
    '/api/perf/:id/to-ledger',
    {
      schema: {
        response: answer('POST /api/perf/:id/to-ledger'),
        tags: ['绩效自评'],
        summary: '把存在的问题和未达成的指标转入整改台账（只能一次）',
        params: id,
        querystring: noQuery,
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return evaluationToLedger(ledger, req.params.id, v.displayName, today(), v.scope);
    },
  );
}
