// Builds the HTTP application: the API over the ledger services, its OpenAPI description at /api/docs, and the web
// application's files. `main.ts` only listens; tests call `app.inject`.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { DEFAULT_MAX_BYTES } from '../core/limits.ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { databaseAnswers, type Ledger } from '../services/ledger.ts';
import { now as beijingNow, today as beijingToday } from '../services/today.ts';
import { acquireWorkerPool, workerPoolState } from '../services/heavy-work.ts';
import type { PoolOptions } from '../services/worker-pool.ts';
import { registerSecurityEvents, registerSessions } from './auth.ts';
import { securityRoutes } from './routes/security.routes.ts';
import { errorHandler } from './errors.ts';
import { registerSecurityHeaders, setSecurityHeaders } from './security-headers.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { ledgerRoutes } from './routes/ledger.routes.ts';
import { actionRoutes } from './routes/actions.routes.ts';
import { reportImportRoutes } from './routes/report-import.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { backupRoutes } from './routes/backup.routes.ts';
import { backupDirectory } from '../services/backup-schedule.ts';
import { generatedDocumentRoutes } from './routes/generated-documents.routes.ts';
import { perfRoutes } from './routes/perf.routes.ts';
import { perfTargetRoutes } from './routes/perf-target.routes.ts';
import { perfMonitoringRoutes } from './routes/perf-monitoring.routes.ts';
import { notificationRoutes } from './routes/notifications.routes.ts';
import { leadsRoutes } from './routes/leads.routes.ts';
import { publicSupervisionRoutes } from './routes/public-supervision.routes.ts';
import { recurrenceRoutes } from './routes/recurrence.routes.ts';
import { supervisionRoutes } from './routes/supervision.routes.ts';
import { configureValidationWords } from './validation-words.ts';
import { contract } from './contract.ts';
import { configuredReminders, type ReminderSender } from '../services/mail.ts';

configureValidationWords();

export interface AppOptions {
  readonly ledger: Ledger;
  readonly today?: () => string;
  readonly maxUploadBytes?: number;
  /** the built web application (web/dist); served at / when present */
  readonly webRoot?: string;
  readonly secureCookies?: boolean;
  /** the reverse proxy's addresses (comma-separated addresses or CIDR), whose X-Forwarded-For is believed */
  readonly trustProxy?: string | undefined;
  readonly logger?: boolean;
  /** where the public part (published 通报, the public's submissions) is reached, to link to it */
  readonly publicUrl?: string | undefined;
  /** the worker pool for heavy jobs (services/worker-pool.ts); default from ZG_WORKERS, ZG_JOB_TIMEOUT_MS… */
  readonly workers?: Partial<PoolOptions>;
  /** where backups made from the web are written and listed; default ZG_BACKUP_DIR, else beside the data */
  readonly backupDir?: string | undefined;
  /** how reminders reach messengers and SMS, and where their links point; default from ZG_SMS_URL, ZG_APP_URL… */
  readonly reminders?: ReminderSender | undefined;
}

/** The contract's compilers as Fastify's factory of compilers; its types know only its own (ajv) compilers. */
const ZOD_COMPILERS = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as NonNullable<
  FastifyServerOptions['schemaController']
