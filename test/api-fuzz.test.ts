// The API fuzzed from its own OpenAPI description: for every route and method, as one who may use it, requests whose
// path, query and body fit the schema, are spoiled in one place (a wrong type, a huge or impossible value, an unknown
// field, a missing one) or are junk (malformed JSON, the wrong content type, broken multipart). No answer may be a
// 500, none may hang, and every refusal is JSON with a code and a Chinese message.
// ZG_FUZZ_SEED repeats a run (the seed is in every test's name and in each failure); ZG_FUZZ_RUNS changes the runs
// per route (default 60, a third of that for routes that make documents); ZG_FUZZ_REPORT=1 prints how many answers
// of each status every route gave (=2 also prints each 400), to see that requests get past validation.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { importEvaluation } from '../src/services/perf-evaluations.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import { exportLedger } from '../src/services/ledger-workbook.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { anyValue, fitting, junkValue, nastyString, type JsonSchema } from './support/schema-arbitrary.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';
const SEED = Number(process.env.ZG_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.ZG_FUZZ_RUNS ?? 60);
/** routes that make documents are slower: fewer runs keep the whole file near a minute */
const SLOW = [
  /\/reports\//,
  /\/forms\//,
  /\/workbook$/,
  /\/export\//,
  /\/supervision\/(weekly|monthly|run)$/,
  /^\/api\/(import|check|perf)$/,
  /\/to-ledger$/,
  /^\/api\/users$/,
];
const HANG_MS = 15_000;
/** routes whose body is a multipart form (the OpenAPI description does not say so) */
const UPLOADS = new Set([
  'POST /api/check',
  'POST /api/import',
  'POST /api/workbook',
  'POST /api/perf',
  'POST /api/problems/{code}/evidence',
]);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

let l: Ledger;
let app: FastifyInstance;
/** one of each duty (三员分立) and the office that owns the ledger: each route is sent as one who may use it */
const who: Record<'admin' | 'security' | 'audit' | 'office', { cookie: string; csrf: string }> = {} as never;
let paths: Record<string, Record<string, Operation>> = {};
/** values that name something that exists, so a request reaches the service and not only the 404 */
const known: Record<string, string[]> = {};
/** files an upload route can read (the sample report, a self-evaluation, the ledger's own workbook), so a request
 * gets past reading the file to what the form's fields say */
const files: Buffer[] = [readFileSync(SAMPLE)];
/** what was thrown behind each 500, to say in the failure */
let thrown: { url: string; code?: string; message: string }[] = [];

async function login(username = 'admin', remoteAddress = '127.0.0.1') {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD }, remoteAddress });
  const cookie = r.cookies.find((c) => c.name === 'zg_session');
  if (!cookie) throw new Error(`cannot log in: ${r.statusCode} ${r.body}`);
  return { cookie: `zg_session=${cookie.value}`, csrf: r.json().csrf as string };
}

// built before the tests are collected: the routes to test are read from the app's own description
{
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY, backupDir: mkdtempSync(join(tmpdir(), 'zg-fuzz-backups-')) });
  app.addHook('onError', async (req, _reply, err) => {
    thrown.push({
      url: `${req.method} ${req.url}`,
      code: (err as { code?: string }).code,
      message: String(err.stack ?? err.message)
        .split('\n')
        .slice(0, 4)
        .join(' | '),
    });
  });
  await createUnit(l.db, 'test', { name: '示例县农业农村局' }, FULL_SCOPE);
  await createUnit(l.db, 'test', { name: '计划财务股', parent: '示例县农业农村局' }, FULL_SCOPE);
  const owner = await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县农业农村局').executeTakeFirstOrThrow();
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: TODAY, ownerUnitId: owner.id });
  const source = r?.sources[0]?.code as string;
  await runSupervision(l.db, { at: `${TODAY}T08:30` });
  const table = [
    '2024年度部门整体支出绩效自评表',
    '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
    '\t产出指标\t数量指标\t办案数\t100件\t90件\t100\t90\t案源减少',
  ];
  const perf = await importEvaluation(l, { name: '自评.txt', bytes: new TextEncoder().encode(table.join('\n')) }, 'test', owner.id);
  files.push(Buffer.from(table.join('\n')), Buffer.from(await exportLedger(l.db, source, TODAY, FULL_SCOPE)));
  const notification = await l.db.selectFrom('notification').select('id').limit(1).executeTakeFirstOrThrow();
  known.code = [`${source}-001`, `${source}-006`, `${source}-002`];
  known.source = [source];
  known.id = [String(perf.id), String(notification.id)];
  for (const role of ['admin', 'security', 'audit', 'office'] as const) {
    await createUser(l.db, 'test', {
      username: role,
      displayName: role,
      password: PASSWORD,
      role,
      unit: role === 'office' ? '示例县农业农村局' : null,
    });
    who[role] = await login(role);
  }
  paths = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
}
afterAll(async () => {
  if (process.env.ZG_FUZZ_REPORT) for (const [route, seen] of Object.entries(statuses)) console.log(route.padEnd(48), JSON.stringify(seen));
  await app.close();
  await l.close();
});

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/octet-stream',
  '',
];

