// Sessions from the HttpOnly cookie, the viewer on each request, CSRF on every change, and capability checks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Capability } from '../core/access/permissions.ts';
import { sessionOf, type Viewer } from '../services/accounts.ts';
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

export function registerSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('csrf', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await sessionOf(db, token);
    if (!s) return;
    req.viewer = s.viewer;
    req.csrf = s.csrf;
    // a change needs the session's CSRF token in a header: a page on another site cannot read it to send it
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers[CSRF_HEADER] !== s.csrf)
      throw new HttpError(403, 'CSRF', '页面已过期，请刷新后重试');
  });
}

/** The viewer, who must be logged in and hold the capability. */
export function viewerWith(req: FastifyRequest, capability: Capability): Viewer {
  const v = req.viewer;
  if (!v) throw notLoggedIn();
  if (!v.capabilities.includes(capability)) throw forbidden();
  return v;
}
