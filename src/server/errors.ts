// Errors as the API answers them: JSON with a stable code and a Chinese message; details go to the log only. What a
// user did or met (core/errors.ts, services/explain-failure.ts) is a 4xx or 503; anything else is a bug: 500, logged
// with the request's id.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ImportError, type RefusalKind } from '../core/errors.ts';
import { explainFailure } from '../services/explain-failure.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SESSION_ENDED: Record<'idle' | 'absolute', string> = {
  idle: '长时间未操作，已自动退出，请重新登录',
  absolute: '登录时间已达上限，已自动退出，请重新登录',
};

/** Not logged in; a session that just ended says why (the security policy's idle or absolute limit). */
export const notLoggedIn = (req?: { sessionEnded: 'idle' | 'absolute' | null }) =>
  req?.sessionEnded
    ? new HttpError(401, 'SESSION_ENDED', SESSION_ENDED[req.sessionEnded])
    : new HttpError(401, 'NOT_LOGGED_IN', '请先登录');
export const forbidden = () => new HttpError(403, 'FORBIDDEN', '没有权限进行此操作');

// How far each kind of refusal is the client's doing (4xx) or the server's situation (503).
export const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  login: 401,
  'not-found': 404,
  forbidden: 403,
  stale: 409,
  conflict: 409,
  'too-large': 413,
  refused: 422,
  unreadable: 422,
  throttled: 429,
  unavailable: 503,
};

/** Fastify's own refusals (a body that is not JSON, a wrong content type) in the user's words. */
function fastifyRefusal(fe: FastifyError): string {
  if (fe.statusCode === 413) return '提交的内容超过大小上限';
  if (fe.statusCode === 415 || fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return '请求的内容类型不受支持';
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return '请求内容为空';
  if (fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return '请求内容不是有效的 JSON';
  return '请求不正确';
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).send({ code, message, ...extra });
  if (err instanceof HttpError) return send(err.status, err.code, err.message);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => `${v.instancePath.replace(/^\//, '') || '请求'}：${v.message ?? '不符合要求'}`);
    return send(400, 'INVALID_INPUT', `提交的内容不符合要求：${issues.join('；')}`);
  }
  const known = explainFailure(err);
  if (known) {
    // the machine's trouble, and an import refused to save a problem from being lost, are for the administrator too
    if (known.kind === 'unavailable' || known.apiCode === 'IMPORT_MISMATCH')
      req.log.warn({ err, detail: known.detail, reqId: req.id }, 'refused: %s', known.message);
    const extra: Record<string, unknown> = known.reasons.length ? { reasons: known.reasons } : {};
    if (known instanceof ImportError) extra.failures = known.failures;
    return send(STATUS[known.kind], known.apiCode, known.message, extra);
  }
  const fe = err as FastifyError;
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return send(fe.statusCode, 'BAD_REQUEST', fastifyRefusal(fe));
  // a bug: logged with the request's id, which the person sees and can pass on
  req.log.error({ err, reqId: req.id, url: req.url, method: req.method }, 'unhandled error');
  return send(500, 'INTERNAL', `服务器内部错误（编号 ${req.id}），已记入日志；请把编号告诉系统管理员`, { requestId: req.id });
}