/** Percent-encoding that survives a lone surrogate (sent as the bytes Node would send for it). */
const encode = (s: string) =>
  [...Buffer.from(s)]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** A path segment: something that exists, something that fits, or junk; usually percent-encoded. */
function pathValue(p: Parameter): fc.Arbitrary<string> {
  const candidates: fc.WeightedArbitrary<string>[] = [
    { weight: 2, arbitrary: fitting(p.schema).map(String) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        nastyString,
        junkValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      ),
    },
  ];
  if (known[p.name]) candidates.push({ weight: 3, arbitrary: fc.constantFrom(...(known[p.name] as string[])) });
  return fc
    .tuple(fc.oneof(...candidates), fc.integer({ min: 0, max: 9 }))
    .map(([v, raw]) => (raw === 0 ? v.replace(/[/?#\s]/g, '') || '%' : encode(v)));
}

/** A query string from a value: strings as they are, arrays as repeated keys, anything else as JSON. */
function queryString(v: unknown): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `q=${encode(JSON.stringify(v) ?? '')}`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    for (const one of Array.isArray(x) ? x : [x])
      parts.push(`${encode(k)}=${encode(typeof one === 'string' ? one : (JSON.stringify(one) ?? ''))}`);
  return parts.join('&');
}

function queryArb(params: Parameter[]): fc.Arbitrary<string> {
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  // query values arrive as text: a fitting number is sent as its digits
  return fc.oneof(
    { weight: 6, arbitrary: anyValue(schema).map(queryString) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => s.replace(/#/g, '')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'asOf=2024-99-99',
        'limit=-1',
        'offset=1e9',
        'limit=99999999999999999999',
        '%',
        '&&&',
        'a[b]=1',
        'asOf=2024-02-30&asOf=2024-02-01',
      ),
    },
  );
}

/** A multipart body: well formed, cut short, with the wrong boundary or none, or not multipart at all. */
const multipartArb: fc.Arbitrary<{ payload: Buffer; contentType: string }> = fc
  .tuple(
    fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('file', 'file', 'corrections', 'source', 'sheet', 'mapping', 'title'), fc.string({ maxLength: 10 })),
        filename: fc.option(
          fc.oneof(
            fc.constantFrom('报告.txt', '台账.xlsx', '自评.docx', 'a.pdf', '', '报\u0000告.txt'),
            fc.string({ unit: 'grapheme', maxLength: 30 }),
          ),
          { nil: undefined },
        ),
        content: fc.oneof(
          fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
          nastyString.map((x) => Buffer.from(x)),
          fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => Buffer.from(s)),
          junkValue.map((v) => Buffer.from(JSON.stringify(v) ?? '')),
          fc.integer({ min: 0, max: 2 }).map((i) => files[i] as Buffer),
        ),
      }),
      { maxLength: 4 },
    ),
    fc.constantFrom('whole', 'whole', 'whole', 'truncated', 'no-boundary', 'wrong-boundary', 'no-end', 'garbage'),
    fc.nat(),
  )
  .map(([parts, shape, cut]) => {
    const boundary = 'zgfuzz7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      ...parts.map((p) =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name.replace(/"/g, '')}"${p.filename !== undefined ? `; filename="${p.filename.replace(/"/g, '')}"` : ''}\r\n\r\n`,
          ),
          p.content,
          Buffer.from('\r\n'),
        ]),
      ),
      Buffer.from(shape === 'no-end' ? '' : `--${boundary}--\r\n`),
    ]);
    const type = `multipart/form-data; boundary=${boundary}`;
    if (shape === 'truncated') return { payload: body.subarray(0, cut % (body.length + 1)), contentType: type };
    if (shape === 'no-boundary') return { payload: body, contentType: 'multipart/form-data' };
    if (shape === 'wrong-boundary') return { payload: body, contentType: 'multipart/form-data; boundary=other' };
    if (shape === 'garbage') return { payload: Buffer.from(String(cut).repeat(cut % 50)), contentType: type };
    return { payload: body, contentType: type };
  });

