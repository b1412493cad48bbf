// The public part of the server (社会监督): a Fastify instance of its own, served on its own port, that holds no
// session, no cookie and no route of the internal application. It reads the published 通报 and a submission's own
// fate by its reference, and takes submissions during a comment period — nothing else of the ledger is reachable
// from here (test/public-supervision.test.ts walks every route). Abuse is held off without outside services: a burst
// from one address is slowed before any work, an hour's count per address is checked in the database, a body is
// at most 32 KB, each form carries a small sum signed by this server, and the same text sent again is counted once.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { UserError } from '../../core/errors.ts';
import { explainFailure } from '../../services/explain-failure.ts';
import type { Ledger } from '../../services/ledger.ts';
import { publicIndex, publicPage, receiveSubmission, submissionForSender } from '../../services/public-supervision.ts';
import { today as beijingToday } from '../../services/today.ts';
import { STATUS } from '../errors.ts';
import { BurstLimit } from './burst-limit.ts';
import { Challenges } from './challenge.ts';
import { publicChallengeKey, spendChallenge } from '../../services/shared-state.ts';
import { errorPage, type FormState, indexPage, lookupPage, publicationPage, receivedPage, STYLE } from './pages.ts';

export interface PublicAppOptions {
  readonly ledger: Ledger;
  readonly today?: () => string;
  readonly logger?: boolean;
  /** sends per address in a minute before it is slowed (default 5: a person who mistypes twice still gets through) */
  readonly burst?: number;
  /**
   * The reverse proxy in front (its address or addresses, comma-separated, or CIDR): then a sender's address is the
   * one the proxy forwards, not the proxy's own, which every sender would otherwise share (ZG_PUBLIC_TRUST_PROXY)
   */
  readonly trustProxy?: string | undefined;
}

/** Nothing here loads or runs anything but this server's own stylesheet; forms go back to it only. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : '';
};

export async function buildPublicApp(opts: PublicAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? true : { level: 'warn' },
    genReqId: () => randomBytes(6).toString('hex'),
    requestIdHeader: false,
    trustProxy: opts.trustProxy ? opts.trustProxy.split(',').map((a) => a.trim()) : false,
    // 2,000 characters of Chinese, percent-encoded, and the other fields
    bodyLimit: 32 * 1024,
  });
  const db = opts.ledger.db;
  const today = opts.today ?? (() => beijingToday());
  const challenges = new Challenges(await publicChallengeKey(db), (nonce, expires) => spendChallenge(db, nonce, expires));
  const burst = new BurstLimit(opts.burst ?? 5, 60_000);
  // a reference is unguessable, and asking for one after another is slowed all the same
  const lookups = new BurstLimit(30, 60_000);

  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(HEADERS);
  });
  // a form posts as a browser posts it; nothing else is taken
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const known = err instanceof UserError ? err : explainFailure(err);
    if (known) return html(reply, STATUS[known.kind], errorPage(STATUS[known.kind], known.message));
    if (err.statusCode === 413) return html(reply, 413, errorPage(413, '提交的内容过长'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return html(reply, err.statusCode, errorPage(err.statusCode, '请求不正确'));
    req.log.error({ err, reqId: req.id, url: req.url }, 'public: unhandled error');
    return html(reply, 500, errorPage(500, `服务器内部错误（编号 ${req.id}），请稍后再试`));
  });
  app.setNotFoundHandler((_req, reply) => html(reply, 404, errorPage(404, '页面不存在')));

  app.get('/style.css', async (_req, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLE),
  );

  app.get('/', async (_req, reply) => html(reply, 200, indexPage(await publicIndex(db, today()))));

  /** A publication's number from the path: anything else is no page. */
  const idOf = (raw: string): number => {
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    if (id < 1) throw new UserError('not-found', '页面不存在');
    return id;
  };
  const page = async (reply: FastifyReply, id: number, status: number, form: Omit<FormState, 'question' | 'token'> = {}) => {
    const p = await publicPage(db, id, today());
    return html(reply, status, publicationPage(p, p.state === 'open' ? { ...challenges.issue(), ...form } : null));
  };

  app.get<{ Params: { id: string } }>('/p/:id', async (req, reply) => page(reply, idOf(req.params.id), 200));

  app.post<{ Params: { id: string } }>('/p/:id', async (req, reply) => {
    const id = idOf(req.params.id);
    const values = {
      kind: field(req.body, 'kind'),
      content: field(req.body, 'content'),
      name: field(req.body, 'name'),
      phone: field(req.body, 'phone'),
    };
    const wait = burst.take(req.ip);
    // slowed, with what was written kept on the form (a person who mistyped twice loses nothing)
    if (wait > 0) return page(reply.header('retry-after', String(wait)), id, 429, { error: `提交过于频繁，请于${wait}秒后再试`, values });
    const wrong = await challenges.check(field(req.body, 'token'), field(req.body, 'answer'));
    if (wrong) return page(reply, id, 422, { error: wrong, values });
    try {
      const { ref, duplicate } = await receiveSubmission(db, id, values, { today: today(), address: req.ip });
      const p = await publicPage(db, id, today());
      return html(reply, 200, receivedPage(p, ref, duplicate));
    } catch (e) {
      // the sender's words are kept on the form, with what to change
      if (e instanceof UserError && e.kind === 'refused') return page(reply, id, 422, { error: e.message, values });
      throw e;
    }
  });

  app.get<{ Querystring: { ref?: string } }>('/q', async (req, reply) => {
    const typed = typeof req.query.ref === 'string' ? req.query.ref.trim() : '';
    if (!typed) return html(reply, 200, lookupPage('', null, null));
    const wait = lookups.take(req.ip);
    if (wait > 0) return html(reply.header('retry-after', String(wait)), 429, lookupPage(typed, null, `查询过于频繁，请于${wait}秒后再试`));
    try {
      return html(reply, 200, lookupPage(typed, await submissionForSender(db, typed), null));
    } catch (e) {
      if (e instanceof UserError && e.kind === 'not-found') return html(reply, 404, lookupPage(typed, null, e.message));
      throw e;
    }
  });

  return app;
}
