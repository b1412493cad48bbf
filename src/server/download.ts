// A generated file sent as a download: the name travels RFC 5987-encoded so Chinese names survive every browser.
import type { Readable } from 'node:stream';
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

/**
 * Sends a file (not JSON): `inline` when the browser is to show it. The reply is taken untyped, since a route's
 * declared answer for a file describes bytes for /api/docs and is never serialised.
 */
export function sendFile(
  reply: FastifyReply,
  fileName: string,
  type: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
  how: 'inline' | 'attachment' = 'attachment',
) {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(how, fileName))
    .headers(headers)
    .send(Buffer.from(bytes));
}

/** Sends a file from disk as it is read (a backup may be larger than is wise to hold in memory). */
export function sendFileStream(reply: FastifyReply, fileName: string, type: string, stream: Readable) {
  return reply.header('content-type', type).header('content-disposition', contentDisposition('attachment', fileName)).send(stream);
}

/** JSON made elsewhere (in a worker, off the event loop), sent as it is. */
export function sendJson(reply: FastifyReply, json: Uint8Array) {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
}
