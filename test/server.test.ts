// The HTTP API on a real database: logging in, sessions and CSRF, throttling, errors as JSON in Chinese, uploads
// checked by content, and an access-control matrix — every route for every role, in and out of scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { checkAnswer } from '../src/core/contract/reading.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { addEvidence, assignProblem } from '../src/services/problem-actions.ts';
import { importEvaluation } from '../src/services/perf-evaluations.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import type { Role } from '../src/core/access/permissions.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { checkBackup } from '../src/services/ledger-transfer.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { makeOfd } from './support/ofd.ts';
import { makeHtml } from './support/web-page.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';

let l: Ledger;
let app: FastifyInstance;
let code: string; // a problem led by 计划财务股
let ownerId: number; // 示例县农业农村局, the owner of the sample's source
let perfId: number; // a self-evaluation kept by 计划财务股
let notificationId: number; // a reminder about \`code\`
let evidenceId: number; // evidence on \`code\`
let documentId: number; // the sample report as imported
let targetUnitId: number; // a unit the access matrix edits
/** where backups made through the API go */
const backups = mkdtempSync(join(tmpdir(), 'zg-server-backups-'));
let targetUserId: number; // an account the access matrix edits, resets and reactivates
const EVALUATION = {
  unit: '计划财务股',
  year: 2024,
  budget: { initial: 100, executed: 95, weight: 10, rate: null, score: null },
  funding: [],
  spending: [],
  staffing: null,
  indicators: [
    { level1: '产出指标', level2: '数量指标', level3: '办案数', target: '100件', actual: '90件', weight: 90, score: null, deviation: null },
  ],
  basics: [],
  totals: null,
  problems: [{ text: '办案数未达成' }],
  measures: [],
};
const source = () => (code ? code.slice(0, code.lastIndexOf('-')) : ':source'); // test names are made before code is known
const sessions: Record<string, { cookie: string; csrf: string }> = {};

/** A multipart upload of one file, with the caller's headers (session, CSRF) kept. */
function multipart(name: string, bytes: Uint8Array | string, headers: Record<string, string> = {}) {
  const boundary = '----zgtest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const body = Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload: body, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function loginAs(username: string, password = PASSWORD) {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  const cookie = r.cookies.find((c) => c.name === 'zg_session');
  return { status: r.statusCode, body: r.json(), cookie: cookie ? `zg_session=${cookie.value}` : '', cookieMeta: cookie };
}

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY, backupDir: backups });
  for (const [name, parent] of [
    ['示例县农业农村局', undefined],
    ['计划财务股', '示例县农业农村局'],
    ['另一个县财政局', undefined],
  ] as const)
    await createUnit(l.db, 'test', { name, ...(parent ? { parent } : {}) }, FULL_SCOPE);
  const owner = await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县农业农村局').executeTakeFirstOrThrow();
  ownerId = owner.id;
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: TODAY, ownerUnitId: owner.id });
  code = `${r?.sources[0]?.code}-006`;
  // named weeks before the run: a unit named that morning has missed no report yet
  await assignProblem(l.db, code, { scope: FULL_SCOPE, actor: 'test', at: '2024-12-20' }, { leadUnit: '计划财务股' });
  documentId = (await l.db.selectFrom('document').select('id').executeTakeFirstOrThrow()).id;
  evidenceId = (
    await addEvidence(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: 'test', at: TODAY },
      { name: '佐证.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') },
    )
  ).id;
  const finance = await l.db.selectFrom('org_unit').select('id').where('name', '=', '计划财务股').executeTakeFirstOrThrow();
  const table = [
    '2024年度部门整体支出绩效自评表',
    '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
    '\t产出指标\t数量指标\t办案数\t100件\t90件\t100\t90\t案源减少',
  ];
  await runSupervision(l.db, { at: `${TODAY}T08:30` });
  notificationId = Number(
    (
      await l.db
        .selectFrom('notification as n')
        .innerJoin('problem as p', 'p.id', 'n.problem_id')
        .select('n.id')
        .where('p.code', '=', code)
        .executeTakeFirstOrThrow()
    ).id,
  );
  perfId = (await importEvaluation(l, { name: '自评.txt', bytes: new TextEncoder().encode(table.join('\n')) }, 'test', finance.id)).id;
  const users: [string, Role, string | null][] = [
    ['admin', 'admin', null],
    ['sec', 'security', null],
    ['aud', 'audit', null],
    ['office', 'office', '示例县农业农村局'],
    ['unit', 'unit', '计划财务股'],
    ['leader', 'leader', '示例县农业农村局'],
    ['supervisor', 'supervisor', '示例县农业农村局'],
    ['otherunit', 'unit', '另一个县财政局'],
  ];
  for (const [username, role, unit] of users) {
    await createUser(l.db, 'test', { username, displayName: username, password: PASSWORD, role, unit });
    const s = await loginAs(username);
    sessions[username] = { cookie: s.cookie, csrf: s.body.csrf };
  }
  // under the office's own unit: the office may change it as well as the administrator
  targetUnitId = await createUnit(l.db, 'test', { name: '被修改的单位', parent: '示例县农业农村局' }, FULL_SCOPE);
  targetUserId = await createUser(l.db, 'test', {
    username: 'x-target',
    displayName: '被修改的账号',
    password: PASSWORD,
    role: 'unit',
    unit: '被修改的单位',
  });
});
afterAll(async () => {
  await app.close();
  await l.close();
});

