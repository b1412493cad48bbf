// Documents in: check one without importing it, or import into the ledger (all-or-nothing). Uploads are limited in
// size and read by their content.
import type { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readReportBytesAsJson } from '../../services/read-reports.ts';
import { importDocumentBytes } from '../../services/import-documents.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { readUploads } from '../uploads.ts';
import { sendJson } from '../download.ts';
import { importOwner } from '../upload-owner.ts';
import { TRIAGE_LABEL } from '../../core/vocabulary.ts';
import { contract } from '../contract.ts';
import { corrections as correctionsSchema, progressToken } from '../../core/contract/accepts/report-import.ts';
import { InvalidInput, NotFoundError } from '../../core/errors.ts';
import { uploadProgress, uploadProgressReporter } from '../../services/shared-state.ts';

const CORRECTED: Record<string, string> = {
  title: '标题',
  status: '状态',
  longTerm: TRIAGE_LABEL['long-term'],
  leadUnit: '牵头单位',
  deadline: '整改时限',
  level: '层级',
};

/** "第32行的标题不能超过 500 个字": the first thing wrong in a person's corrections, named by line and field. */
function correctionIssue(error: z.ZodError, raw: unknown): string {
  const issue = error.issues[0];
  if (!issue) return '格式不正确';
  const [index, field] = issue.path;
  const line = Array.isArray(raw) && typeof index === 'number' ? (raw[index] as { line?: unknown } | undefined)?.line : undefined;
  const where = typeof line === 'number' ? `第${line}行的` : '';
  return typeof field === 'string' ? `${where}${CORRECTED[field] ?? field}${issue.message}` : `${where}${issue.message}`;
}

export function reportImportRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/check',
    {
      schema: {
        ...contract('POST /api/check'),
        tags: ['文档'],
        summary: '核验一份报告（不导入）：结构、所述数字与核验发现，附原文各行',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'check');
      const { files, fields } = await readUploads(req, {
        maxBytes: maxUploadBytes,
        maxFiles: 1,
        fields: ['progress'],
        unnamed: '未命名',
        missing: '请选择要上传的文件',
      });
      const [file] = files;
      const onProgress = uploadProgressReporter(ledger.db, progressTokenOf(fields), v.id);
      return sendJson(reply, await readReportBytesAsJson(file?.name ?? '', file?.bytes ?? new Uint8Array(), maxUploadBytes, onProgress));
    },
  );
  r.post(
    '/api/import',
    {
      schema: {
        ...contract('POST /api/import'),
        tags: ['文档'],
        summary: '导入报告到台账（可多份；全部成功或全部不改）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      const { files, fields } = await readUploads(req, {
        maxBytes: maxUploadBytes,
        maxFiles: 20,
        fields: ['corrections', 'owner', 'progress'],
        unnamed: '未命名',
        missing: '请选择要上传的文件',
      });
      let corrections: z.infer<typeof correctionsSchema> = [];
      if (fields.corrections) {
        const raw: unknown = (() => {
          try {
            return JSON.parse(fields.corrections ?? '');
          } catch {
            return null;
          }
        })();
        const parsed = correctionsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidInput(`更正内容不符合要求：${correctionIssue(parsed.error, raw)}`);
        corrections = parsed.data;
      }
      const opts = {
        actor: v.displayName,
        today: today(),
        maxBytes: maxUploadBytes,
        ownerUnitId: importOwner(v, fields.owner),
        corrections,
        onProgress: uploadProgressReporter(ledger.db, progressTokenOf(fields), v.id),
      };
      return { results: await importDocumentBytes(ledger, files, opts) };
    },
  );
  r.get(
    '/api/progress/:token',
    {
      schema: {
        ...contract('GET /api/progress/:token'),
        tags: ['文档'],
        summary: '一次上传的读取进度（扫描件逐页识别文字时）：已完成页数与总页数；只有上传者可见',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'check');
      const p = await uploadProgress(ledger.db, req.params.token, v.id);
      if (!p) throw new NotFoundError('没有这次上传的进度：可能已经结束，或不是您上传的');
      return p;
    },
  );
}

/** The form's progress token, when it is one; a malformed one is refused by name. */
function progressTokenOf(fields: Record<string, string>): string | undefined {
  if (fields.progress === undefined) return undefined;
  const t = progressToken.safeParse(fields.progress);
  if (!t.success) throw new InvalidInput(`表单字段“progress”${t.error.issues[0]?.message ?? '格式不正确'}`);
  return t.data;
}
