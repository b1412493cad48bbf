// Reminders in the messenger and by text message, against a local HTTP receiver standing in for each platform: the
// office sets a unit's group robots (企业微信, 钉钉 with its signing secret, 飞书 with its signature, a generic webhook)
// and a leader's mobile for SMS; each message is checked against the platform's documented shape and signature; a
// receiver that answers 500 and then drops the connection still gets each message exactly once; failures are shown
// to the office in words; no address or secret appears in the API, the log or an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { type PostReminder, reminderPoster } from '../src/io/reminder-post.ts';
import { createUser } from '../src/services/accounts.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { createPerson, createUnit } from '../src/services/organisation.ts';
import { deliverPending, INTERRUPTED, MAX_ATTEMPTS, prepareDigests } from '../src/services/supervision-delivery.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { testLedger } from './support/ledger.ts';
import { sheetProblem } from './support/sheet-problem.ts';

const DAY = '2025-02-11';
const PASSWORD = 'correct horse battery';
const APP = 'https://zg.example.gov.cn';
const SECRETS = { dingtalk: 'SEC0123456789abcdef', feishu: 'feishu-sign-secret', webhook: 'webhook-secret-42' };
const TOKENS = { wecom: 'wecom-key-0001', dingtalk: 'ding-token-0002', feishu: 'feishu-hook-0003', sms: 'sms-gateway-token' };

type Mode = 'accept' | 'fail' | 'drop' | 'refuse' | 'redirect';
interface Received {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: a platform's JSON as received
  readonly body: any;
}

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest();

