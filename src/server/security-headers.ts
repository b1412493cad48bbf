// The headers a browser needs to keep the application to itself: what it may load and run (a Content-Security-Policy
// with no inline script), that no other site may frame it, sniff a download into a page, read where a link came from,
// or share its window; and that answers about the ledger are never kept in a cache. Set on every response, before the
// route runs, so a refusal and an error carry them too.
import type { FastifyInstance, FastifyReply } from 'fastify';

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/**
 * The web application: its own scripts only. Ant Design writes its styles at run time into <style> elements and
 * ECharts positions its tooltip with style attributes, so styles (never scripts) may be inline; the page's icon is
 * a `data:` URL.
 */
const APP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

/** The API's answers are data, never pages: nothing in them may load or run anything. */
const API = policy({ 'default-src': "'none'", 'base-uri': "'none'", 'form-action': "'none'", 'frame-ancestors': "'none'" });

/** Swagger UI at /api/docs: its scripts are files of its own; its styles and icons are inline and `data:` URLs. */
const DOCS = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

const ALWAYS: Record<string, string> = {
  'x-frame-options': 'DENY', // for browsers that do not read frame-ancestors
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-permitted-cross-domain-policies': 'none',
  'x-dns-prefetch-control': 'off',
  // nothing here uses the camera, the microphone, the position, payments or devices
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()',
};

export interface SecurityHeaderOptions {
  /** served over HTTPS (secure cookies): browsers are told to use nothing else for a year */
  readonly https: boolean;
}

/** Sets the headers for a response to `url` (also used where a request fails before any hook runs). */
export function setSecurityHeaders(url: string, reply: FastifyReply, opts: SecurityHeaderOptions): void {
  const path = url.split('?', 1)[0] ?? '';
  const docs = path === '/api/docs' || path.startsWith('/api/docs/');
  const api = !docs && (path === '/api' || path.startsWith('/api/'));
  reply.headers({ ...ALWAYS, 'content-security-policy': docs ? DOCS : api ? API : APP });
  // an answer about the ledger is for this person now: neither the browser nor a proxy keeps a copy
  if (api) reply.header('cache-control', 'no-store');
  if (opts.https) reply.header('strict-transport-security', 'max-age=31536000');
}

export function registerSecurityHeaders(app: FastifyInstance, opts: SecurityHeaderOptions): void {
  app.addHook('onRequest', async (req, reply) => setSecurityHeaders(req.url, reply, opts));
}