/** A JSON body: fitting, spoiled or junk, and now and then malformed, in the wrong content type, or missing. */
function jsonBodyArb(schema: JsonSchema | undefined): fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> {
  const value = schema ? anyValue(schema) : junkValue;
  return fc.oneof(
    { weight: schema ? 8 : 1, arbitrary: value.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, fc.nat())
        .map(([v, n]) => ({ payload: (JSON.stringify(v) ?? '').slice(0, n % 40), contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(value, fc.constantFrom(...CONTENT_TYPES)).map(([v, t]) => ({ payload: JSON.stringify(v) ?? '', contentType: t })),
    },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: schema ? 1 : 4, arbitrary: fc.constant({ payload: undefined, contentType: undefined }) },
  );
}

function requestArb(path: string, method: string, op: Operation): fc.Arbitrary<InjectOptions> {
  const params = op.parameters ?? [];
  const inPath = params.filter((p) => p.in === 'path');
  const inQuery = params.filter((p) => p.in === 'query');
  const upload = UPLOADS.has(`${method.toUpperCase()} ${path}`);
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  type Body = { payload?: string | Buffer; contentType?: string };
  const body: fc.Arbitrary<Body> = upload
    ? fc.oneof({ weight: 5, arbitrary: multipartArb }, { weight: 1, arbitrary: jsonBodyArb(undefined) })
    : method === 'get'
      ? fc.constant<Body>({})
      : jsonBodyArb(bodySchema);
  return fc
    .tuple(
      fc.tuple(...inPath.map(pathValue)),
      fc.oneof(
        { weight: 5, arbitrary: inQuery.length > 0 ? queryArb(inQuery) : fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'extra=1', '%', 'a=%ZZ') },
      ),
      body,
    )
    .map(([values, query, b]) => {
      let url = path;
      inPath.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i] as string)));
      if (query !== undefined) url += `?${query}`;
      const as = who[dutyOf(path)];
      const headers: Record<string, string> = { cookie: as.cookie, 'x-csrf-token': as.csrf };
      if (b.contentType !== undefined && b.contentType !== '') headers['content-type'] = b.contentType;
      return {
        method: method.toUpperCase() as InjectOptions['method'],
        url,
        headers,
        ...(b.payload !== undefined ? { payload: b.payload } : {}),
      };
    });
}

/** Whose route a path is: the security or audit administrator's, the system administrator's, else the office's. */
function dutyOf(path: string): keyof typeof who {
  if (/\/(role|unlock|password-reset)$|^\/api\/users\/.+\/second-factor$|^\/api\/security-policy/.test(path)) return 'security';
  if (path.startsWith('/api/audit')) return 'audit';
  if (/^\/api\/(users|backups|units|people)|\/owner$/.test(path)) return 'admin';
  return 'office';
}

async function send(req: InjectOptions) {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS / 1000} s`)), HANG_MS)),
  );
  try {
    return await Promise.race([app.inject(req), hang]);
  } finally {
    clearTimeout(timer);
  }
}

let strangers = 0;
/** ZG_FUZZ_REPORT=1 prints, per route, how many answers had each status: whether requests get past validation */
const statuses: Record<string, Record<number, number>> = {};
const CHINESE = /[\u4e00-\u9fff]/;
const operations = () =>
  Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe(`the API under arbitrary requests (seed ${SEED}, ZG_FUZZ_SEED to repeat)`, () => {
  it('covers every route of the OpenAPI description', () => {
    expect(operations().length).toBeGreaterThan(40);
  });

  for (const { path, method, op } of operations())
    it(`${method.toUpperCase()} ${path}`, async () => {
      const runs = SLOW.some((re) => re.test(path)) ? Math.ceil(RUNS / 3) : RUNS;
      const property = fc.asyncProperty(requestArb(path, method, op), async (req) => {
        // logging out (or in as a stranger) must not end the session the other requests use
        if (path === '/api/session' && method !== 'get')
          req = {
            ...req,
            remoteAddress: `10.9.${++strangers % 250}.${Math.floor(strangers / 250) % 250}`,
            headers: {
              ...(req.headers ?? {}),
              ...(method === 'delete' ? await login().then((s) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })) : {}),
            },
          };
        thrown = [];
        const r = await send(req);
        const seen = (statuses[`${method.toUpperCase()} ${path}`] ??= {});
        seen[r.statusCode] = (seen[r.statusCode] ?? 0) + 1;
        if (process.env.ZG_FUZZ_REPORT === '2' && r.statusCode === 400)
          console.log(`${req.method} ${String(req.url).slice(0, 100)} ${r.body.slice(0, 200)}`);
        const what = `${req.method} ${req.url} → ${r.statusCode} ${r.body.slice(0, 300)}\n${thrown.map((t) => `  thrown: ${t.code ?? ''} ${t.message}`).join('\n')}`;
        expect(r.statusCode, what).not.toBe(500);
        expect(r.statusCode, what).toBeLessThan(500);
        if (r.statusCode >= 400) {
          const body = JSON.parse(r.body) as { code?: unknown; message?: unknown };
          expect(typeof body.code, what).toBe('string');
          expect(String(body.message), what).toMatch(CHINESE);
        }
      });
      await fc.assert(property, { numRuns: runs, seed: SEED, endOnFailure: true });
    }, 240_000);
});
