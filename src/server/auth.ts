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

/**
 * Sessions looked up in the database are remembered for a short while: every request of a busy page would otherwise
 * cost three queries before its own. Logging out forgets at once; a changed role or unit applies within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 30_000;
const cache = new Map<string, { at: number; session: Awaited<ReturnType<typeof sessionOf>> }>();

export function forgetSession(token: string): void {
  cache.delete(token);
}

/**
 * Forgets every remembered session: the unit tree changed, and with it how far each person sees (an office that
 * has just added a unit below its own must be able to manage it at once).
 */
export function forgetAllSessions(): void {
  cache.clear();
}

/** Forgets every remembered session of a user whose account changed: a deactivated user is shut out at once. */
export function forgetUser(userId: number): void {
  for (const [token, hit] of cache) if (hit.session?.viewer.id === userId) cache.delete(token);
}

/** What a person whose password was reset may still do: see who they are, change it, or log out. */
const WHILE_PASSWORD_RESET = new Set(['GET /api/session', 'DELETE /api/session', 'POST /api/session/password']);

async function cachedSession(db: Db, token: string) {
  const hit = cache.get(token);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS) return hit.session;
  const session = await sessionOf(db, token);
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { at: Date.now(), session });
  return session;
}

export function registerSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('csrf', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await cachedSession(db, token);
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
