// Uploaded files, read one way for every upload route. A body cut short, a missing boundary or a malformed part header
// is the sender's mistake, not ours: 400 with a Chinese sentence, never a 500.
import type { FastifyRequest } from 'fastify';
import { InvalidInput, UserError } from '../core/errors.ts';
import { HttpError } from './errors.ts';

export interface Upload {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface UploadLimits {
  readonly maxBytes: number;
  readonly maxFiles: number;
  /** the text fields the route reads; others are refused */
  readonly fields?: readonly string[];
  /** the file name to use when the browser sends none */
  readonly unnamed: string;
  /** what to ask for when no file came: "请选择要上传的文件" */
  readonly missing: string;
}

const tooLarge = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

export async function readUploads(req: FastifyRequest, limits: UploadLimits): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new InvalidInput('上传文件应以表单（multipart/form-data）提交');
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({
      limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 },
    })) {
      // NUL cannot be stored in PostgreSQL text and is in no name a person gives
      if (part.type === 'file') {
        // every upload route takes its files under one name, as the web application sends them
        if (part.fieldname !== 'file')
          throw new InvalidInput(`表单中有不认识的字段“${part.fieldname.slice(0, 40)}”：文件应以字段 file 上传`);
        if (part.filename.includes('\u0000')) throw new InvalidInput('文件名中有无效字符（NUL），请改名后重新上传');
        // a view of busboy's buffer, not a copy: copying 20 MB held the event loop for about 100 ms
        const b = await part.toBuffer();
        files.push({ name: part.filename.slice(0, 255) || limits.unnamed, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) });
      } else if (limits.fields?.includes(part.fieldname)) {
        const value = String(part.value);
        if (value.includes('\u0000')) throw new InvalidInput(`表单字段“${part.fieldname}”中有无效字符（NUL）`);
        fields[part.fieldname] = value;
      } else throw new InvalidInput(`表单中有不认识的字段“${part.fieldname.slice(0, 40)}”`);
    }
  } catch (e) {
    if (e instanceof UserError || e instanceof HttpError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (tooLarge.has(code))
      throw new UserError(
        'too-large',
        `上传的内容超过上限：每次最多 ${limits.maxFiles} 个文件，每个不超过 ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB`,
        'FILE_TOO_LARGE',
      );
    // busboy's "Unexpected end of form", "Malformed part header", "Boundary not found", a closed connection
    throw new InvalidInput('上传的内容不完整或格式不正确（可能是网络中断），请重新选择文件上传', (e as Error).message);
  }
  if (files.length === 0) throw new HttpError(400, 'NO_FILE', limits.missing);
  return { files, fields };
}
