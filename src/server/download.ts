// A generated file sent as a download: the name travels RFC 5987-encoded so Chinese names survive every browser.
import type { FastifyReply } from 'fastify';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Disposition of a file under its own name: plain ASCII for old browsers, RFC 5987 UTF-8 for the rest. */
export function contentDisposition(how: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  // RFC 5987 takes fewer characters bare than encodeURIComponent leaves: ' ( ) * are encoded too
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendFile(reply: FastifyReply, fileName: string, type: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition('attachment', fileName))
    .headers(headers)
    .send(Buffer.from(bytes));
}
