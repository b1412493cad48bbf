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
const who = { actor: '巡察办王五', scope: FULL_SCOPE };

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
    expect(lead).toMatchObject({ state: 'overdue', stateLabel: '逾期未办结', persons: '张某某（村党支部书记）', receiverLabel: '纪委监委' });
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
    await expect(recordLeadStep(l.db, code, { kind: 'progress', on: '2024-12-21', text: '调取报销凭证', expectedVersion: version - 1 }, who)).rejects.toThrow(
      StaleVersionError,
    );
    await expect(recordLeadStep(l.db, code, { kind: 'close', on: '2025-01-10', text: '经核实问题不属实' }, who)).rejects.toThrow(
      '办结线索须注明依据的文书',
    );
    await expect(recordLeadStep(l.db, code, { kind: 'close', on: '2024-12-01', text: '了结', document: '示纪〔2024〕1号' }, who)).rejects.toThrow(
      '日期（2024-12-01）早于线索移交日期（2024-12-05）',
    );
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
      { source, phase: 'after', receiver: 'organisation', summary: '干部选拔任用程序不规范', transferredOn: '2025-01-15', receivedOn: '2025-01-20' },
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
    const before = await l.db.selectFrom('lead').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const base = { source, phase: 'during' as const, receiver: 'discipline' as const, summary: '某问题', transferredOn: '2025-02-01' };
    await expect(registerLead(l.db, { ...base, summary: '  ' }, who)).rejects.toThrow('请填写线索摘要');
    await expect(registerLead(l.db, { ...base, receivedOn: '2025-01-01' }, who)).rejects.toThrow('收到日期（2025-01-01）早于移交日期（2025-02-01）');
    await expect(registerLead(l.db, { ...base, source: 'XC1999-99' }, who)).rejects.toThrow(NotFoundError);
    // a problem that is not there: the lead is not registered either
    await expect(registerLead(l.db, { ...base, problems: ['XC1999-99-001'] }, who)).rejects.toThrow('没有编号为“XC1999-99-001”的问题');
    await expect(setProblemLink(l.db, `${source}-L01`, problem, true, who)).rejects.toThrow(ActionRefused);
    const after = await l.db.selectFrom('lead').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('is seen by the body that received it and by whoever sees its source, by no one else', async () => {
    const theBody = { kind: 'sources' as const, units: [discipline] };
    expect((await listLeads(l.db, theBody, { asOf: '2025-02-01' })).map((x) => x.code)).toEqual([`${source}-L01`]);
    const archive = (await l.db.selectFrom('org_unit').select('id').where('name', '=', '示例县档案局').executeTakeFirstOrThrow()).id;
    const other = { kind: 'sources' as const, units: [archive] };
    expect(await listLeads(l.db, other, { asOf: '2025-02-01' })).toEqual([]);
    await expect(leadDetail(l.db, `${source}-L01`, other, '2025-02-01')).rejects.toThrow('没有编号为');
    await expect(recordLeadStep(l.db, `${source}-L02`, { kind: 'progress', on: '2025-02-01', text: 'x' }, { actor: 'x', scope: other })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('keeps the people a lead concerns out of the event log', async () => {
    const events = await sql<{ t: string }>`select concat(before::text, ' ', after::text) as t from event where entity = 'lead'`.execute(l.db);
    expect(events.rows.length).toBeGreaterThanOrEqual(5);
    for (const e of events.rows) expect(e.t).not.toContain('张某某');
  });
});