/** A problem's version now: what its page shows and sends back with a change. */
const versionOf = async (c: string) =>
  (await l.db.selectFrom('problem').select('version').where('code', '=', c).executeTakeFirstOrThrow()).version;

describe('logging in', () => {
  it('sets an HttpOnly, SameSite session cookie and answers who is logged in', async () => {
    const s = await loginAs('office');
    expect(s.status).toBe(200);
    expect(s.cookieMeta).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(s.body.user).toMatchObject({ username: 'office', roleLabel: '整改办', unit: '示例县农业农村局' });
    const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } });
    expect(me.json().user.username).toBe('office');
  });

  it('refuses a wrong password in Chinese, and throttles after five failures', async () => {
    await createUser(l.db, 'test', { username: 'guess', displayName: 'guess', password: PASSWORD, role: 'unit', unit: '计划财务股' });
    const wrong = await loginAs('guess', 'wrong password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'LOGIN_REFUSED', message: '用户名或密码不正确' });
    for (let i = 0; i < 4; i++) await loginAs('guess', 'wrong password');
    const throttled = await loginAs('guess'); // even the right password now
    expect(throttled.status).toBe(429);
    expect(throttled.body.message).toContain('登录失败次数过多');
  });

  it('refuses a change without the session’s CSRF token', async () => {
    const r = await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/progress`,
      headers: { cookie: sessions.unit?.cookie ?? '' },
      payload: { text: '进展' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF');
  });

  it('logs out', async () => {
    const s = await loginAs('leader');
    await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: s.cookie, 'x-csrf-token': s.body.csrf } });
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });
});

describe('the API', () => {
  const as = (user: string) => ({ cookie: sessions[user]?.cookie ?? '', 'x-csrf-token': sessions[user]?.csrf ?? '' });

  it('answers health and describes itself at /api/docs', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
      status: 'ok',
      database: l.kind,
      workers: { size: expect.any(Number), busy: 0, waiting: 0 },
    });
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/api/problems', '/api/problems/{code}/closure', '/api/import', '/api/stats']),
    );
    // the answers the contract declares are described too, field by field
    const todo = spec.json().paths['/api/todo'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(todo.properties)).toEqual([
      'closures',
      'returned',
      'extensions',
      'reports',
      'notices',
      'leads',
      'submissions',
      'monitoring',
    ]);
    const session = spec.json().paths['/api/session'].get.responses['200'].content['application/json'].schema;
    expect(session.properties.user.required).toContain('mustChangePassword');
    // every route describes its answer: JSON field by field, a file as bytes
    const undescribed = Object.entries(spec.json().paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })))
      .filter(({ op }) => !op.responses?.['200'])
      .map(({ route }) => route);
    expect(undescribed).toEqual([]);
    const report = spec.json().paths['/api/sources/{source}/reports/{kind}'].get.responses['200'].content;
    expect(Object.values(report as Record<string, { schema: { format?: string } }>)[0]?.schema.format).toBe('binary');
  });

  it('names the line and the field of a correction it cannot take before importing', async () => {
    const boundary = '----zgcorrect';
    const corrections = JSON.stringify([{ report: 0, line: 13, title: '很长的标题'.repeat(120) }]);
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="corrections"\r\n\r\n${corrections}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="通报.txt"\r\n\r\n${readFileSync(SAMPLE, 'utf8')}\r\n--${boundary}--\r\n`;
    const r = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: Buffer.from(body),
      headers: { ...as('office'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('更正内容不符合要求：第13行的标题不能超过 500 个字');
  });

  it('answers bad input with a stable code and a Chinese message, changing nothing', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/extension`,
      headers: as('unit'),
      payload: { newDeadline: '下月底', reason: '来不及', version: await versionOf(code) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_INPUT');
    expect(bad.json().message).toContain('应为 YYYY-MM-DD 格式的日期');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/closure`,
      headers: as('unit'),
      payload: { evidence: [], version: await versionOf(code) },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toEqual({ code: 'ACTION_REFUSED', message: '申请销号须附佐证材料' });
    const stale = await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/progress`,
      headers: as('unit'),
      payload: { text: '进展', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    // a change that does not say which version it was made from cannot be told from a stale one: refused
    const unversioned = await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/progress`,
      headers: as('unit'),
      payload: { text: '进展' },
    });
    expect(unversioned.statusCode).toBe(400);
    expect(unversioned.json().message).toContain('version');
  });

  it('answers a list again from memory, but never hides a change made through it', async () => {
    const list = async () => (await app.inject({ method: 'GET', url: '/api/problems', headers: as('unit') })).json().items[0].progress;
    const before = await list();
    await app.inject({
      method: 'POST',
      url: `/api/problems/${code}/progress`,
      headers: as('unit'),
      payload: { text: '已完成轮岗', progress: before === 77 ? 78 : 77, version: await versionOf(code) },
    });
    expect(await list()).toBe(before === 77 ? 78 : 77);
  });

  it('reads uploads by their content and refuses what is not a document', async () => {
    const fake = await app.inject({
      method: 'POST',
      url: '/api/check',
      ...multipart(
        '报告.pdf',
        new Uint8Array(300).map((_, i) => i % 256),
        as('office'),
      ),
    });
    expect(fake.statusCode).toBe(422);
    expect(fake.json().message).toContain('不是可读取的文档');
    const ok = await app.inject({ method: 'POST', url: '/api/check', ...multipart('报告.docx', readFileSync(SAMPLE), as('office')) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().format).toBe('txt');
    // made in a worker and sent as it is, the answer still has the shape the contract gives the web
    expect(checkAnswer.safeParse(ok.json()).error).toBeUndefined();
    expect(ok.json().reports[0].findings.map((f: { rule: string }) => f.rule)).toContain('status-counts');
  });

  it('reads a report typeset as OFD and one saved from a website like its text, in the worker', async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const check = async (name: string, bytes: Uint8Array) => {
      const r = await app.inject({ method: 'POST', url: '/api/check', ...multipart(name, bytes, as('office')) });
      expect(r.statusCode, name).toBe(200);
      return r.json();
    };
    const txt = await check('通报.txt', new Uint8Array(Buffer.from(text)));
    const titles = (a: { reports: { aspects: { problems: { title: string; status: string }[] }[] }[] }) =>
      a.reports.flatMap((r) => r.aspects.flatMap((x) => x.problems.map((p) => `${p.title} ${p.status}`)));
    for (const [name, bytes, format] of [
      ['通报.ofd', makeOfd(text), 'ofd'],
      ['通报.html', makeHtml(text), 'html'],
    ] as const) {
      const answer = await check(name, bytes);
      expect(answer.format).toBe(format);
      expect(checkAnswer.safeParse(answer).error).toBeUndefined();
      expect(titles(answer)).toEqual(titles(txt));
    }
  });

  it('refuses an oversized upload and a zip bomb posing as .docx, writing nothing', async () => {
    const small = await buildApp({ ledger: l, today: () => TODAY, maxUploadBytes: 1024 });
    try {
      const big = await small.inject({ method: 'POST', url: '/api/import', ...multipart('big.txt', '整改'.repeat(2000), as('office')) });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('FILE_TOO_LARGE');
    } finally {
      await small.close();
    }
    const { zipSync } = await import('fflate');
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(200 * 1024 * 1024) }, { level: 9 });
    const before = await l.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await app.inject({ method: 'POST', url: '/api/import', ...multipart('炸弹.docx', bomb, as('office')) });
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toContain('解压后');
    const after = await l.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('access control: every route for every role', () => {
  type Route = {
    name: string;
    method: 'GET' | 'POST' | 'PUT';
    url: () => string;
    /** the capability that lets a person through (any of them, when several do) */
    cap: string | readonly string[];
    problem?: boolean;
    /** about a whole source: refused to a unit that only works on some of its problems */
    owners?: boolean;
    body?: object | (() => object);
    upload?: boolean;
  };
  const routes: Route[] = [
    // the system administrator lists the sources to give them owners
    { name: '来源列表', method: 'GET', url: () => '/api/sources', cap: ['read', 'manage-users'] },
    { name: '统计', method: 'GET', url: () => '/api/stats', cap: 'read' },
    { name: '问题清单', method: 'GET', url: () => '/api/problems', cap: 'read' },
    { name: '督办清单', method: 'GET', url: () => '/api/problems?supervised=true', cap: 'read' },
    { name: '任务清单', method: 'GET', url: () => '/api/measures', cap: 'read' },
    { name: '趋势', method: 'GET', url: () => '/api/stats/trend', cap: 'read' },
    {
      name: '批量分工',
      method: 'POST',
      url: () => '/api/problems/bulk-assign',
      cap: 'assign',
      body: () => ({ codes: [code], deadline: '2025-06-30' }),
    },
    { name: '问题详情', method: 'GET', url: () => `/api/problems/${code}`, cap: 'read', problem: true },
    {
      name: '认领分工',
      method: 'POST',
      url: () => `/api/problems/${code}/assign`,
      cap: 'assign',
      problem: true,
      body: { deadline: '2025-06-30' },
    },
    {
      name: '报告进展',
      method: 'POST',
      url: () => `/api/problems/${code}/progress`,
      cap: 'report-progress',
      problem: true,
      body: { text: '进展' },
    },
    { name: '上传佐证', method: 'POST', url: () => `/api/problems/${code}/evidence`, cap: 'upload-evidence', problem: true, upload: true },
    {
      name: '申请销号',
      method: 'POST',
      url: () => `/api/problems/${code}/closure`,
      cap: 'request-closure',
      problem: true,
      body: { evidence: [] },
    },
    {
      name: '审核销号',
      method: 'POST',
      url: () => `/api/problems/${code}/closure/decision`,
      cap: 'decide-closure',
      problem: true,
      body: { accept: false, reason: '材料不全' },
    },
    {
      name: '申请延期',
      method: 'POST',
      url: () => `/api/problems/${code}/extension`,
      cap: 'request-extension',
      problem: true,
      body: { newDeadline: '2030-01-01', reason: '跨年度' },
    },
    {
      name: '审批延期',
      method: 'POST',
      url: () => `/api/problems/${code}/extension/decision`,
      cap: 'decide-extension',
      problem: true,
      body: { approve: false, reason: '理由不足' },
    },
    {
      name: '督办',
      method: 'POST',
      url: () => `/api/problems/${code}/supervision`,
      cap: 'supervise',
      problem: true,
      body: { kind: 'reminder' },
    },
    {
      name: '回头看',
      method: 'POST',
      url: () => `/api/problems/${code}/lookback`,
      cap: 'lookback',
      problem: true,
      body: { result: 'consolidated' },
    },
    {
      name: '记录成果',
      method: 'POST',
      url: () => `/api/problems/${code}/outcomes`,
      cap: 'record-outcome',
      problem: true,
      body: { kind: 'meeting', count: 1 },
    },
    { name: '核验文档', method: 'POST', url: () => '/api/check', cap: 'check', upload: true },
    { name: '导入文档', method: 'POST', url: () => '/api/import', cap: 'import', upload: true },
    { name: '组织机构', method: 'GET', url: () => '/api/units', cap: ['read', 'manage-org'] },
    {
      name: '新增单位',
      method: 'POST',
      url: () => '/api/units',
      cap: 'manage-org',
      body: { name: '新单位', parent: '示例县农业农村局' },
    },
    { name: '人员', method: 'GET', url: () => '/api/people', cap: 'manage-org' },
    { name: '新增人员', method: 'POST', url: () => '/api/people', cap: 'manage-org', body: { name: '新人员', unit: '计划财务股' } },
    { name: '账号', method: 'GET', url: () => '/api/users', cap: ['manage-users', 'grant-roles', 'audit-log'] },
    { name: '生成通报', method: 'GET', url: () => `/api/sources/${source()}/reports/tongbao?public=true`, cap: 'export' },
    { name: '生成整改方案', method: 'GET', url: () => `/api/sources/${source()}/reports/plan`, cap: 'export' },
    { name: '导出台账工作簿', method: 'GET', url: () => `/api/sources/${source()}/workbook`, cap: 'export' },
    { name: '导入台账工作簿', method: 'POST', url: () => '/api/workbook', cap: 'import', upload: true },
    {
      name: '指定归属单位',
      method: 'PUT',
      url: () => `/api/sources/${source()}/owner`,
      cap: 'manage-users',
      body: () => ({ unitId: ownerId }),
    },
    { name: '公开设置', method: 'GET', url: () => `/api/sources/${source()}/publication`, cap: 'read', problem: true },
    { name: '修改公开设置', method: 'PUT', url: () => `/api/sources/${source()}/publication`, cap: 'import', body: { commentDays: 10 } },
    { name: '绩效自评列表', method: 'GET', url: () => '/api/perf', cap: 'read' },
    { name: '上传绩效自评', method: 'POST', url: () => '/api/perf', cap: 'import', upload: true },
    { name: '绩效自评', method: 'GET', url: () => `/api/perf/${perfId}`, cap: 'read', problem: true },
    { name: '绩效计分', method: 'POST', url: () => '/api/perf/score', cap: 'read', body: { evaluation: EVALUATION } },
    {
      name: '修改绩效自评',
      method: 'PUT',
      url: () => `/api/perf/${perfId}`,
      cap: 'import',
      problem: true,
      body: () => ({ evaluation: EVALUATION, version: 1 }),
    },
    { name: '导出自评表', method: 'GET', url: () => `/api/perf/${perfId}/export/xlsx`, cap: 'read', problem: true },
    { name: '自评问题转入台账', method: 'POST', url: () => `/api/perf/${perfId}/to-ledger`, cap: 'import', problem: true },
    { name: '相似问题', method: 'GET', url: () => `/api/problems/${code}/matches`, cap: 'read', problem: true },
    { name: '立即督办（试运行）', method: 'POST', url: () => '/api/supervision/run', cap: 'supervise', body: { dryRun: true } },
    { name: '调度表', method: 'GET', url: () => '/api/supervision/weekly?day=2025-01-10', cap: 'export' },
    { name: '月度通报', method: 'GET', url: () => '/api/supervision/monthly?month=2025-01', cap: 'export' },
    { name: '成效评估比较', method: 'GET', url: () => '/api/assessment', cap: 'read' },
    // a judgement of the whole source: for those who own it, not for a unit working on some of its problems
    { name: '成效评估', method: 'GET', url: () => `/api/assessment/${source()}`, cap: 'read', problem: true, owners: true },
    { name: '督办设置', method: 'GET', url: () => `/api/sources/${source()}/supervision`, cap: 'read', problem: true },
    {
      name: '修改督办设置',
      method: 'PUT',
      url: () => `/api/sources/${source()}/supervision`,
      cap: 'supervise',
      problem: true,
      body: { dueSoonDays: [5, 2] },
    },
    { name: '站内提醒', method: 'GET', url: () => '/api/notifications', cap: 'read' },
    { name: '未读提醒数', method: 'GET', url: () => '/api/notifications/unread', cap: 'read' },
    { name: '全部标为已读', method: 'POST', url: () => '/api/notifications/read', cap: 'read', body: { all: true } },
    { name: '待办', method: 'GET', url: () => '/api/todo', cap: 'read' },
    { name: '提醒标为已读', method: 'POST', url: () => `/api/notifications/${notificationId}/read`, cap: 'read', problem: true },
    { name: '督办单', method: 'GET', url: () => `/api/problems/${code}/forms/notice`, cap: 'supervise', problem: true },
    { name: '对账销号单', method: 'GET', url: () => `/api/problems/${code}/forms/closure`, cap: 'read', problem: true },
    { name: '导入的报告原件', method: 'GET', url: () => `/api/documents/${documentId}/file`, cap: 'read', problem: true },
    { name: '佐证材料原件', method: 'GET', url: () => `/api/evidence/${evidenceId}/file`, cap: 'read', problem: true },
    { name: '佐证材料文字', method: 'GET', url: () => `/api/evidence/${evidenceId}/text`, cap: 'read', problem: true },
    {
      name: '修改单位',
      method: 'PUT',
      url: () => `/api/units/${targetUnitId}`,
      cap: 'manage-org',
      body: { email: 'x@example.cn', version: 1 },
    },
    { name: '撤销或恢复单位', method: 'PUT', url: () => `/api/units/${targetUnitId}/retired`, cap: 'manage-org', body: { retired: false } },
    {
      name: '修改账号',
      method: 'PUT',
      url: () => `/api/users/${targetUserId}`,
      cap: 'manage-users',
      body: { displayName: '改', version: 1 },
    },
    { name: '重置密码', method: 'POST', url: () => `/api/users/${targetUserId}/password-reset`, cap: 'grant-roles' },
    {
      name: '授予角色',
      method: 'PUT',
      url: () => `/api/users/${targetUserId}/role`,
      cap: 'grant-roles',
      body: { role: 'unit', version: 1 },
    },
    { name: '解除锁定', method: 'POST', url: () => `/api/users/${targetUserId}/unlock`, cap: 'grant-roles' },
    { name: '安全策略', method: 'GET', url: () => '/api/security-policy', cap: 'security-policy' },
    { name: '操作日志', method: 'GET', url: () => '/api/audit/events', cap: 'audit-log' },
    { name: '导出操作日志', method: 'GET', url: () => '/api/audit/events/export', cap: 'audit-log' },
    { name: '核验操作日志', method: 'GET', url: () => '/api/audit/chain', cap: 'audit-log' },
    { name: '停用或启用账号', method: 'PUT', url: () => `/api/users/${targetUserId}/active`, cap: 'manage-users', body: { active: true } },
    {
      name: '修改自己的密码',
      method: 'POST',
      url: () => '/api/session/password',
      cap: 'session',
      body: { oldPassword: 'not the password', newPassword: 'Another#2025' },
    },
    { name: '已公开的通报', method: 'GET', url: () => `/api/sources/${source()}/publications`, cap: 'read', problem: true },
    { name: '发布通报公开版', method: 'POST', url: () => `/api/sources/${source()}/publications`, cap: 'publish', body: {} },
    { name: '群众反映', method: 'GET', url: () => '/api/submissions', cap: 'intake' },
    { name: '备份列表', method: 'GET', url: () => '/api/backups', cap: 'backup' },
    { name: '立即备份', method: 'POST', url: () => '/api/backups', cap: 'backup' },
    {
      name: '新增账号',
      method: 'POST',
      url: () => '/api/users',
      cap: 'manage-users',
      body: { username: 'x-new', displayName: '新', password: PASSWORD, unit: '计划财务股' },
    },
  ];
  const CAN: Record<string, string[]> = {
    // the system administrator keeps units, accounts and backups, and reads or works on nothing of the ledger
    admin: ['manage-org', 'manage-users', 'backup'],
    sec: ['security-policy', 'grant-roles'],
    aud: ['audit-log'],
    office: [
      'read',
      'import',
      'check',
      'assign',
      'report-progress',
      'upload-evidence',
      'request-closure',
      'decide-closure',
      'request-extension',
      'decide-extension',
      'supervise',
      'lookback',
      'record-outcome',
      'manage-org',
      'export',
      'publish',
      'intake',
    ],
    unit: ['read', 'check', 'report-progress', 'upload-evidence', 'request-closure', 'request-extension', 'record-outcome'],
    leader: ['read', 'check', 'decide-closure', 'decide-extension', 'export'],
    supervisor: ['read', 'check', 'supervise', 'lookback', 'export', 'intake'],
    otherunit: ['read', 'check', 'report-progress', 'upload-evidence', 'request-closure', 'request-extension', 'record-outcome'],
  };
  // everyone logged in may change their own password
  for (const caps of Object.values(CAN)) caps.push('session');
  const inScope: Record<string, boolean> = {
    admin: true,
    sec: true,
    aud: true,
    office: true,
    unit: true,
    leader: true,
    supervisor: true,
    otherunit: false,
  };

  for (const route of routes)
    it(`${route.name}: ${route.method} ${route.url().replace('undefined', ':code')}`, async () => {
      // a change to a problem names the version it was made from, as the problem page sends it
      const version = async () => (route.problem && route.method === 'POST' && !route.upload ? { version: await versionOf(code) } : {});
      const send = async (headers: Record<string, string>) =>
        app.inject({
          method: route.method,
          url: route.url(),
          ...(route.upload
            ? multipart('佐证.txt', readFileSync(SAMPLE), headers)
            : {
                headers,
                ...(route.body !== undefined
                  ? { payload: { ...(typeof route.body === 'function' ? route.body() : route.body), ...(await version()) } }
                  : {}),
              }),
        });
      const anonymous = await send({});
      expect(anonymous.statusCode, 'anonymous').toBe(401);
      for (const user of Object.keys(CAN)) {
        const r = await send({ cookie: sessions[user]?.cookie ?? '', 'x-csrf-token': sessions[user]?.csrf ?? '' });
        const allowed = [route.cap].flat().some((c) => CAN[user]?.includes(c));
        const expected = !allowed ? 403 : route.problem && !inScope[user] ? 404 : route.owners && user === 'unit' ? 403 : 'ok';
        if (expected === 'ok')
          expect([401, 403, 404], `${user} should be let through (${r.statusCode} ${r.body})`).not.toContain(r.statusCode);
        else expect(r.statusCode, `${user}: ${r.body}`).toBe(expected);
      }
    });

  it('shows the units to everyone who reads the ledger, their e-mail only to those who keep the organisation', async () => {
    const headers = (user: string) => ({ cookie: sessions[user]?.cookie ?? '', 'x-csrf-token': sessions[user]?.csrf ?? '' });
    type Unit = { id: number; version: number; children: Unit[] };
    const all = (u: Unit): Unit[] => [u, ...u.children.flatMap(all)];
    const units = ((await app.inject({ method: 'GET', url: '/api/units', headers: headers('office') })).json().items as Unit[]).flatMap(
      all,
    );
    const target = units.find((u) => u.id === targetUnitId) as Unit;
    const put = await app.inject({
      method: 'PUT',
      url: `/api/units/${targetUnitId}`,
      headers: headers('office'),
      payload: { email: 'caiwu@example.cn', version: target.version },
    });
    expect(put.statusCode, put.body).toBe(200);
    const emails = async (user: string) =>
      JSON.stringify((await app.inject({ method: 'GET', url: '/api/units', headers: headers(user) })).json()).match(/caiwu@example\.cn/g)
        ?.length ?? 0;
    expect(await emails('office')).toBe(1);
    for (const user of ['unit', 'leader', 'supervisor']) expect(await emails(user), user).toBe(0);
  });

  it('a responsible unit sees only its own problems', async () => {
    const mine = await app.inject({ method: 'GET', url: '/api/problems', headers: { cookie: sessions.unit?.cookie ?? '' } });
    expect(mine.json().items.map((p: { code: string }) => p.code)).toEqual([code]);
    const other = await app.inject({ method: 'GET', url: '/api/problems', headers: { cookie: sessions.otherunit?.cookie ?? '' } });
    expect(other.json().total).toBe(0);
    const stats = await app.inject({ method: 'GET', url: '/api/stats', headers: { cookie: sessions.otherunit?.cookie ?? '' } });
    expect(stats.json().total).toBe(0);
    // the colours of the unit's own open problem, counted by the same rule the lists show
    const own = (await app.inject({ method: 'GET', url: '/api/stats', headers: { cookie: sessions.unit?.cookie ?? '' } })).json();
    const shown = (
      await app.inject({ method: 'GET', url: `/api/problems/${code}`, headers: { cookie: sessions.unit?.cookie ?? '' } })
    ).json().problem.colour;
    expect(Object.values(own.colours as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1);
    expect(own.colours[shown]).toBe(1);
  });
});

describe('sources, their owners, and who sees them', () => {
  const as = (user: string) => ({ cookie: sessions[user]?.cookie ?? '', 'x-csrf-token': sessions[user]?.csrf ?? '' });
  /** the sample report of another bureau: a different report, not the one imported above found again */
  const report = (bureau: string) => readFileSync(SAMPLE, 'utf8').replaceAll('农业农村局', bureau);
  const importAs = async (user: string, text: string, owner?: number) => {
    const boundary = '----zgowner';
    const part = (name: string, value: string, file?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${encodeURIComponent(file)}"` : ''}\r\n\r\n${value}\r\n`;
    const body = `${owner ? part('owner', String(owner)) : ''}${part('file', text, '水利局通报.txt')}--${boundary}--\r\n`;
    const r = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: Buffer.from(body),
      headers: { ...as(user), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().results[0].sources[0].code as string;
  };
  const sourcesOf = async (user: string) =>
    (await app.inject({ method: 'GET', url: '/api/sources', headers: as(user) })).json().items as { code: string; owner: string | null }[];

  it('lets an office import for a unit below it, whose office and leader then see all of it; the system administrator gives a source to a unit', async () => {
    await createUnit(l.db, 'test', { name: '示例县人民政府' }, FULL_SCOPE);
    await createUnit(l.db, 'test', { name: '示例县水利局', parent: '示例县人民政府' }, FULL_SCOPE);
    const water = await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县水利局').executeTakeFirstOrThrow();
    for (const [username, role, unit] of [
      ['countyoffice', 'office', '示例县人民政府'],
      ['wateroffice', 'office', '示例县水利局'],
      ['waterleader', 'leader', '示例县水利局'],
    ] as const) {
      await createUser(l.db, 'test', { username, displayName: username, password: PASSWORD, role, unit });
      const s = await loginAs(username);
      sessions[username] = { cookie: s.cookie, csrf: s.body.csrf };
    }
    // a unit outside the office's own is refused, nothing imported
    const boundary = '----zgbad';
    const bad = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="owner"\r\n\r\n${ownerId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n${report('水利局')}\r\n--${boundary}--\r\n`,
      ),
      headers: { ...as('countyoffice'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(bad.statusCode, bad.body).toBe(403);
    expect(bad.json().message).toBe('只能导入到本单位或下级单位的台账：所选归属单位不在本单位之下');
    const given = await importAs('countyoffice', report('水利局'), water.id);
    // none chosen: the office's own unit
    const own = await importAs('countyoffice', report('林业局'));
    expect((await sourcesOf('countyoffice')).find((s) => s.code === own)?.owner).toBe('示例县人民政府');
    expect((await sourcesOf('wateroffice')).map((s) => [s.code, s.owner])).toEqual([[given, '示例县水利局']]);
    const problems = await app.inject({ method: 'GET', url: `/api/problems?source=${given}`, headers: as('waterleader') });
    expect(problems.json().total).toBe(8);
    const tongbao = await app.inject({ method: 'GET', url: `/api/sources/${given}/reports/tongbao`, headers: as('wateroffice') });
    expect(tongbao.statusCode).toBe(200);
    // the other bureau's people see neither
    expect((await sourcesOf('office')).map((s) => s.code)).not.toContain(given);
    expect((await app.inject({ method: 'GET', url: `/api/sources/${given}/reports/tongbao`, headers: as('office') })).statusCode).toBe(404);
    // the county's own goes to the water bureau when the system administrator gives it; only that administrator may
    expect((await sourcesOf('wateroffice')).map((s) => s.code)).not.toContain(own);
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/sources/${own}/owner`,
      headers: as('wateroffice'),
      payload: { unitId: water.id },
    });
    expect(refused.statusCode).toBe(403);
    // the system administrator lists the sources (names and owners) to do so, and reads none of their problems
    expect((await sourcesOf('admin')).map((s) => s.code)).toContain(own);
    expect((await app.inject({ method: 'GET', url: `/api/problems?source=${own}`, headers: as('admin') })).statusCode).toBe(403);
    const moved = await app.inject({
      method: 'PUT',
      url: `/api/sources/${own}/owner`,
      headers: as('admin'),
      payload: { unitId: water.id },
    });
    expect(moved.json()).toEqual({ code: own, owner: '示例县水利局' });
    expect((await sourcesOf('wateroffice')).map((s) => s.code)).toContain(own);
    const nowhere = await app.inject({
      method: 'PUT',
      url: `/api/sources/${own}/owner`,
      headers: as('admin'),
      payload: { unitId: 2147483000 },
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().message).toBe('没有编号为 2147483000 的单位');
    // a report read on the server with no owner given goes to the unit it names as its own
    const file = join(mkdtempSync(join(tmpdir(), 'zg-named-')), '水利局第六轮.txt');
    writeFileSync(file, report('水利局').replace('第三轮', '第六轮'));
    const [named] = await importDocuments(l, [file], { actor: 'test', today: TODAY });
    expect((await sourcesOf('wateroffice')).find((s) => s.code === named?.sources[0]?.code)?.owner).toBe('示例县水利局');
  });

  it('shows a unit’s own problem in another’s source, without letting it manage that source', async () => {
    const [water] = (await sourcesOf('wateroffice')).map((s) => s.code);
    const one = `${water}-002`;
    await assignProblem(l.db, one, { scope: FULL_SCOPE, actor: 'test', at: TODAY }, { leadUnit: '计划财务股' });
    // the agriculture bureau's leader sees the problem its section leads, and only that one of the source
    const seen = await app.inject({ method: 'GET', url: `/api/problems?source=${water}`, headers: as('leader') });
    expect(seen.json().items.map((p: { code: string }) => p.code)).toEqual([one]);
    expect((await sourcesOf('leader')).find((s) => s.code === water)?.owner).toBe('示例县水利局');
    // but documents, settings and the workbook are the owner's, and the refusal names it
    const tongbao = await app.inject({ method: 'GET', url: `/api/sources/${water}/reports/tongbao`, headers: as('leader') });
    expect(tongbao.statusCode).toBe(403);
    expect(tongbao.json().message).toBe(`整改来源“${water}”归示例县水利局所有，只有该单位的整改办能由它的台账生成公文`);
    const settings = await app.inject({
      method: 'PUT',
      url: `/api/sources/${water}/publication`,
      headers: as('office'),
      payload: { commentDays: 3 },
    });
    expect(settings.json().message).toBe(`整改来源“${water}”归示例县水利局所有，只有该单位的整改办能修改它的设置`);
    const workbook = await app.inject({ method: 'GET', url: `/api/sources/${water}/workbook`, headers: as('office') });
    expect(workbook.json().message).toContain('只有该单位的整改办能导出它的台账');
    // nor may it import a workbook over the owner's ledger
    const owners = await app.inject({ method: 'GET', url: `/api/sources/${water}/workbook`, headers: as('wateroffice') });
    expect(owners.statusCode).toBe(200);
    const over = await app.inject({
      method: 'POST',
      url: '/api/workbook',
      ...multipart('水利局台账.xlsx', owners.rawPayload, as('office')),
    });
    expect(over.statusCode, over.body).toBe(403);
    expect(over.json().message).toContain('只有该单位的整改办能向它导入台账');
  });
});

describe('documents through the API', () => {
  const office = () => ({ cookie: sessions.office?.cookie ?? '', 'x-csrf-token': sessions.office?.csrf ?? '' });

  it('downloads the 通报 as .docx under its Chinese name, with what reading it back found', async () => {
    const r = await app.inject({
      method: 'GET',
      url: `/api/sources/${source()}/reports/tongbao?public=true&asOf=2025-01-10`,
      headers: office(),
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(
      `${source()}-整改进展情况的通报（公开版）-2025-01-10.docx`,
    );
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(decodeURIComponent(String(r.headers['x-zg-findings'])))).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: `/api/sources/${source()}/reports/tongbao?asOf=2099-01-01`, headers: office() });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('晚于今天');
  });

  it('changes the publication settings and refuses what is not one', async () => {
    const ok = await app.inject({
      method: 'PUT',
      url: `/api/sources/${source()}/publication`,
      headers: office(),
      payload: { commentDays: 20, contacts: [{ kind: 'email', value: 'zgb@example.org' }] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      commentDays: 20,
      contacts: [{ kind: 'email', value: 'zgb@example.org' }],
      hide: { personNames: true },
    });
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/sources/${source()}/publication`,
      headers: office(),
      payload: { commentDays: 0 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a workbook that is not one, saying why, and changes nothing', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/workbook', ...multipart('台账.xlsx', '这不是工作簿', office()) });
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toMatch(/工作簿/);
  });
});

describe('self-evaluation through the API', () => {
  const office = () => ({ cookie: sessions.office?.cookie ?? '', 'x-csrf-token': sessions.office?.csrf ?? '' });
  it('scores an edit before it is saved, and refuses a table it cannot read, cell by cell', async () => {
    const scored = await app.inject({ method: 'POST', url: '/api/perf/score', headers: office(), payload: { evaluation: EVALUATION } });
    expect(scored.statusCode).toBe(200);
    // 95% of the budget: 9.5 of 10; 90 of 100 cases: 81 of 90
    expect(scored.json()).toMatchObject({
      total: 90.5,
      grade: '优',
      budget: { score: 9.5 },
      indicators: [{ score: 81, rule: 'proportional' }],
    });
    const bad = { ...EVALUATION, indicators: [{ ...EVALUATION.indicators[0], weight: '九十' }] };
    expect((await app.inject({ method: 'POST', url: '/api/perf/score', headers: office(), payload: { evaluation: bad } })).statusCode).toBe(
      400,
    );
    const table =
      '2024年度部门整体支出绩效自评表\n绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\t产出指标\t数量指标\t办案数\t100件\t90件\t九十\t81';
    const refused = await app.inject({ method: 'POST', url: '/api/perf', ...multipart('自评.txt', table, office()) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().reasons).toEqual(['第3行：“分值”应为数字，实为“九十”']);
  });
});

describe('notifications in the application', () => {
  it('shows a unit the reminders about its own problems, and another unit none of them', async () => {
    const mine = (
      await app.inject({ method: 'GET', url: '/api/notifications?status=all', headers: { cookie: sessions.unit?.cookie ?? '' } })
    ).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((n: { problem: string }) => n.problem === code)).toBe(true);
    const other = (
      await app.inject({ method: 'GET', url: '/api/notifications?status=all', headers: { cookie: sessions.otherunit?.cookie ?? '' } })
    ).json();
    expect(other).toEqual({ pending: 0, items: [] });
  });

  it('merges what one run said about one problem on one day into one, and marks them all read at once', async () => {
    const as = { cookie: sessions.unit?.cookie ?? '', 'x-csrf-token': sessions.unit?.csrf ?? '' };
    const all = (await app.inject({ method: 'GET', url: '/api/notifications?status=all', headers: as })).json();
    const keys = all.items.map((n: { problem: string; day: string; status: string }) => `${n.problem} ${n.day} ${n.status}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all.items.some((n: { ids: number[] }) => n.ids.length > 1)).toBe(true);
    // an office clerk who has read nothing (the access matrix marked everything read for the others)
    await createUser(l.db, 'test', {
      username: 'office2',
      displayName: 'office2',
      password: PASSWORD,
      role: 'office',
      unit: '示例县农业农村局',
    });
    const o = await loginAs('office2');
    const office = { cookie: o.cookie, 'x-csrf-token': o.body.csrf };
    const unread = async (h: Record<string, string>) =>
      (await app.inject({ method: 'GET', url: '/api/notifications/unread', headers: h })).json().pending as number;
    const officeBefore = await unread(office);
    const emptyList = await app.inject({ method: 'POST', url: '/api/notifications/read', headers: office, payload: { ids: [] } });
    expect(emptyList.statusCode).toBe(400); // an empty list is a mistake, said so
    const marked = await app.inject({ method: 'POST', url: '/api/notifications/read', headers: as, payload: { all: true } });
    expect(marked.statusCode).toBe(200);
    expect(await unread(as)).toBe(0);
    // read is each person's own: the unit's reading leaves the office's list as it was
    expect(officeBefore).toBeGreaterThan(0);
    expect(await unread(office)).toBe(officeBefore);
    // a unit's 待办 lists what it must report; a leader's lists what it must decide, not the unit's reports
    const todo = (await app.inject({ method: 'GET', url: '/api/todo', headers: as })).json();
    expect(Object.keys(todo).sort()).toEqual([
      'closures',
      'extensions',
      'leads',
      'monitoring',
      'notices',
      'reports',
      'returned',
      'submissions',
    ]);
    expect(todo.closures).toEqual([]);
  });
});

describe('backups from 系统管理', () => {
  const as = (user: string) => ({ cookie: sessions[user]?.cookie ?? '', 'x-csrf-token': sessions[user]?.csrf ?? '' });
  it('makes one now, lists it, sends it whole, and reaches nothing else in the directory', async () => {
    const made = await app.inject({ method: 'POST', url: '/api/backups', headers: as('admin') });
    expect(made.statusCode).toBe(200);
    const { name, events } = made.json() as { name: string; events: number };
    expect(name).toMatch(/^zg-backup-\d{4}-\d{2}-\d{2}-\d{6}\.zgb$/);
    expect(events).toBeGreaterThan(0);
    const list = (await app.inject({ method: 'GET', url: '/api/backups', headers: as('admin') })).json();
    expect(list.items.map((i: { name: string }) => i.name)).toContain(name);
    const file = await app.inject({ method: 'GET', url: `/api/backups/${name}`, headers: as('admin') });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(name);
    const copy = join(mkdtempSync(join(tmpdir(), 'zg-downloaded-')), name);
    writeFileSync(copy, file.rawPayload);
    expect((await checkBackup(copy)).manifest.audit.events).toBe(events);
    writeFileSync(join(backups, 'notes.txt'), 'not a backup');
    for (const other of ['notes.txt', '..%2F..%2Fetc%2Fpasswd', 'zg-backup-2020-01-01.zgb'])
      expect((await app.inject({ method: 'GET', url: `/api/backups/${other}`, headers: as('admin') })).statusCode).toBe(404);
  });
});