describe('reminders to messengers and SMS, against a local receiver for each platform', () => {
  let l: Ledger;
  let app: FastifyInstance;
  let receiver: Server;
  let base = '';
  /** what each platform does with the next request, in turn; then it accepts */
  const plan: Record<string, Mode[]> = {};
  const accepted: Received[] = [];
  let cookie = '';
  let csrf = '';

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, who = { cookie, csrf }) =>
    app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, ...(payload ? { payload } : {}) });
  const login = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
    return { cookie: `zg_session=${r.cookies.find((c) => c.name === 'zg_session')?.value}`, csrf: r.json().csrf as string };
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://receiver');
        const platform = url.pathname.split('/')[1] as string;
        const mode = plan[platform]?.shift() ?? 'accept';
        if (mode === 'drop') return req.socket.destroy(); // the message came, and the connection went before any answer
        if (mode === 'fail') return res.writeHead(500).end('internal error');
        if (mode === 'redirect') return res.writeHead(307, { location: `${base}/elsewhere/` }).end();
        const raw = Buffer.concat(chunks).toString('utf8');
        const answer = (ok: boolean) =>
          platform === 'feishu'
            ? { code: ok ? 0 : 19021, msg: ok ? 'success' : 'sign match fail' }
            : platform === 'wecom' || platform === 'dingtalk'
              ? { errcode: ok ? 0 : 310000, errmsg: ok ? 'ok' : 'sign not match' }
              : { ok };
        if (mode === 'refuse') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(false)));
        accepted.push({ path: url.pathname, query: url.searchParams, headers: req.headers, raw, body: JSON.parse(raw) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(true)));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    l = await testLedger();
    await createUnit(l.db, 't', { name: '县纪委监委' }, FULL_SCOPE);
    await createUnit(l.db, 't', { name: '区财政局', parent: '县纪委监委' }, FULL_SCOPE);
    await createUnit(l.db, 't', { name: '区水利局' }, FULL_SCOPE);
    await createPerson(l.db, 't', { name: '赵副局长', unit: '区财政局' }, FULL_SCOPE);
    await createUser(l.db, 't', { username: 'office', displayName: '整改办张三', password: PASSWORD, role: 'office', unit: '县纪委监委' });
    await createUser(l.db, 't', { username: 'clerk', displayName: '财政局李四', password: PASSWORD, role: 'unit', unit: '区财政局' });
    const wb = await writeLedgerWorkbook({
      source: { code: 'XC2025-01', kind: 'xuncha', title: '台账', team: null, inspectedUnit: null, feedbackDate: '2025-01-01' },
      problems: [
        sheetProblem(2, 'XC2025-01-001', { leadLeader: '赵副局长', deadline: '2025-02-10' }),
        sheetProblem(3, 'XC2025-01-002', { deadline: '2025-02-14' }),
      ],
      measures: [],
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: '2025-01-01', fileName: '台账.xlsx' });
    const sms = { url: `${base}/sms/send`, template: '{"mobile":"{{phone}}","content":"{{text}}","sign":"整改通"}', token: TOKENS.sms };
    app = await buildApp({ ledger: l, today: () => DAY, reminders: { post: reminderPoster(sms), sms: true, appUrl: APP } });
    ({ cookie, csrf } = await login('office'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await l?.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const channels = () => [
    { kind: 'wecom', name: '财政局整改群（企业微信）', target: `${base}/wecom/send?key=${TOKENS.wecom}`, unit: '区财政局' },
    {
      kind: 'dingtalk',
      name: '财政局整改群（钉钉）',
      target: `${base}/dingtalk/robot/send?access_token=${TOKENS.dingtalk}`,
      secret: SECRETS.dingtalk,
      unit: '区财政局',
    },
    {
      kind: 'feishu',
      name: '财政局整改群（飞书）',
      target: `${base}/feishu/open-apis/bot/v2/hook/${TOKENS.feishu}`,
      secret: SECRETS.feishu,
      unit: '区财政局',
    },
    { kind: 'webhook', name: '财政局办公系统', target: `${base}/webhook/in`, secret: SECRETS.webhook, unit: '区财政局' },
    { kind: 'sms', name: '赵副局长手机', target: '13912345678', person: '赵副局长' },
  ];

  it('is set by the office for its units and leaders, refused in words when it cannot work, and shown without its address or secret', async () => {
    for (const c of channels()) expect((await call('POST', '/api/reminder-channels', c)).statusCode).toBe(200);
    const refused = async (body: object) => {
      const r = await call('POST', '/api/reminder-channels', body);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      return r.json().message as string;
    };
    expect(await refused({ kind: 'wecom', name: '群', target: 'qyapi.weixin.qq.com/send', unit: '区财政局' })).toContain('完整网址');
    expect(await refused({ kind: 'dingtalk', name: '群', target: `${base}/dingtalk`, secret: 'abc', unit: '区财政局' })).toContain(
      'SEC 开头',
    );
    expect(await refused({ kind: 'sms', name: '手机', target: '1391234', person: '赵副局长' })).toContain('不是 11 位手机号码');
    expect(await refused({ kind: 'wecom', name: '群', target: `${base}/wecom`, unit: '区财政局', person: '赵副局长' })).toContain(
      '二者选一',
    );
    // a unit outside the office's own is not its to set
    expect(await refused({ kind: 'wecom', name: '水利局群', target: `${base}/wecom`, unit: '区水利局' })).toContain('本单位及下级单位');
    // a unit's clerk sets nothing
    expect((await call('GET', '/api/reminder-channels', undefined, await login('clerk'))).statusCode).toBe(403);

    const listed = await call('GET', '/api/reminder-channels');
    const items = listed.json().items;
    expect(items.map((c: { kindLabel: string; owner: string }) => `${c.kindLabel} ${c.owner}`)).toEqual([
      '企业微信群机器人 区财政局',
      '钉钉群机器人 区财政局',
      '飞书群机器人 区财政局',
      '通用 Webhook 区财政局',
      '短信 赵副局长（区财政局）',
    ]);
    expect(items[0].target).toBe(`${new URL(base).host}/…`);
    expect(items[4].target).toBe('139****5678');
    expect(items.map((c: { signed: boolean }) => c.signed)).toEqual([false, true, true, true, false]);
    const secrets = [...Object.values(TOKENS), ...Object.values(SECRETS), '13912345678'];
    for (const s of secrets) expect(listed.body).not.toContain(s);
    // at rest: SM4 ciphertext; in the log: the change without the address or the secret
    const stored = await l.db.selectFrom('reminder_channel').select(['target', 'secret']).execute();
    for (const c of stored) expect(c.target).toMatch(/^sm4:1:/);
    const logged = JSON.stringify(await l.db.selectFrom('event').select('after').where('entity', '=', 'reminder_channel').execute());
    expect(logged).toContain('财政局整改群（钉钉）');
    for (const s of secrets) expect(JSON.stringify(stored) + logged).not.toContain(s);
  });

  it('sends a test message on request and says in words when the robot refuses it', async () => {
    const id = (await call('GET', '/api/reminder-channels')).json().items[0].id;
    const ok = await call('POST', `/api/reminder-channels/${id}/test`, {});
    expect(ok.json()).toEqual({ ok: true, error: null });
    expect(accepted.pop()?.body.text.content).toContain('测试消息');
    plan.wecom = ['refuse'];
    const no = (await call('POST', `/api/reminder-channels/${id}/test`, {})).json();
    expect(no).toEqual({ ok: false, error: '企业微信群机器人拒绝：310000 sign not match' });
    // each test posted into an outside group is on the record, with what came of it
    const tests = await l.db
      .selectFrom('event')
      .select(['actor', 'after'])
      .where('entity', '=', 'reminder_channel')
      .where('action', '=', 'test')
      .orderBy('id')
      .execute();
    expect(tests.map((t) => [t.actor, (t.after as { outcome: string }).outcome])).toEqual([
      ['整改办张三', '送达'],
      ['整改办张三', '企业微信群机器人拒绝：310000 sign not match'],
    ]);
  });

  it('carries each day’s reminders to every channel in the platform’s own shape and signature, exactly once through a 500 and a dropped connection', async () => {
    await runSupervision(l.db, { at: `${DAY}T08:30` });
    const t0 = new Date(`${DAY}T08:31:00+08:00`);
    // a unit digest to its four robots, the leader's to his mobile (no e-mail address is set for either)
    expect(await prepareDigests(l.db, DAY, t0, APP)).toBe(5);
    expect(await prepareDigests(l.db, DAY, t0, APP)).toBe(0);
    for (const p of ['wecom', 'dingtalk', 'feishu', 'webhook', 'sms']) plan[p] = ['fail', 'drop'];
    const post = reminderPoster(
      { url: `${base}/sms/send`, template: '{"mobile":"{{phone}}","content":"{{text}}"}', token: TOKENS.sms },
      () => t0,
    );
    expect(await deliverPending(l.db, { post }, t0)).toEqual({ sent: 0, retried: 5, failed: 0, uncertain: 0 });
    // not due again yet
    expect(await deliverPending(l.db, { post }, new Date(t0.getTime() + 30_000))).toEqual({ sent: 0, retried: 0, failed: 0, uncertain: 0 });
    expect(await deliverPending(l.db, { post }, new Date(t0.getTime() + 2 * 60_000))).toEqual({
      sent: 0,
      retried: 5,
      failed: 0,
      uncertain: 0,
    });
    expect(accepted).toHaveLength(0);
    // the office sees what waits and why, in words, and no address or secret
    const waiting = await call('GET', '/api/deliveries?status=pending');
    expect(waiting.json().items.map((d: { lastError: string }) => d.lastError)).toEqual(
      expect.arrayContaining(['无法连接企业微信群机器人（网络中断或地址不可达）', '无法连接短信网关（网络中断或地址不可达）']),
    );
    for (const s of [...Object.values(TOKENS), ...Object.values(SECRETS)]) expect(waiting.body).not.toContain(s);
    expect(await deliverPending(l.db, { post }, new Date(t0.getTime() + 60 * 60_000))).toEqual({
      sent: 5,
      retried: 0,
      failed: 0,
      uncertain: 0,
    });
    expect(await deliverPending(l.db, { post }, new Date(t0.getTime() + 24 * 60 * 60_000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      uncertain: 0,
    });
    expect(accepted.map((a) => a.path.split('/')[1]).sort()).toEqual(['dingtalk', 'feishu', 'sms', 'webhook', 'wecom']);

    const from = (p: string) => accepted.find((a) => a.path.startsWith(`/${p}/`)) as Received;
    // 企业微信: the key in the address, text in msgtype text
    const wecom = from('wecom');
    expect(wecom.query.get('key')).toBe(TOKENS.wecom);
    expect(wecom.body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('【整改通】区财政局：截至2025-02-11，2个整改问题需要关注') },
    });
    expect(wecom.body.text.content).toContain(`${APP}/problems/XC2025-01-001`);
    expect(wecom.body.text.content).toContain(`全部待办：${APP}/todo`);
    // 钉钉: timestamp in milliseconds and its HMAC-SHA256 under the secret, in the address
    const ding = from('dingtalk');
    const ts = ding.query.get('timestamp') as string;
    expect(ts).toBe(String(t0.getTime()));
    expect(ding.query.get('sign')).toBe(hmac(SECRETS.dingtalk, `${ts}\n${SECRETS.dingtalk}`).toString('base64'));
    expect(ding.query.get('access_token')).toBe(TOKENS.dingtalk);
    expect(ding.body).toMatchObject({ msgtype: 'text', text: { content: wecom.body.text.content } });
    // 飞书: timestamp in seconds and the HMAC-SHA256 keyed by timestamp and secret over nothing, in the body
    const feishu = from('feishu');
    expect(feishu.body.timestamp).toBe(String(Math.floor(t0.getTime() / 1000)));
    expect(feishu.body.sign).toBe(hmac(`${feishu.body.timestamp}\n${SECRETS.feishu}`, '').toString('base64'));
    expect(feishu.body).toMatchObject({ msg_type: 'text', content: { text: wecom.body.text.content } });
    // the webhook: the body signed with its secret, and the same delivery key on every attempt
    const hook = from('webhook');
    expect(hook.headers['x-zhenggai-signature']).toBe(`sha256=${hmac(SECRETS.webhook, hook.raw).toString('hex')}`);
    expect(hook.headers['x-zhenggai-delivery']).toMatch(/^digest:unit:\d+:2025-02-11:channel:\d+$/);
    expect(hook.body).toMatchObject({ event: 'zhenggai.reminder', key: hook.headers['x-zhenggai-delivery'] });
    // SMS: the gateway's template filled, its token as a bearer token, the message short
    const sms = from('sms');
    expect(sms.headers.authorization).toBe(`Bearer ${TOKENS.sms}`);
    expect(sms.body).toEqual({
      mobile: '13912345678',
      content: `【整改通】赵副局长同志：截至${DAY}有1个整改问题需办理，请登录整改通 ${APP}/todo 查看。`,
    });
    const sent = await call('GET', '/api/deliveries?status=sent');
    expect(sent.json().items).toHaveLength(5);
    expect(sent.json().items.map((d: { to: string }) => d.to)).toContain('赵副局长手机');
  });

  it('gives up on a robot that keeps refusing, and at once on a channel stopped meanwhile, showing both as failed', async () => {
    const day = '2025-02-12';
    await runSupervision(l.db, { at: `${day}T08:30` });
    const t0 = new Date(`${day}T08:31:00+08:00`);
    expect(await prepareDigests(l.db, day, t0, APP)).toBeGreaterThan(0);
    const items = (await call('GET', '/api/reminder-channels')).json().items as { id: number; kind: string }[];
    const webhook = items.find((c) => c.kind === 'webhook')?.id;
    expect((await call('DELETE', `/api/reminder-channels/${webhook}`)).statusCode).toBe(200);
    plan.feishu = Array(MAX_ATTEMPTS).fill('refuse');
    const post = reminderPoster(null, () => t0);
    for (let i = 0; i < MAX_ATTEMPTS; i++) await deliverPending(l.db, { post }, new Date(t0.getTime() + i * 5 * 60 * 60_000));
    const failed = (await call('GET', '/api/deliveries?status=failed')).json().items as {
      channelLabel: string;
      lastError: string;
      attempts: number;
    }[];
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channelLabel: '飞书群机器人',
          lastError: '飞书群机器人拒绝：19021 sign match fail',
          attempts: MAX_ATTEMPTS,
        }),
        expect.objectContaining({ channelLabel: '通用 Webhook', lastError: '该提醒渠道已停用，不再发送', attempts: 1 }),
      ]),
    );
    // a stopped channel's reminder is not offered again, and not taken if asked for
    const stopped = (await call('GET', '/api/deliveries?status=failed'))
      .json()
      .items.find((d: { channelLabel: string }) => d.channelLabel === '通用 Webhook') as { id: number; resendable: boolean };
    expect(stopped.resendable).toBe(false);
    const again = await call('POST', `/api/deliveries/${stopped.id}/resend`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toBe('提醒渠道“财政局办公系统”已停用，不能重发；需要时请重新添加渠道');
    // a text message where no gateway is configured: said so, not sent somewhere else
    await expect(post({ kind: 'sms', target: '13912345678', secret: null }, { key: 'k', text: '测试' })).rejects.toThrow(
      '未配置短信网关（ZG_SMS_URL），短信无法发送',
    );
  });

  it('does not send again by itself what a stopped server was sending: the office sees it uncertain with every attempt, and resends it once', async () => {
    const day = '2025-02-13';
    await runSupervision(l.db, { at: `${day}T08:30` });
    const t0 = new Date(`${day}T08:31:00+08:00`);
    expect(await prepareDigests(l.db, day, t0, APP)).toBeGreaterThan(0);
    const before = accepted.length;
    const post = reminderPoster(null, () => t0);
    // the message leaves and the process dies before the answer is written: the sender's promise never settles
    let left = 0;
    const dying: PostReminder = async (channel, message) => {
      await post(channel, message);
      left++;
      await new Promise(() => {});
    };
    void deliverPending(l.db, { post: dying }, t0);
    await expect.poll(() => left, { timeout: 10_000 }).toBe(1);
    // once its claim has lapsed another sender finds the attempt begun and never ended, and does not send it again
    const later = new Date(t0.getTime() + 11 * 60_000);
    const report = await deliverPending(l.db, { post }, later);
    expect(report.uncertain).toBe(1);
    expect(accepted.length - before).toBe(1 + report.sent);
    const uncertain = (await call('GET', '/api/deliveries?status=uncertain')).json().items as {
      id: number;
      lastError: string;
      history: { outcome: string | null }[];
    }[];
    expect(uncertain).toHaveLength(1);
    const cut = uncertain[0] as (typeof uncertain)[number];
    expect(cut.lastError).toBe(INTERRUPTED);
    expect(cut.history.map((h) => h.outcome)).toEqual(['interrupted']);
    expect(await deliverPending(l.db, { post }, new Date(later.getTime() + 24 * 60 * 60_000))).toMatchObject({ sent: 0, uncertain: 0 });
    expect(accepted.length - before).toBe(1 + report.sent);

    // a unit's clerk may not resend; a sent reminder is not resent; the office's resend goes once
    const clerk = await login('clerk');
    expect((await call('POST', `/api/deliveries/${cut.id}/resend`, {}, clerk)).statusCode).toBe(403);
    const sentOne = (await call('GET', '/api/deliveries?status=sent')).json().items[0] as { id: number };
    const again = await call('POST', `/api/deliveries/${sentOne.id}/resend`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toBe('这条提醒已经发送，无需重发');
    expect((await call('POST', `/api/deliveries/${cut.id}/resend`, {})).statusCode).toBe(200);
    expect((await call('POST', `/api/deliveries/${cut.id}/resend`, {})).json().message).toBe('这条提醒正在等待发送，无需重发');
    // made due at the moment of the resend, on the wall clock
    expect(await deliverPending(l.db, { post }, new Date())).toMatchObject({ sent: 1, uncertain: 0 });
    expect(accepted.length - before).toBe(2 + report.sent);
    const done = (await call('GET', '/api/deliveries?status=sent')).json().items.find((d: { id: number }) => d.id === cut.id);
    expect(done.history.map((h: { outcome: string }) => h.outcome)).toEqual(['interrupted', 'sent']);
    const log = await l.db.selectFrom('event').select(['actor', 'action']).where('entity', '=', 'delivery').execute();
    expect(log).toEqual([{ actor: '整改办张三', action: 'resend' }]);
  });

  it('follows no redirect and takes no address with a user name in it', async () => {
    plan.webhook = ['redirect'];
    const post = reminderPoster(null);
    await expect(post({ kind: 'webhook', target: `${base}/webhook/in`, secret: null }, { key: 'r', text: '测试' })).rejects.toThrow(
      '地址要求转到别处（HTTP 307），提醒未随之转发；请核对地址',
    );
    expect(accepted.some((a) => a.path.startsWith('/elsewhere'))).toBe(false);
    const r = await call('POST', '/api/reminder-channels', {
      kind: 'webhook',
      name: '带口令的地址',
      target: `http://user:pass@127.0.0.1:1/in`,
      unit: '区财政局',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toBe('通用 Webhook的地址中不应含用户名或密码，请直接复制机器人的 Webhook 地址');
  });
});
