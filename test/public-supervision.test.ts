// Public supervision on a real database, through both faces: the office publishes a 通报 (internal application), a
// member of the public reads it and sends an opinion with a small sum worked out (public part, no account), gets a
// reference and later reads the office's answer; the form is refused outside the comment period; the office turns a
// submission into a problem on the ledger and another into a lead; the next 通报 counts them. And the bad input:
// markup shown as text, a flood from one address slowed without harming others, nothing unpublished reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { buildPublicApp } from '../src/server/public/public-app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { assignProblem } from '../src/services/problem-actions.ts';
import { generateReport } from '../src/services/official-documents.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const PASSWORD = 'public supervision test 1';
let day = '2025-03-03';

let l: Ledger;
let app: FastifyInstance;
let pub: FastifyInstance;
let source: string;
let publication: number;
const as: Record<string, { cookie: string; 'x-csrf-token': string }> = {};

const api = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: as[user], ...(payload ? { payload } : {}) });

/** The public form as a browser fills it in: the sum worked out from the page's question. */
async function send(fields: Record<string, string>, address = '203.0.113.7', answer?: string) {
  const page = await pub.inject({ method: 'GET', url: `/p/${publication}`, remoteAddress: address });
  const q = /验证：(\d+) 加 (\d+) 等于几？/.exec(page.body);
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const sum = q ? String(Number(q[1]) + Number(q[2])) : '0';
  const typed = answer === 'full-width' ? sum.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : answer;
  return pub.inject({
    method: 'POST',
    url: `/p/${publication}`,
    remoteAddress: address,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token, answer: typed ?? sum, ...fields }).toString(),
  });
}
const refOf = (body: string) => /data-testid="reference">([^<]+)</.exec(body)?.[1] ?? '';

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => day });
  pub = await buildPublicApp({ ledger: l, today: () => day, burst: 5 });
  await createUnit(l.db, 'test', { name: '示例县农业农村局' }, FULL_SCOPE);
  await createUnit(l.db, 'test', { name: '计划财务股', parent: '示例县农业农村局' }, FULL_SCOPE);
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: '2025-03-01' });
  source = r?.sources[0]?.code as string;
  await assignProblem(l.db, `${source}-001`, { scope: FULL_SCOPE, actor: 'test', at: '2025-03-01' }, { leadUnit: '计划财务股' });
  for (const [username, role, unit] of [
    ['office', 'office', '示例县农业农村局'],
    // the leads register is the supervisors' and the discipline body's, not the office's
    ['watch', 'supervisor', '示例县农业农村局'],
    ['clerk', 'unit', '计划财务股'],
  ] as const) {
    await createUser(l.db, 'test', { username, displayName: username, password: PASSWORD, role, ...(unit ? { unit } : {}) });
    const s = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
    const cookie = s.cookies.find((c) => c.name === 'zg_session');
    as[username] = { cookie: `zg_session=${cookie?.value}`, 'x-csrf-token': s.json().csrf };
  }
});
afterAll(async () => {
  await app.close();
  await pub.close();
  await l.close();
});