>['compilersFactory'];

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const https = opts.secureCookies ?? false;
  // req.ip is the connection's address unless the reverse proxy in front is named (ZG_TRUST_PROXY): login throttling
  // counts by it and the log records it, so behind a proxy every request would otherwise come from the proxy's address
  // (one stranger's failures would throttle everyone, and the log could not tell people's desks apart).
  const app = Fastify({
    // errors and warnings are always logged (a 500 names its request id to the person, who passes it on); all with ZG_LOG=on
    logger: opts.logger ? true : { level: 'warn' },
    genReqId: () => randomBytes(6).toString('hex'),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ? opts.trustProxy.split(',').map((a) => a.trim()) : false,
    // every route's schema is zod, checked and written by the contract's compilers: given here, Fastify never loads
    // its own JSON-schema compilers (ajv and fast-json-stringify, a sixth of the server's start)
    schemaController: { compilersFactory: ZOD_COMPILERS },
    // a URL that cannot be decoded is refused before any hook runs: answered like every other refusal
    frameworkErrors: (err, req, reply) => (setSecurityHeaders(req.url, reply, { https }), errorHandler(err, req, reply)),
    // a request Node's HTTP parser cannot read (a body cut short, headers or an address too long) never reaches a
    // route: answered here, in Chinese, instead of Fastify's English "Client Error"
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const tooLong = err.code === 'HPE_HEADER_OVERFLOW';
      const body = JSON.stringify({
        code: tooLong ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
        message: tooLong ? '请求的网址或请求头过长，请缩短后重试' : '请求格式不正确或不完整（可能是网络中断），请重试',
      });
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${tooLong ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      else socket.destroy(err);
    },
  });
  registerSecurityHeaders(app, { https });
  const today = opts.today ?? (() => beijingToday());
  const maxUpload = opts.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ code: 'NOT_FOUND', message: '请求的接口不存在' });
    // a file the page asks for that is not there (the web application rebuilt under a running server) is a 404, not
    // the page again: served as the page, a script fails silently and the screen stays blank
    if (/\.[A-Za-z0-9]+$/.test(req.url.split('?')[0] ?? ''))
      return reply.code(404).send({ code: 'NOT_FOUND', message: '文件不存在；页面可能已更新，请刷新' });
    if (opts.webRoot && existsSync(opts.webRoot)) return reply.sendFile('index.html'); // client-side routes
    return reply.code(404).send({ code: 'NOT_FOUND', message: '页面不存在' });
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: maxUpload, files: 20, fields: 20 } });
  await app.register(swagger, {
    openapi: { info: { title: '整改通 API', description: '巡察、审计整改台账与报告核验', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // parsing, workbooks and documents run in worker threads while the app lives, never on its event loop
  const releasePool = acquireWorkerPool(opts.workers);
  app.addHook('onClose', releasePool);
  registerSessions(app, opts.ledger.db);
  registerSecurityEvents(app, opts.ledger.db);

  app.get('/api/health', { schema: { ...contract('GET /api/health'), tags: ['系统'], summary: '健康检查' } }, async () => {
    await databaseAnswers(opts.ledger);
    return { status: 'ok', database: opts.ledger.kind, workers: workerPoolState() };
  });
  sessionRoutes(app, opts.ledger.db, opts.secureCookies ?? false);
  ledgerRoutes(app, opts.ledger.db, today);
  actionRoutes(app, opts.ledger.db, today, maxUpload);
  reportImportRoutes(app, opts.ledger, today, maxUpload);
  evidenceRoutes(app, opts.ledger.db);
  adminRoutes(app, opts.ledger.db);
  securityRoutes(app, opts.ledger.db);
  backupRoutes(app, opts.ledger, opts.backupDir ?? backupDirectory());
  generatedDocumentRoutes(app, opts.ledger, today, maxUpload);
  perfRoutes(app, opts.ledger, today, maxUpload);
  perfTargetRoutes(app, opts.ledger, today, maxUpload);
  perfMonitoringRoutes(app, opts.ledger, today);
  notificationRoutes(app, opts.ledger.db, today);
  recurrenceRoutes(app, opts.ledger.db);
  leadsRoutes(app, opts.ledger.db, today);
  publicSupervisionRoutes(app, opts.ledger.db, today, opts.publicUrl ?? null);
  // a run "now" is on the app's day (tests fix the day), at the clock's time
  supervisionRoutes(app, opts.ledger.db, today, () => `${today()}T${beijingNow().slice(11)}`, opts.reminders ?? configuredReminders());
  if (opts.webRoot && existsSync(opts.webRoot))
    await app.register(fastifyStatic, {
      root: opts.webRoot,
      // looked up at each request, not listed at start: the web application rebuilt under a running server (new
      // hashed names) is served at once; a name that is not there falls to the not-found handler below
      wildcard: true,
      // the brotli or gzip form made at build time (scripts/build.mjs), as the browser accepts
      preCompressed: true,
      // a built asset's name carries its content's hash, so it never changes under that name: kept for a year; the page
      // itself is asked again each time, so a rebuilt application is what the next visit gets
      cacheControl: false,
      setHeaders: (reply, path) =>
        reply.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  return app;
}
