// Sessions from the HttpOnly cookie, the viewer on each request, CSRF on every change, and capability checks. What an
// auditor must find in the log is written here too, for every route at once: a request refused for want of a right,
// and every file handed out (a document, a workbook, evidence, a backup, the log's own export).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Capability } from '../core/access/permissions.ts';
import { AccessMemory, sessionOf, type Viewer } from '../services/accounts.ts';
import { recordSecurityEvent, type SecurityEvent } from '../services/security-log.ts';
import type { Db } from '../services/ledger.ts';
import { forbidden, HttpError, notLoggedIn } from './errors.ts';

export const SESSION_COOKIE = 'zg_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    csrf: string | null;
    /** the cookie's session ended just now for being idle or old: the refusal says so */
    sessionEnded: 'idle' | 'absolute' | null;
  }
}

/**
 * What each person may do, kept under the database's access generation (services/accounts.ts): every request reads
 * its session and that number in one statement, so a logout, a deactivation or a role change made through any
 * process is seen by every process at once.
 */
const access = new AccessMemory();

/** What a person whose password was reset may still do: see who they are, change it, or log out. */
const WHILE_PASSWORD_RESET = new Set(['GET /api/session', 'DELETE /api/session', 'POST /api/session/password']);
/** What a person who must set up an authenticator first may do: see who they are, set it up, or log out. */
const WHILE_SETTING_UP = new Set([
  'GET /api/session',
  'DELETE /api/session',
  'POST /api/session/second-factor/begin',
  'POST /api/session/second-factor',
]);

/** sent by the web application with what it asks by itself (the menu's counts), so that it does not count as use */
const BACKGROUND_HEADER = 'x-zg-background';

export function registerSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('csrf', null);
  app.decorateRequest('sessionEnded', null);
  app.addHook('onRequest', async (req) => {
    // only the API answers as someone: the page and its scripts are the same for all, and a script fetched after a
    // session has gone idle must not be what ends it unseen (the next API request then says why)
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await sessionOf(db, token, access, req.ip, req.headers[BACKGROUND_HEADER] === '1');
    if (!s) return;
    if ('ended' in s) {
      req.sessionEnded = s.ended;
      return;
    }
    req.viewer = s.viewer;
    req.csrf = s.csrf;
    // a change needs the session's CSRF token in a header: a page on another site cannot read it to send it
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers[CSRF_HEADER] !== s.csrf)
      throw new HttpError(403, 'CSRF', '页面已过期，请刷新后重试');
    const route = `${req.method} ${req.url.split('?')[0]}`;
    if (s.viewer.mustChangePassword && !WHILE_PASSWORD_RESET.has(route))
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', '您的密码由管理员设置或已超过有效期，只能用于设置新密码：请先设置您自己的密码');
    if (!s.viewer.mustChangePassword && s.viewer.mustSetUpSecondFactor && !WHILE_SETTING_UP.has(route))
      throw new HttpError(403, 'SECOND_FACTOR_SETUP_REQUIRED', '安全策略要求您的角色使用身份验证器登录：请先完成设置');
  });
}

/** The viewer, who must be logged in and hold the capability (one of them, when several will do). */
export function viewerWith(req: FastifyRequest, ...capability: readonly [Capability, ...Capability[]]): Viewer {
  const v = req.viewer;
  if (!v) throw notLoggedIn(req);
  if (!capability.some((c) => v.capabilities.includes(c))) throw forbidden();
  return v;
}

/** The file name a download's header names, if the answer is one. */
function downloadName(disposition: unknown): string | null {
  if (typeof disposition !== 'string') return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * Writes the security events a response shows: a logged-in person refused for want of a right (403), and a file
 * handed out to one. After the answer is sent, so that the log's lock never holds up a page; a failure to write is
 * logged as the bug it is.
 */
export function registerSecurityEvents(app: FastifyInstance, db: Db): void {
  app.addHook('onResponse', async (req, reply) => {
    const v = req.viewer;
    if (!v) return;
    const path = req.url.split('?')[0] ?? req.url;
    const base = { actor: v.displayName, account: v.username, ip: req.ip };
    const file = reply.statusCode === 200 ? downloadName(reply.getHeader('content-disposition')) : null;
    const event: SecurityEvent | null =
      reply.statusCode === 403
        ? { ...base, action: 'denied' as const, detail: { request: `${req.method} ${path}`.slice(0, 300) } }
        : file
          ? { ...base, action: 'download' as const, detail: { file: file.slice(0, 200), request: `${req.method} ${path}`.slice(0, 300) } }
          : null;
    if (event) await recordSecurityEvent(db, event).catch((e: unknown) => req.log.error(e, 'could not write a security event'));
  });
}