describe('a published 通报 and what the public sends about it', () => {
  it('is published by the office, its comment period opened, and read by anyone without an account', async () => {
    const before = await pub.inject({ method: 'GET', url: '/' });
    expect(before.body).toContain('目前没有公开的整改情况通报');
    // a unit cannot publish
    expect((await api('clerk', 'POST', `/api/sources/${source}/publications`, {})).statusCode).toBe(403);
    const r = await api('office', 'POST', `/api/sources/${source}/publications`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ publishedOn: day, periodEnd: '2025-03-17' });
    publication = r.json().id;
    const index = await pub.inject({ method: 'GET', url: '/' });
    expect(index.body).toContain(`/p/${publication}`);
    expect(index.body).toContain('公开期限内，欢迎监督');
    const page = await pub.inject({ method: 'GET', url: `/p/${publication}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('公开期限：2025-03-03 至 2025-03-17');
    expect(page.body).toMatch(/验证：\d+ 加 \d+ 等于几？/);
  });

  it('takes an opinion with a reference, shows markup as text, and later shows the office’s answer to its holder', async () => {
    const content = '<script>alert("x")</script>村集体资金管理问题整改后，账目仍未按月公开，请核查。可回电13912345678。';
    const sent = await send({ kind: 'opinion', content, name: '<b>张三</b>', phone: '13800000000' });
    expect(sent.statusCode).toBe(200);
    const ref = refOf(sent.body);
    expect(ref).toMatch(/^YJ2025-\d{6}-[2-9A-HJ-NP-Z]{6}$/);
    const asked = await pub.inject({ method: 'GET', url: `/q?ref=${ref.toLowerCase()}` });
    expect(asked.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(asked.body).not.toContain('<script>');
    expect(asked.body).toContain('待受理');
    // the sender's name and phone are not on any public page, nor a number written into the text
    expect(asked.body).not.toContain('13800000000');
    expect(asked.body).toContain('可回电139****5678');
    // the office sees it, with the contact, and answers it; a unit does not see the queue
    expect((await api('clerk', 'GET', '/api/submissions')).statusCode).toBe(403);
    const queue = (await api('office', 'GET', '/api/submissions')).json().items;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ ref, kind: 'opinion', contactName: '<********', contactPhone: '138****0000', state: 'new' });
    expect(queue[0].content).toContain('可回电139****5678');
    expect((await api('office', 'GET', `/api/submissions/${ref}`)).json()).toMatchObject({ contactPhone: '138****0000' });
    // the whole of them for the clerk who calls back, and that look is in the audit log under the clerk's account
    const whole = await api('office', 'GET', `/api/submissions/${ref}/contact`);
    expect(whole.json()).toEqual({ contactName: '<b>张三</b>', contactPhone: '13800000000', content });
    expect((await api('clerk', 'GET', `/api/submissions/${ref}/contact`)).statusCode).toBe(403);
    const looked = await l.db
      .selectFrom('event')
      .select(['entity_id', 'after'])
      .where('entity', '=', 'security')
      .where('action', '=', 'personal-read')
      .execute();
    expect(looked).toMatchObject([{ after: { submission: ref } }]);
    // in the database itself they are SM4 ciphertext naming its key: a copy of the database shows neither
    const stored = await l.db
      .selectFrom('submission')
      .select(['contact_name', 'contact_phone'])
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone).toMatch(/^sm4:1:[0-9a-f]{8}:/);
    expect(JSON.stringify(stored)).not.toMatch(/13800000000|张三/);
    // it waits in the office's 待办 until it is handled
    expect((await api('office', 'GET', '/api/todo')).json().submissions).toMatchObject([
      { ref, text: expect.stringContaining('意见建议（待阅）') },
    ]);
    const reply = '已责成<i>财务股</i>自4月起按月公开账目。';
    const answered = await api('office', 'POST', `/api/submissions/${ref}/actions`, { version: 1, kind: 'reply', text: reply });
    expect(answered.statusCode).toBe(200);
    // a second answer from a page gone stale is refused
    expect((await api('office', 'POST', `/api/submissions/${ref}/actions`, { version: 1, kind: 'reply', text: '再答' })).statusCode).toBe(
      409,
    );
    expect((await api('office', 'GET', '/api/todo')).json().submissions).toEqual([]);
    const later = await pub.inject({ method: 'GET', url: `/q?ref=${ref}` });
    expect(later.body).toContain('已办理');
    expect(later.body).toContain('已责成&lt;i&gt;财务股&lt;/i&gt;自4月起按月公开账目。');
    // a reference nobody was given reads nothing
    // (another last letter than its own: one in 32 references ends in Z)
    const guessed = await pub.inject({ method: 'GET', url: `/q?ref=${ref.slice(0, -1)}${ref.endsWith('Z') ? 'Y' : 'Z'}` });
    expect(guessed.statusCode).toBe(404);
    expect(guessed.body).not.toContain('村集体资金');
  });

  it('refuses a wrong sum, keeping what was written; counts the same text sent again once', async () => {
    const content = '示例村的饮水工程整改报告称已完成，但三组至今未通自来水。';
    const wrong = await send({ kind: 'complaint', content }, '203.0.113.8', '99');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('验证题答案不对，请重新计算');
    expect(wrong.body).toContain('三组至今未通自来水');
    // the sum as a Chinese input method types it (full-width digits) is taken
    const first = await send({ kind: 'complaint', content }, '203.0.113.8', 'full-width');
    const again = await send({ kind: 'complaint', content: ` ${content.replace('。', '！')} ` }, '203.0.113.9');
    expect(refOf(first.body)).not.toBe('');
    expect(again.body).toContain('此前已有相同内容的反映，将合并办理');
    const items = (await api('office', 'GET', '/api/submissions')).json().items as { ref: string; duplicateOf: string | null }[];
    expect(items.find((i) => i.ref === refOf(again.body))?.duplicateOf).toBe(refOf(first.body));
  });

  it('lets the office open a problem on the ledger from one and hand another over as a lead; the next 通报 counts them', async () => {
    const items = (await api('office', 'GET', '/api/submissions?state=new')).json().items as {
      ref: string;
      version: number;
      duplicateOf: string | null;
    }[];
    const complaint = items.find((i) => i.duplicateOf === null) as { ref: string; version: number };
    const opened = await api('office', 'POST', `/api/submissions/${complaint.ref}/actions`, {
      version: complaint.version,
      kind: 'problem',
      title: '三组饮水工程未通水',
    });
    expect(opened.statusCode).toBe(200);
    const code = opened.json().problem as string;
    expect(code).toMatch(new RegExp(`^${source}-\\d{3}$`));
    const problem = (await api('office', 'GET', `/api/problems/${code}`)).json();
    expect(problem.problem).toMatchObject({ title: '三组饮水工程未通水', status: 'not-started', aspect: '群众反映的问题' });
    // its history names the submission by its number, not by the reference that reads the answer: the unit that will
    // lead the problem reads the history
    const history = JSON.stringify(problem.timeline);
    expect(history).toContain(complaint.ref.slice(0, 13));
    expect(history).not.toContain(complaint.ref);
    // the same text sent again by another: handled with the first, its sender reads the same state
    const repeat = items.find((i) => i.duplicateOf !== null) as { ref: string };
    const asked = await pub.inject({ method: 'GET', url: `/q?ref=${repeat.ref}` });
    expect(asked.body).toContain('已办理');
    // what became of it, in words that name no problem
    expect(asked.body).toContain('办理结果：已纳入整改台账，作为整改问题督促落实。');
    expect(asked.body).not.toContain(code);
    expect(asked.body).toContain('此前已有相同内容的反映，与其合并办理');
    const lead = await send({ kind: 'lead', content: '反映某股室负责人在整改验收中收受好处，请纪检部门核查。' }, '203.0.113.10');
    const leadRef = refOf(lead.body);
    const handed = await api('office', 'POST', `/api/submissions/${leadRef}/actions`, {
      version: 1,
      kind: 'lead',
      receiver: 'discipline',
      receiverName: '示例县纪委监委',
      summary: '群众反映整改验收中收受好处',
    });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().lead).toMatch(new RegExp(`^${source}-L\\d{2}$`));
    // the register says where it came from
    expect((await api('watch', 'GET', `/api/leads/${handed.json().lead}`)).json()).toMatchObject({
      origin: 'public',
      originLabel: '群众反映',
    });
    // counted apart from the inspection's own hand-overs
    expect((await api('watch', 'GET', '/api/leads/figures')).json().byOrigin).toEqual([
      expect.objectContaining({ key: 'public', label: '群众反映', received: 1 }),
    ]);
    expect((await pub.inject({ method: 'GET', url: `/q?ref=${leadRef}` })).body).toContain('办理结果：已按规定移交有关机关办理。');
    // four received (the repeat counted once: 3), the answered one, the problem and the lead handled
    day = '2025-03-20';
    const textOf = async (asOf: string) => {
      const r = await generateReport(l.db, { source, kind: 'tongbao', public: true, asOf, today: day, scope: FULL_SCOPE });
      // read back by the checker, the sentence about the public's problems is no second total that disagrees
      expect(r.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
      return r.document.blocks.map((b) => ('text' in b ? b.text : '')).join('');
    };
    const before = await textOf('2025-03-02');
    const text = await textOf('2025-03-20');
    expect(text).toContain('公开期间共收到干部群众反映3件，已全部办理；据此新增整改问题1个、移交问题线索1件。');
    // the problems the inspection fed back are counted as before: the one the public sent is told apart
    const fedBack = (t: string) => /针对反馈的(?:\d+个方面)?\d+个问题/.exec(t)?.[0];
    expect(fedBack(text)).toBeDefined();
    expect(fedBack(text)).toBe(fedBack(before));
    // and the lead the public sent is not one the inspection handed over
    expect(text).not.toContain('巡察移交的问题线索');
  });

  it('links a submission to a problem already on the ledger, and the problem’s record says so to its unit by number', async () => {
    day = '2025-03-06';
    const sent = await send({ kind: 'complaint', content: '农业项目资金拨付公示栏至今没有更新，群众看不到去向。' }, '203.0.113.20');
    const ref = refOf(sent.body);
    const problem = `${source}-001`;
    const linked = await api('office', 'POST', `/api/submissions/${ref}/actions`, { version: 1, kind: 'link', problem });
    expect(linked.statusCode).toBe(200);
    // the unit leading the problem reads it in the problem's record, without the reference that reads the answer
    const record = (await api('clerk', 'GET', `/api/problems/${problem}`)).json().timeline as { kind: string; text: string }[];
    const entry = record.find((t) => t.kind === 'submission');
    expect(entry?.text).toContain(`关联群众反映（编号 ${ref.slice(0, 13)}）`);
    expect(JSON.stringify(record)).not.toContain(ref);
    // linking it twice is refused with the reason
    const again = await api('office', 'POST', `/api/submissions/${ref}/actions`, { version: 2, kind: 'link', problem });
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toContain('已关联问题');
  });

  it('numbers the references one after another, even after the database lost its cached sequence values', async () => {
    day = '2025-03-06';
    // what a process killed mid-work leaves behind: the table's sequence moved on past numbers never used
    await sql`select setval(pg_get_serial_sequence('submission', 'id'), 5000)`.execute(l.db);
    const sent = await send({ kind: 'opinion', content: '建议在村务公开栏同时张贴整改进展，方便老年人查看。' }, '203.0.113.21');
    expect(sent.statusCode).toBe(200);
    const items = (await api('office', 'GET', '/api/submissions')).json().items as { ref: string }[];
    const numbers = items.map((i) => Number(i.ref.slice(7, 13))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(Number(refOf(sent.body).slice(7, 13))).toBe(numbers.length);
  });

  it('refuses the form once the comment period has ended, and shows none', async () => {
    day = '2025-03-20';
    const page = await pub.inject({ method: 'GET', url: `/p/${publication}` });
    expect(page.body).toContain('公开期限已于 2025-03-17 结束');
    expect(page.body).not.toContain('name="token"');
    const late = await pub.inject({
      method: 'POST',
      url: `/p/${publication}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        'kind=opinion&content=%E8%BF%99%E6%98%AF%E4%B8%80%E6%9D%A1%E5%85%AC%E5%BC%80%E6%9C%9F%E9%99%90%E5%90%8E%E7%9A%84%E6%84%8F%E8%A7%81&token=x&answer=1',
    });
    expect(late.statusCode).toBe(422);
    day = '2025-03-05';
  });
});

