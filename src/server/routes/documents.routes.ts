// Documents in: check one without importing it, or import into the ledger (all-or-nothing). Uploads are limited in
// size and read by their content.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readReportBytes } from '../../services/read-reports.ts';
import { importDocumentBytes } from '../../services/import-documents.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { HttpError } from '../errors.ts';

async function uploads(req: FastifyRequest, maxBytes: number, maxFiles: number): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for await (const part of req.files({ limits: { fileSize: maxBytes, files: maxFiles } })) out.push({ name: part.filename || '未命名', bytes: new Uint8Array(await part.toBuffer()) });
  if (out.length === 0) throw new HttpError(400, 'NO_FILE', '请选择要上传的文件');
  return out;
}

export function documentRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/check', { schema: { tags: ['文档'], summary: '核验一份报告（不导入）：结构、所述数字与核验发现，附原文各行' } }, async (req) => {
    viewerWith(req, 'check');
    const [file] = await uploads(req, maxUploadBytes, 1);
    const { error: _none, ...read } = await readReportBytes(file?.name ?? '', file?.bytes ?? new Uint8Array(), maxUploadBytes);
    return read;
  });
  r.post('/api/import', { schema: { tags: ['文档'], summary: '导入报告到台账（可多份；全部成功或全部不改）' } }, async (req) => {
    const v = viewerWith(req, 'import');
    const files = await uploads(req, maxUploadBytes, 20);
    return { results: await importDocumentBytes(ledger, files, { actor: v.displayName, today: today(), maxBytes: maxUploadBytes, ownerUnitId: v.role === 'admin' ? null : v.unitId }) };
  });
}
