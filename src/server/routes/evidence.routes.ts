// Evidence read back: the file itself (shown in the browser when it is a PDF or an image, else downloaded under its
// original name) and its words for a preview; and the imported report or workbook a status rests on. Who may read
// them is whoever sees their problem (or source).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { evidenceFile, evidenceText, keptDocument } from '../../services/evidence.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { sendFile } from '../download.ts';
import { contract } from '../contract.ts';

/**
 * A kept PDF or image shown in the application's own preview frame: nothing in it may load or run anything, and only
 * this application may frame it.
 */
const INLINE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

export function evidenceRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['整改操作'];
  r.get(
    '/api/evidence/:id/file',
    {
      schema: {
        ...contract('GET /api/evidence/:id/file'),
        tags,
        summary: '佐证材料原件（PDF、图片可在浏览器中查看；download=true 时下载）',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'read');
      const f = await evidenceFile(db, req.params.id, v.scope);
      const inline = f.view === 'inline' && req.query.download !== 'true';
      if (inline) reply.header('content-security-policy', INLINE_POLICY).header('x-frame-options', 'SAMEORIGIN');
      return sendFile(reply, f.fileName, f.mime, f.bytes, {}, inline ? 'inline' : 'attachment');
    },
  );
  r.get(
    '/api/evidence/:id/text',
    {
      schema: {
        ...contract('GET /api/evidence/:id/text'),
        tags,
        summary: '佐证材料的文字（文本、Word、Excel 的预览）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return evidenceText(db, req.params.id, v.scope);
    },
  );
  r.get(
    '/api/documents/:id/file',
    {
      schema: {
        ...contract('GET /api/documents/:id/file'),
        tags,
        summary: '导入的报告或台账工作簿原件（导入状态的依据）',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'read');
      const d = await keptDocument(db, req.params.id, v.scope);
      return sendFile(reply, d.fileName, d.mime, d.bytes);
    },
  );
}
