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
import { corrections as correctionsSchema } from '../../core/contract/accepts/report-import.ts';
import { InvalidInput } from '../../core/errors.ts';

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
      viewerWith(req, 'check');
      const [file] = (await readUploads(req, { maxBytes: maxUploadBytes, maxFiles: 1, unnamed: '未命名', missing: '请选择要上传的文件' }))
        .files;
      return sendJson(reply, await readReportBytesAsJson(file?.name ?? '', file?.bytes ?? new Uint8Array(), maxUploadBytes));
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
        fields: ['corrections', 'owner'],
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
      };
      return { results: await importDocumentBytes(ledger, files, opts) };
    },
  );
}