describe('the public part under abuse', () => {
  it('slows 200 sends a minute from one address, and takes another address’s at once', async () => {
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        pub.inject({
          method: 'POST',
          url: `/p/${publication}`,
          remoteAddress: '198.51.100.66',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `kind=opinion&content=${encodeURIComponent(`第${i}条重复灌水的内容，请勿受理。`)}&token=x&answer=1`,
        }),
      ),
    );
    const slowed = flood.filter((r) => r.statusCode === 429);
    expect(slowed.length).toBeGreaterThanOrEqual(195);
    expect(slowed[0]?.headers['retry-after']).toMatch(/^\d+$/);
    expect(slowed[0]?.body).toContain('提交过于频繁');
    // what was written comes back on the form
    expect(slowed[slowed.length - 1]?.body).toMatch(/<textarea[^>]*>第\d+条重复灌水的内容/);
    const other = await send({ kind: 'opinion', content: '另一位群众的正常反映：村务公开栏长期未更新。' }, '198.51.100.77');
    expect(other.statusCode).toBe(200);
    expect(refOf(other.body)).not.toBe('');
  });

  it('behind a reverse proxy, counts each sender by the address the proxy forwards, not the proxy’s own', async () => {
    const proxied = await buildPublicApp({ ledger: l, today: () => day, burst: 2, trustProxy: '127.0.0.1' });
    try {
      const post = (forwarded: string) =>
        proxied.inject({
          method: 'POST',
          url: `/p/${publication}`,
          remoteAddress: '127.0.0.1',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwarded },
          payload: 'kind=opinion&content=x&token=x&answer=1',
        });
      const one = [await post('198.51.100.1'), await post('198.51.100.1'), await post('198.51.100.1')];
      expect(one.map((r) => r.statusCode)).toEqual([422, 422, 429]);
      // another sender through the same proxy is not held back by the first
      expect((await post('198.51.100.2')).statusCode).toBe(422);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a body over 32 KB, and a content over the limit with the count', async () => {
    const huge = await pub.inject({
      method: 'POST',
      url: `/p/${publication}`,
      remoteAddress: '198.51.100.90',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `content=${'a'.repeat(40_000)}`,
    });
    expect(huge.statusCode).toBe(413);
    const long = await send({ kind: 'opinion', content: '长'.repeat(2100) }, '198.51.100.91');
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('反映的内容共2100字，超过2000字的上限');
  });

  it('reaches nothing unpublished from any public route', async () => {
    // what the public part serves, and nothing else
    const routes = pub
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((l) => l.replace(/^[\s│├└─]+/, '').trim())
      .filter(Boolean);
    expect(routes).toEqual(['/ (GET, HEAD)', 'style.css (GET, HEAD)', 'p/:id (GET, HEAD, POST)', 'q (GET, HEAD)']);
    // internal data: a problem's lead unit and progress notes, another source never published, the senders' phones
    await importDocuments(l, [join(resolve(import.meta.dirname, '..'), 'samples', '审计查出问题整改情况的报告-示例.txt')], {
      actor: 'test',
      today: '2025-03-01',
    });
    const secrets = ['计划财务股', '13800000000', '审计查出问题整改情况', 'zg_session', '"code"'];
    const urls = [
      '/',
      `/p/${publication}`,
      '/p/2',
      '/p/0',
      '/p/abc',
      '/p/999999999999',
      '/q',
      '/q?ref=YJ2025-000001-AAAAAA',
      '/style.css',
      '/api/problems',
      '/api/sources',
      '/api/submissions',
      '/api/health',
      '/api/docs',
      '/../src/server/main.ts',
      '/index.html',
      '/login',
    ];
    // a 通报 published with a later date is not out until that day
    const later = await api('office', 'POST', `/api/sources/${source}/publications`, { date: '2025-04-01' });
    expect(later.statusCode).toBe(200);
    urls.push(`/p/${later.json().id}`);
    const notYet = await pub.inject({ method: 'GET', url: `/p/${later.json().id}` });
    expect(notYet.statusCode).toBe(404);
    expect((await pub.inject({ method: 'GET', url: '/' })).body).not.toContain(`/p/${later.json().id}"`);
    for (const url of urls) {
      const r = await pub.inject({ method: 'GET', url, remoteAddress: '192.0.2.50' });
      expect(r.statusCode, url).toBeLessThan(500);
      for (const s of secrets) expect(r.body, `${url}: ${s}`).not.toContain(s);
      expect(r.headers['content-type'], url).not.toContain('json');
    }
  });
});
