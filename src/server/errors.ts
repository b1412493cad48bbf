// Errors as the API answers them: JSON with a stable code and a Chinese message; details go to the log only.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DocumentError } from '../services/read-reports.ts';
import { ImportError } from '../services/import-documents.ts';
import { NotFoundError } from '../services/ledger-queries.ts';
import { ActionRefused, StaleVersionError } from '../services/problem-actions.ts';
import { LoginRefused, LoginThrottled } from '../services/accounts.ts';
import { LedgerWorkbookError } from '../services/ledger-workbook.ts';
import { PerfImportError } from '../services/perf-evaluations.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notLoggedIn = () => new HttpError(401, 'NOT_LOGGED_IN', '请先登录');
export const forbidden = () => new HttpError(403, 'FORBIDDEN', '没有权限进行此操作');

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => reply.code(status).send({ code, message, ...extra });
  if (err instanceof HttpError) return send(err.status, err.code, err.message);
  if (err instanceof NotFoundError) return send(404, 'NOT_FOUND', err.message);
  if (err instanceof StaleVersionError) return send(409, 'STALE_VERSION', err.message);
  if (err instanceof ActionRefused) return send(422, 'ACTION_REFUSED', err.message);
  if (err instanceof LoginRefused) return send(401, 'LOGIN_REFUSED', err.message);
  if (err instanceof LoginThrottled) return send(429, 'TOO_MANY_ATTEMPTS', err.message);
  if (err instanceof DocumentError) return send(err.code === 'too-large' ? 413 : 422, 'UNREADABLE_DOCUMENT', err.reason);
  if (err instanceof PerfImportError) return send(422, 'PERF_REFUSED', '绩效自评未读取，未作任何保存', { reasons: err.reasons });
  if (err instanceof LedgerWorkbookError) return send(422, 'WORKBOOK_REFUSED', '工作簿未导入，数据未作任何改动', { reasons: err.reasons });
  if (err instanceof ImportError) return send(422, 'UNREADABLE_DOCUMENT', '导入未进行，数据未作任何改动：有文件无法读取', { failures: err.failures });
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => `${v.instancePath.replace(/^\//, '') || '请求'}：${v.message ?? '不符合要求'}`);
    return send(400, 'INVALID_INPUT', `提交的内容不符合要求：${issues.join('；')}`);
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.statusCode === 413)
    return send(413, 'FILE_TOO_LARGE', '上传的文件超过大小上限');
  if (fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, 'UNSUPPORTED_MEDIA_TYPE', '请求的内容类型不受支持');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return send(fe.statusCode, 'BAD_REQUEST', '请求不正确');
  req.log.error({ err }, 'unhandled error');
  return send(500, 'INTERNAL', '服务器内部错误，请稍后再试');
}
