// The leads register on a real database: a lead handed over during an inspection, its deadline by the source's
// policy, overdue as of a day, its steps and its disposal releasing the problem waiting on it; the figures and the
// sentence; who sees it; and the people it concerns kept out of the event log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { importDocuments } from '../src/services/import-documents.ts';
import { problemDetail } from '../src/services/ledger-queries.ts';
import { leadDetail, leadFigures, listLeads, recordLeadStep, registerLead, setProblemLink } from '../src/services/leads.ts';
import { createUnit } from '../src/services/organisation.ts';
import { setSupervisionPolicy } from '../src/services/source-settings.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { ActionRefused, NotFoundError, StaleVersionError } from '../src/core/errors.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const who = { actor: '巡察办王五', scope: FULL_SCOPE, today: '2025-03-01' };

describe('the leads register', () => {
  let l: Ledger;
  let source: string;
  let problem: string;
  let discipline: number;
  beforeAll(async () => {
    l = await testLedger();
    const [r] = await importDocuments(l, [SAMPLE], { actor: '整改办', today: '2024-12-02' });
    source = r?.sources[0]?.code as string;
    problem = `${source}-006`;
    await createUnit(l.db, '管理员', { name: '示例县纪委监委', kind: 'bureau' }, FULL_SCOPE);
    await createUnit(l.db, '管理员', { name: '示例县档案局', kind: 'bureau' }, FULL_SCOPE);
    discipline = (await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县纪委监委').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => l.close());

  it('registers a lead handed over during the inspection, due a month after, and the problem waits on it', async () => {
    const r = await registerLead(
      l.db,
      {
        source,
        phase: 'during',
        receiver: 'discipline',
        receiverName: '示例县纪委监委',
        summary: '反映某村干部私车公养、违规报销酒水',
        persons: '张某某（村党支部书记）',
        transferredOn: '2024-12-05',
        problems: [problem],
      },
      who,
    );
    expect(r).toEqual({ code: `${source}-L01`, deadline: '2025-01-05' });
    const detail = await problemDetail(l.db, problem, '2024-12-06', FULL_SCOPE);
    expect(detail.problem.waitingOnLead).toBe(true);
    // the problem's own page says nothing of the lead but that it waits
    expect(JSON.stringify(detail)).not.toContain('张某某');
    expect(JSON.stringify(detail)).not.toContain('私车公养');
  });

  it('is overdue the day after its deadline, in the list and in the figures, and the sentence does not say all are done', async () => {
    expect((await listLeads(l.db, FULL_SCOPE, { asOf: '2025-01-05' }))[0]).toMatchObject({ state: 'due-soon', stateLabel: '临近期限' });
    const [lead] = await listLeads(l.db, FULL_SCOPE, { asOf: '2025-01-06' });
    expect(lead).toMatchObject({
      state: 'overdue',
      stateLabel: '逾期未办结',
      persons: '张某某（村党支部书记）',
      receiverLabel: '纪委监委',
    });
    expect(await listLeads(l.db, FULL_SCOPE, { asOf: '2025-01-06', state: 'overdue' })).toHaveLength(1);
    const f = await leadFigures(l.db, FULL_SCOPE, { asOf: '2025-01-06' });
    expect(f).toMatchObject({ received: 1, concluded: 0, open: 1, overdue: 1, rate: 0 });
    expect(f.sentence).toBe('截至2025年1月6日，移交的问题线索1件，已办结0件，正在办理1件（其中逾期未办结1件），办结率0.0%。');
    // before its hand-over it was not in the figures at all
    expect((await leadFigures(l.db, FULL_SCOPE, { asOf: '2024-12-01' })).sentence).toBeNull();
  });

  it('records steps with the version read, refuses a disposal without its document, and a disposal releases the problem', async () => {
    const code = `${source}-L01`;
    const { version } = await recordLeadStep(l.db, code, { kind: 'verify', on: '2024-12-20', text: '已启动初步核实' }, who);
    await expect(
      recordLeadStep(l.db, code, { kind: 'progress', on: '2024-12-21', text: '调取报销凭证', expectedVersion: version - 1 }, who),
    ).rejects.toThrow(StaleVersionError);
    await expect(recordLeadStep(l.db, code, { kind: 'close', on: '2025-01-10', text: '经核实问题不属实' }, who)).rejects.toThrow(
      '办结线索须注明依据的文书',
    );
    await expect(
      recordLeadStep(l.db, code, { kind: 'close', on: '2024-12-01', text: '了结', document: '示纪〔2024〕1号' }, who),
    ).rejects.toThrow('日期（2024-12-01）早于线索移交日期（2024-12-05）');
    const done = await recordLeadStep(
      l.db,
      code,
      { kind: 'case', on: '2025-01-10', text: '经初步核实，予以立案审查调查', document: '示纪立〔2025〕3号', expectedVersion: version },
      who,
    );
    expect(done.state).toBe('concluded-late');
    expect((await problemDetail(l.db, problem, '2025-01-11', FULL_SCOPE)).problem.waitingOnLead).toBe(false);
    await expect(recordLeadStep(l.db, code, { kind: 'progress', on: '2025-01-12', text: '补充' }, who)).rejects.toThrow(
      `该线索已于 2025-01-10 办结，不能再登记“办理进展”`,
    );
    const detail = await leadDetail(l.db, code, FULL_SCOPE, '2025-01-11');
    expect(detail.steps.map((s) => [s.kindLabel, s.on, s.document])).toEqual([
      ['初步核实', '2024-12-20', null],
      ['立案审查调查', '2025-01-10', '示纪立〔2025〕3号'],
    ]);
    expect(detail.problems.map((p) => p.code)).toEqual([problem]);
    const f = await leadFigures(l.db, FULL_SCOPE, { asOf: '2025-01-11' });
    expect(f).toMatchObject({ received: 1, concluded: 1, concludedLate: 1, open: 0, overdue: 0 });
    expect(f.sentence).toBe('截至2025年1月11日，移交的问题线索1件已全部办结。');
  });

  it('takes a lead handed over after the inspection 3 months from its receipt, or as the source’s policy says', async () => {
    const after = await registerLead(
      l.db,
      {
        source,
        phase: 'after',
        receiver: 'organisation',
        summary: '干部选拔任用程序不规范',
        transferredOn: '2025-01-15',
        receivedOn: '2025-01-20',
      },
      who,
    );
    expect(after).toEqual({ code: `${source}-L02`, deadline: '2025-04-20' });
    await setSupervisionPolicy(l.db, source, '整改办', { leads: { duringMonths: 1, afterMonths: 2, trackEveryMonths: 2 } }, FULL_SCOPE);
    const shorter = await registerLead(
      l.db,
      { source, phase: 'after', receiver: 'other', summary: '工程项目转包', transferredOn: '2025-01-15' },
      who,
    );
    expect(shorter.deadline).toBe('2025-03-15');
    // not followed up for two months: due its follow-up
    expect((await leadDetail(l.db, after.code, FULL_SCOPE, '2025-03-20')).trackingDue).toBe(true);
  });

  it('refuses bad input in words, writing nothing', async () => {
    const before = await l.db
      .selectFrom('lead')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const base = { source, phase: 'during' as const, receiver: 'discipline' as const, summary: '某问题', transferredOn: '2025-02-01' };
    await expect(registerLead(l.db, { ...base, summary: '  ' }, who)).rejects.toThrow('请填写线索摘要');
    await expect(registerLead(l.db, { ...base, receivedOn: '2025-01-01' }, who)).rejects.toThrow(
      '收到日期（2025-01-01）早于移交日期（2025-02-01）',
    );
    await expect(registerLead(l.db, { ...base, source: 'XC1999-99' }, who)).rejects.toThrow(NotFoundError);
    // a problem that is not there: the lead is not registered either
    await expect(registerLead(l.db, { ...base, problems: ['XC1999-99-001'] }, who)).rejects.toThrow('没有编号为“XC1999-99-001”的问题');
    await expect(setProblemLink(l.db, `${source}-L01`, problem, true, who)).rejects.toThrow(ActionRefused);
    const after = await l.db
      .selectFrom('lead')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('is seen by the body that received it and by whoever sees its source, by no one else', async () => {
    const theBody = { kind: 'sources' as const, units: [discipline] };
    expect((await listLeads(l.db, theBody, { asOf: '2025-02-01' })).map((x) => x.code)).toEqual([`${source}-L01`]);
    const archive = (await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县档案局').executeTakeFirstOrThrow()).id;
    const other = { kind: 'sources' as const, units: [archive] };
    expect(await listLeads(l.db, other, { asOf: '2025-02-01' })).toEqual([]);
    await expect(leadDetail(l.db, `${source}-L01`, other, '2025-02-01')).rejects.toThrow('没有编号为');
    await expect(
      recordLeadStep(
        l.db,
        `${source}-L02`,
        { kind: 'progress', on: '2025-02-01', text: 'x' },
        { actor: 'x', scope: other, today: '2025-03-01' },
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('is supervised by the daily run: reminded, then climbs the ladder a rung a day while overdue, once per key', async () => {
    const { runSupervision } = await import('../src/services/supervision-run.ts');
    const r = await registerLead(
      l.db,
      {
        source,
        phase: 'during',
        receiver: 'discipline',
        receiverName: '示例县纪委监委',
        summary: '工程款支付不规范',
        persons: '赵某',
        transferredOn: '2025-01-02',
      },
      who,
    );
    expect(r.deadline).toBe('2025-02-02');
    const noticesOn = async (at: string) => (await runSupervision(l.db, { at })).leadNotices;
    expect(await noticesOn('2025-01-30')).toBeGreaterThanOrEqual(1); // the 3-day reminder (and the other leads' own)
    expect(await noticesOn('2025-01-30')).toBe(0); // the same run again: nothing new
    await noticesOn('2025-02-03');
    await noticesOn('2025-02-10');
    const detail = await leadDetail(l.db, r.code, FULL_SCOPE, '2025-02-10');
    expect(detail.notices.map((n) => [n.day, n.kindLabel])).toEqual([
      ['2025-01-30', '临近期限提醒'],
      ['2025-02-03', '逾期提醒'],
      ['2025-02-03', '督办单'],
      ['2025-02-10', '挂牌督办'],
    ]);
    expect(detail.supervision).toBe('挂牌督办');
    for (const n of detail.notices) expect(n.message).not.toContain('赵某');
    // the body that received it, a unit with an address, gets the day's leads in one mail: by code, never the person
    const { updateUnit } = await import('../src/services/organisation.ts');
    const { prepareDigests } = await import('../src/services/supervision-delivery.ts');
    const unit = await l.db.selectFrom('org_unit').select(['id', 'version']).where('name', '=', '示例县纪委监委').executeTakeFirstOrThrow();
    await updateUnit(l.db, '管理员', unit.id, { email: 'jiwei@example.org', version: unit.version }, FULL_SCOPE);
    await prepareDigests(l.db, '2025-02-10');
    expect(await prepareDigests(l.db, '2025-02-10')).toBe(0);
    const mail = await l.db
      .selectFrom('delivery')
      .selectAll()
      .where('key', '=', `digest:leads:unit:${unit.id}:2025-02-10`)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ address: 'jiwei@example.org', recipient: '示例县纪委监委' });
    expect(mail.subject).toMatch(/^【整改通】2025-02-10 问题线索办理提醒：\d+项$/);
    expect(mail.body).toContain(r.code);
    expect(mail.body).toContain('升级督办');
    expect(mail.body).not.toContain('赵某');
    expect(mail.body).not.toContain('工程款支付不规范');
    // disposed of: no more notices
    await recordLeadStep(
      l.db,
      r.code,
      { kind: 'talk', on: '2025-02-11', text: '已谈话函询', document: '谈话记录' },
      { ...who, today: '2025-02-11' },
    );
    await noticesOn('2025-03-20');
    expect((await leadDetail(l.db, r.code, FULL_SCOPE, '2025-03-20')).notices).toHaveLength(4);
  });

  it('puts the sentence into the published 通报 only as the figures stand on its day, and nothing else of the leads', async () => {
    const { generateReport } = await import('../src/services/official-documents.ts');
    const text = async (asOf: string) =>
      (await generateReport(l.db, { source, kind: 'tongbao', asOf, today: '2025-03-20', scope: FULL_SCOPE, public: true })).document.blocks
        .map((b) => ('text' in b ? b.text : ''))
        .join('\n');
    // on 12 January one of the two leads handed over was concluded
    expect(await text('2025-01-12')).toContain('截至2025年1月12日，巡察移交的问题线索2件，已办结1件，正在办理1件，办结率50.0%。');
    // the rest concluded on 20 March: all are, from that day, not the day before
    for (const open of await listLeads(l.db, FULL_SCOPE, { asOf: '2025-03-20', source, state: 'open-all' }))
      await recordLeadStep(
        l.db,
        open.code,
        { kind: 'close', on: '2025-03-20', text: '予以了结', document: '了结意见' },
        { ...who, today: '2025-03-20' },
      );
    const all = await text('2025-03-20');
    expect(all).toMatch(/截至2025年3月20日，巡察移交的问题线索\d+件已全部办结。/);
    expect(await text('2025-03-19')).not.toContain('已全部办结');
    for (const secret of ['张某某', '赵某', '私车公养']) expect(all).not.toContain(secret);
    // before any lead, the 通报 says nothing of leads
    expect(await text('2024-12-04')).not.toContain('问题线索');
  });

  it('keeps the people a lead concerns out of the event log', async () => {
    const events = await sql<{ t: string }>`select concat(before::text, ' ', after::text) as t from event where entity = 'lead'`.execute(
      l.db,
    );
    expect(events.rows.length).toBeGreaterThanOrEqual(5);
    for (const e of events.rows) expect(e.t).not.toContain('张某某');
  });
});

describe('the leads register over HTTP, by role', () => {
  it('is open to 纪检 and 监督, closed to the office and to a unit, whose problem shows only that it waits', async () => {
    const { buildApp } = await import('../src/server/app.ts');
    const { createUser } = await import('../src/services/accounts.ts');
    const l = await testLedger();
    const [r] = await importDocuments(l, [SAMPLE], { actor: '整改办', today: '2024-12-02' });
    const source = r?.sources[0]?.code as string;
    const problem = `${source}-006`;
    await createUnit(l.db, '管理员', { name: '示例县委', kind: 'bureau' }, FULL_SCOPE);
    await createUnit(l.db, '管理员', { name: '示例县纪委监委', kind: 'bureau' }, FULL_SCOPE);
    await createUnit(l.db, '管理员', { name: '示例县农业农村局', kind: 'bureau', parent: '示例县委' }, FULL_SCOPE);
    await l.db
      .updateTable('source')
      .set({ owner_unit_id: sql<number>`(select id from org_unit where name = '示例县农业农村局')` })
      .execute();
    const { assignProblem } = await import('../src/services/problem-actions.ts');
    await assignProblem(l.db, problem, { scope: FULL_SCOPE, actor: '整改办', at: '2024-12-03' }, { leadUnit: '示例县农业农村局' });
    const users = [
      ['xunchaban', 'supervisor', '示例县委'],
      ['jijian', 'discipline', '示例县纪委监委'],
      ['office', 'office', '示例县农业农村局'],
      ['unit', 'unit', '示例县农业农村局'],
    ] as const;
    for (const [username, role, unit] of users)
      await createUser(l.db, '管理员', { username, displayName: username, password: 'leads test password 1', role, unit });
    const app = await buildApp({ ledger: l, today: () => '2025-01-20' });
    try {
      const login = async (username: string) => {
        const s = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'leads test password 1' } });
        const cookie = s.cookies.find((c) => c.name === 'zg_session');
        return { cookie: `zg_session=${cookie?.value}`, 'x-csrf-token': s.json().csrf as string };
      };
      // the inspection office, which sees the inspected unit's source, hands the lead over
      const created = await app.inject({
        method: 'POST',
        url: '/api/leads',
        headers: await login('xunchaban'),
        payload: {
          source,
          phase: 'during',
          receiver: 'discipline',
          receiverName: '示例县纪委监委',
          summary: '<script>alert(1)</script>反映违规报销酒水',
          persons: '李某某',
          transferredOn: '2024-12-10',
          problems: [problem],
        },
      });
      expect(created.statusCode, created.body).toBe(200);
      const code = created.json().code as string;
      // the body that received it sees it, though it sees nothing else of the source
      const jijian = await login('jijian');
      const list = await app.inject({ method: 'GET', url: '/api/leads', headers: jijian });
      expect(list.json().items).toMatchObject([
        { code, state: 'overdue', persons: '李某某', summary: '<script>alert(1)</script>反映违规报销酒水' },
      ]);
      // it waits in the 待办 of the body that received it, overdue; in no one else's
      const todo = (await app.inject({ method: 'GET', url: '/api/todo', headers: jijian })).json();
      expect(todo.leads).toMatchObject([{ code, text: '办理期限 2025-01-10 已过，尚未办结' }]);
      for (const who of ['office', 'unit']) {
        const h = await login(who);
        expect((await app.inject({ method: 'GET', url: '/api/todo', headers: h })).json().leads, who).toEqual([]);
        for (const url of ['/api/leads', `/api/leads/${code}`, '/api/leads/figures']) {
          const refused = await app.inject({ method: 'GET', url, headers: h });
          expect(refused.statusCode, `${who} ${url}`).toBe(403);
          expect(refused.body).not.toContain('李某某');
        }
        const step = await app.inject({
          method: 'POST',
          url: `/api/leads/${code}/steps`,
          headers: h,
          payload: { version: 1, kind: 'close', on: '2025-01-10', text: 'x', document: 'y' },
        });
        expect(step.statusCode).toBe(403);
        const detail = await app.inject({ method: 'GET', url: `/api/problems/${problem}`, headers: h });
        expect(detail.statusCode, `${who} sees the problem`).toBe(200);
        expect(detail.json().problem.waitingOnLead).toBe(true);
        expect(detail.body).not.toContain('李某某');
        expect(detail.body).not.toContain('违规报销酒水');
      }
      // a step sent from a stale page is refused; a bad step in words, as 4xx
      const stale = await app.inject({
        method: 'POST',
        url: `/api/leads/${code}/steps`,
        headers: jijian,
        payload: { version: 9, kind: 'progress', on: '2025-01-10', text: '进展' },
      });
      expect(stale.statusCode).toBe(409);
      const noDocument = await app.inject({
        method: 'POST',
        url: `/api/leads/${code}/steps`,
        headers: jijian,
        payload: { version: 1, kind: 'close', on: '2025-01-10', text: '不属实' },
      });
      expect(noDocument.statusCode).toBe(422);
      expect(noDocument.json().message).toContain('办结线索须注明依据的文书');
      const concluded = await app.inject({
        method: 'POST',
        url: `/api/leads/${code}/steps`,
        headers: jijian,
        payload: { version: 1, kind: 'close', on: '2025-01-15', text: '经核实不属实，予以了结', document: '示纪〔2025〕2号' },
      });
      expect(concluded.json()).toEqual({ state: 'concluded-late', version: 2 });
      expect((await app.inject({ method: 'GET', url: '/api/todo', headers: jijian })).json().leads).toEqual([]);
      const figures = await app.inject({ method: 'GET', url: '/api/leads/figures', headers: jijian });
      expect(figures.json().sentence).toBe('截至2025年1月20日，移交的问题线索1件已全部办结。');
      const unit = await login('unit');
      const released = await app.inject({ method: 'GET', url: `/api/problems/${problem}`, headers: unit });
      expect(released.json().problem.waitingOnLead).toBe(false);
    } finally {
      await app.close();
      await l.close();
    }
  });
});
