// Documents in: check one without importing it, or import into the ledger (all-or-nothing). Uploads are limited in
// size and read by their content.
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readReportBytes } from '../../services/read-reports.ts';
import { importDocumentBytes } from '../../services/import-documents.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { HttpError } from '../errors.ts';

const correctionsSchema = z
  .array(
    z.object({
      report: z.number().int().min(0),
      line: z.number().int().min(1),
      title: z.string().max(500).optional(),
      status: z.enum(['completed', 'phased', 'in-progress', 'not-started']).optional(),
      longTerm: z.boolean().optional(),
      leadUnit: z.string().max(100).optional(),
      deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    }),
  )
  .max(5000);

/** The uploaded files, and the form's text fields beside them. */
async function uploads(req: FastifyRequest, maxBytes: number, maxFiles: number): Promise<{ files: { name: string; bytes: Uint8Array }[]; fields: Record<string, string> }> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  const fields: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: maxFiles } })) {
    if (part.type === 'file') files.push({ name: part.filename || '未命名', bytes: new Uint8Array(await part.toBuffer()) });
    else fields[part.fieldname] = String(part.value);
  }
  if (files.length === 0) throw new HttpError(400, 'NO_FILE', '请选择要上传的文件');
  return { files, fields };
}

export function documentRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/check', { schema: { tags: ['文档'], summary: '核验一份报告（不导入）：结构、所述数字与核验发现，附原文各行' } }, async (req) => {
    viewerWith(req, 'check');
    const [file] = (await uploads(req, maxUploadBytes, 1)).files;
    const { error: _none, ...read } = await readReportBytes(file?.name ?? '', file?.bytes ?? new Uint8Array(), maxUploadBytes);
    return read;
  });
  r.post('/api/import', { schema: { tags: ['文档'], summary: '导入报告到台账（可多份；全部成功或全部不改）' } }, async (req) => {
    const v = viewerWith(req, 'import');
    const { files, fields } = await uploads(req, maxUploadBytes, 20);
    let corrections: z.infer<typeof correctionsSchema> = [];
    if (fields.corrections) {
      const parsed = correctionsSchema.safeParse((() => {
        try {
          return JSON.parse(fields.corrections ?? '');
        } catch {
          return null;
        }
      })());
      if (!parsed.success) throw new HttpError(400, 'INVALID_INPUT', '更正内容格式不正确');
      corrections = parsed.data;
    }
    const opts = { actor: v.displayName, today: today(), maxBytes: maxUploadBytes, ownerUnitId: v.role === 'admin' ? null : v.unitId, corrections };
    return { results: await importDocumentBytes(ledger, files, opts) };
  });
}
