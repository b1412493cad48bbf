// A generated file sent as a download: the name travels RFC 5987-encoded so Chinese names survive every browser.
import type { FastifyReply } from 'fastify';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendFile(reply: FastifyReply, fileName: string, type: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .headers(headers)
    .send(Buffer.from(bytes));
}
