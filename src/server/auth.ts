// Sessions from the HttpOnly cookie, the viewer on each request, CSRF on every change, and capability checks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Capability } from '../core/access/permissions.ts';
import { AccessMemory, sessionOf, type Viewer } from '../services/accounts.ts';
import type { Db } from '../services/ledger.ts';
import { forbidden, HttpError, notLoggedIn } from './errors.ts';

export const SESSION_COOKIE = 'zg_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    csrf: string | null;
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

export function registerSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('csrf', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await sessionOf(db, token, access);
    if (!s) return;
    req.viewer = s.viewer;
    req.csrf = s.csrf;
    // a change needs the session's CSRF token in a header: a page on another site cannot read it to send it
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers[CSRF_HEADER] !== s.csrf)
      throw new HttpError(403, 'CSRF', '页面已过期，请刷新后重试');
    if (s.viewer.mustChangePassword && req.url.startsWith('/api/') && !WHILE_PASSWORD_RESET.has(`${req.method} ${req.url.split('?')[0]}`))
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', '您的密码由管理员设置，只能用于首次登录：请先设置您自己的密码');
  });
}

/** The viewer, who must be logged in and hold the capability. */
export function viewerWith(req: FastifyRequest, capability: Capability): Viewer {
  const v = req.viewer;
  if (!v) throw notLoggedIn();
  if (!v.capabilities.includes(capability)) throw forbidden();
  return v;
}
