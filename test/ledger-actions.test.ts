// The work on one problem, step by step, on a real database: claiming, progress, evidence, closure and its review,
// extensions, supervision, look-backs, outcomes; refusals; stale versions; the event log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { importDocuments } from '../src/services/import-documents.ts';
import { ledgerStatistics, listProblems, problemDetail } from '../src/services/ledger-queries.ts';
import {
  addEvidence,
  assignMeasure,
  assignProblem,
  decideClosure,
  decideExtension,
  recordLookback,
  recordOutcome,
  recordSupervision,
  reportProgress,
  requestClosure,
  requestExtension,
} from '../src/services/problem-actions.ts';
import { createPerson, createUnit, unitTree } from '../src/services/organisation.ts';
import { verifyAudit } from '../src/services/audit.ts';
import { setWarningThresholds } from '../src/services/source-settings.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { ActionRefused, StaleVersionError } from '../src/core/errors.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const pdf = new TextEncoder().encode('%PDF-1.4 佐证材料\n%%EOF\n');

describe('working a problem through to closure', () => {
  let l: Ledger;
  let code: string; // the sample's problem 7, "正在整改"
  beforeAll(async () => {
    l = await testLedger();
    const [r] = await importDocuments(l, [SAMPLE], { actor: '整改办', today: '2024-12-02' });
    code = `${r?.sources[0]?.code}-006`;
    await createUnit(l.db, '管理员', { name: '示例县农业农村局', kind: 'bureau' }, FULL_SCOPE);
    await createUnit(l.db, '管理员', { name: '计划财务股', kind: 'section', parent: '示例县农业农村局' }, FULL_SCOPE);
    await createUnit(l.db, '管理员', { name: '机关党委', kind: 'section', parent: '示例县农业农村局' }, FULL_SCOPE);
    await createPerson(l.db, '管理员', { name: '李副局长', unit: '示例县农业农村局', post: '副局长' }, FULL_SCOPE);
    await createPerson(l.db, '管理员', { name: '张会计', unit: '计划财务股', post: '股长' }, FULL_SCOPE);
  });
  afterAll(() => l.close());

  it('keeps the organisation as a tree', async () => {
    expect(await unitTree(l.db, { contacts: true })).toMatchObject([
      { name: '示例县农业农村局', children: [{ name: '计划财务股' }, { name: '机关党委' }] },
    ]);
    await expect(createUnit(l.db, '管理员', { name: '乡镇', parent: '不存在的单位' }, FULL_SCOPE)).rejects.toThrow(
      '上级单位“不存在的单位”不存在',
    );
  });

  it('claims the problem: units, leader, responsible person, deadline, triage, amount', async () => {
    await assignProblem(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '整改办', at: '2024-12-03' },
      {
        leadUnit: '计划财务股',
        cooperatingUnits: ['机关党委'],
        leadLeader: '李副局长',
        responsiblePerson: '张会计',
        deadline: '2025-03-31',
        triage: 'deadline',
        target: '下属单位财务人员全部轮岗，专项审计问题全部整改',
        amountDue: { amount: '12.5', unit: '万元' },
      },
    );
    const d = await problemDetail(l.db, code, '2024-12-10', FULL_SCOPE);
    expect(d.problem).toMatchObject({
      leadUnit: '计划财务股',
      cooperatingUnits: ['机关党委'],
      leadLeader: '李副局长',
      responsiblePerson: '张会计',
      deadline: '2025-03-31',
      triage: 'deadline',
      amountDue: { amount: '12.5', unit: '万元' },
    });
    // the record says who assigned it, on which day, and what was set
    expect(d.timeline.find((t) => t.kind === 'assignment')).toMatchObject({
      at: '2024-12-03',
      by: '整改办',
      text: '认领分工：牵头单位 计划财务股；配合单位 机关党委；责任领导 李副局长；责任人 张会计；整改时限 2025-03-31；整改类别 限期整改；成效目标 下属单位财务人员全部轮岗，专项审计问题全部整改',
    });
    await expect(
      assignProblem(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2024-12-03' }, { leadUnit: '没有这个单位' }),
    ).rejects.toThrow(ActionRefused);
  });

  it('refuses closure without evidence, then reviews it: returned with reasons, then accepted', async () => {
    await reportProgress(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2024-12-20' },
      { text: '已委托会计师事务所开展专项审计', progress: 40 },
    );
    await expect(requestClosure(l.db, code, { scope: FULL_SCOPE, actor: '张会计', at: '2025-01-10' }, { evidence: [] })).rejects.toThrow(
      '申请销号须附佐证材料',
    );
    const e1 = (
      await addEvidence(l.db, code, { scope: FULL_SCOPE, actor: '张会计', at: '2025-01-10' }, { name: '审计报告.pdf', bytes: pdf })
    ).id;
    await requestClosure(l.db, code, { scope: FULL_SCOPE, actor: '张会计', at: '2025-01-10' }, { evidence: [e1], note: '专项审计完成' });
    await expect(decideClosure(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2025-01-12' }, { accept: false })).rejects.toThrow(
      '退回销号申请须写明理由',
    );
    await decideClosure(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '整改办', at: '2025-01-12' },
      { accept: false, reason: '轮岗制度尚未印发' },
    );
    expect((await problemDetail(l.db, code, '2025-01-12', FULL_SCOPE)).problem.status).toBe('in-progress');
    // the same file sent again (a phone re-sending an upload whose answer it lost) is the evidence already there
    const again = await addEvidence(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2025-02-01' },
      { name: '审计报告(1).pdf', bytes: pdf },
    );
    expect(again).toEqual({ id: e1, fileName: '审计报告.pdf', already: true });
    const e2 = (
      await addEvidence(
        l.db,
        code,
        { scope: FULL_SCOPE, actor: '张会计', at: '2025-02-01' },
        { name: '轮岗制度.pdf', bytes: new TextEncoder().encode('%PDF-1.4 轮岗制度\n%%EOF\n') },
      )
    ).id;
    expect(e2).not.toBe(e1);
    await requestClosure(l.db, code, { scope: FULL_SCOPE, actor: '张会计', at: '2025-02-01' }, { evidence: [e1, e2] });
    expect(
      await decideClosure(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2025-02-03' }, { accept: true, reason: '对账无误' }),
    ).toBe('completed');
    const d = await problemDetail(l.db, code, '2025-02-03', FULL_SCOPE);
    expect(d.problem).toMatchObject({ status: 'completed', progress: 100, colour: null });
    expect(d.timeline.filter((t) => t.kind === 'closure-decision').map((t) => t.text)).toEqual([
      '退回：轮岗制度尚未印发',
      '同意销号：对账无误',
    ]);
    // each step before the status it caused, and every status change with the person who made it
    const lastDay = d.timeline.filter((t) => t.at === '2025-02-03');
    expect(lastDay.map((t) => [t.kind, t.by])).toEqual([
      ['closure-decision', '整改办'],
      ['status', '整改办'],
    ]);
    const requested = d.timeline.filter((t) => t.at === '2025-02-01' && t.kind !== 'evidence');
    expect(requested.map((t) => t.kind)).toEqual(['closure-request', 'status']);
    expect(d.timeline.every((t) => t.kind !== 'status' || t.by !== null)).toBe(true);
  });

  it('reopens on a relapse found by look-back, keeping the history', async () => {
    await expect(
      recordLookback(l.db, code, { scope: FULL_SCOPE, actor: '巡察办', at: '2025-06-01' }, { result: 'relapsed' }),
    ).rejects.toThrow('问题反弹、重新整改，须定新的整改时限');
    await expect(
      recordLookback(
        l.db,
        code,
        { scope: FULL_SCOPE, actor: '巡察办', at: '2025-06-01' },
        { result: 'relapsed', newDeadline: '2025-05-31' },
      ),
    ).rejects.toThrow('应晚于回头看之日');
    await recordLookback(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '巡察办', at: '2025-06-01' },
      { result: 'relapsed', note: '又出现混岗', newDeadline: '2025-07-31' },
    );
    const d = await problemDetail(l.db, code, '2025-06-01', FULL_SCOPE);
    // reopened with the deadline the look-back gave: not overdue the day it reopens
    expect(d.problem).toMatchObject({ status: 'in-progress', reopenedCount: 1, deadline: '2025-07-31' });
    expect((await listProblems(l.db, { scope: FULL_SCOPE, overdue: true, today: '2025-06-01' })).total).toBe(0);
    expect(d.timeline.filter((t) => t.kind === 'status').map((t) => t.text.split('：')[0])).toEqual([
      '— → 正在整改',
      '正在整改 → 待审核销号',
      '待审核销号 → 正在整改',
      '正在整改 → 待审核销号',
      '待审核销号 → 已完成（已销号）',
      '已完成（已销号） → 正在整改',
    ]);
    // statistics on any day see the status of that day
    const src = code.slice(0, 9);
    expect((await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: src, asOf: '2025-03-01', today: '2025-06-01' })).completed).toBe(6);
    expect((await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: src, asOf: '2025-06-01', today: '2025-06-01' })).completed).toBe(5);
  });

  it('extends a deadline only on approval, and shows the colour of the day', async () => {
    await expect(
      requestExtension(
        l.db,
        code,
        { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-02' },
        { newDeadline: '2025-01-01', reason: '需要时间' },
      ),
    ).rejects.toThrow('应晚于原时限');
    await requestExtension(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-02' },
      { newDeadline: '2025-09-30', reason: '轮岗需跨年度安排' },
    );
    const overdue = await listProblems(l.db, { scope: FULL_SCOPE, overdue: true, today: '2025-08-01' });
    expect(overdue.items.map((p) => [p.code, p.colour])).toEqual([[code, 'red']]);
    await decideExtension(l.db, code, { scope: FULL_SCOPE, actor: '李副局长', at: '2025-08-01' }, { approve: true });
    expect((await listProblems(l.db, { scope: FULL_SCOPE, overdue: true, today: '2025-08-01' })).total).toBe(0);
    expect((await problemDetail(l.db, code, '2025-08-01', FULL_SCOPE)).problem.deadline).toBe('2025-09-30');
  });

  it('records supervision and outcomes, summed exactly', async () => {
    await recordSupervision(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '巡察办', at: '2025-06-05' },
      { kind: 'notice', note: '督办单〔2025〕3号' },
    );
    await recordOutcome(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-10' },
      { kind: 'money', moneyKind: 'recovered', amount: '3.27', unit: '万元' },
    );
    await recordOutcome(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-10' },
      { kind: 'money', moneyKind: 'treasury', amount: '1500.5', unit: '元' },
    );
    await recordOutcome(
      l.db,
      code,
      { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-10' },
      { kind: 'accountability', people: 1, how: '诫勉谈话' },
    );
    await expect(
      recordOutcome(
        l.db,
        code,
        { scope: FULL_SCOPE, actor: '张会计', at: '2025-06-10' },
        { kind: 'money', moneyKind: 'recovered', amount: '三万', unit: '元' },
      ),
    ).rejects.toThrow('不是有效数字');
    const s = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: code.slice(0, 9), today: '2025-06-10' });
    // the report's own totals (12.36万元 recovered, 2 people) plus what was recorded since
    expect(s.outcomes.moneyByKind).toEqual({ recovered: '15.63', treasury: '0.15005' });
    expect(s.outcomes.accountable).toBe(3);
  });

  it('colours by the source’s own thresholds', async () => {
    // progress was reset by the relapse and the last report is old: yellow by the defaults
    expect((await problemDetail(l.db, code, '2025-06-12', FULL_SCOPE)).problem.colour).toBe('yellow');
    await setWarningThresholds(l.db, code.slice(0, 9), '整改办', { behindPoints: 100, nearDays: 120, reportEveryDays: 365 }, FULL_SCOPE);
    expect((await problemDetail(l.db, code, '2025-06-12', FULL_SCOPE)).problem.colour).toBe('blue');
    await expect(setWarningThresholds(l.db, code.slice(0, 9), '整改办', { nearDays: -1 }, FULL_SCOPE)).rejects.toThrow('预警阈值 nearDays');
  });

  it('gives each measure its own owner and deadline', async () => {
    await assignMeasure(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2025-06-12' }, 1, {
      ownerUnit: '计划财务股',
      ownerPerson: '张会计',
      deadline: '2025-07-31',
    });
    const m = await l.db
      .selectFrom('measure')
      .innerJoin('problem', 'problem.id', 'measure.problem_id')
      .select(['measure.deadline', 'measure.owner_unit_id', 'measure.owner_person_id'])
      .where('problem.code', '=', code)
      .where('measure.ordinal', '=', 1)
      .executeTakeFirstOrThrow();
    expect(m.deadline).toBe('2025-07-31');
    expect(m.owner_unit_id).not.toBeNull();
    await expect(
      assignMeasure(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2025-06-12' }, 9, { deadline: '2025-07-31' }),
    ).rejects.toThrow('没有第 9 项措施');
  });

  it('refuses a stale update instead of overwriting it', async () => {
    const { version } = (await problemDetail(l.db, code, '2025-06-10', FULL_SCOPE)).problem;
    await reportProgress(l.db, code, { scope: FULL_SCOPE, actor: '甲', at: '2025-06-11', expectedVersion: version }, { text: '第一次' });
    await expect(
      reportProgress(l.db, code, { scope: FULL_SCOPE, actor: '乙', at: '2025-06-11', expectedVersion: version }, { text: '基于旧页面' }),
    ).rejects.toThrow(StaleVersionError);
  });

  it('writes a log that refuses changes, and finds the first entry someone altered behind its back', async () => {
    expect((await verifyAudit(l)).firstBroken).toBeNull();
    const victim = await l.db.selectFrom('event').select('id').where('action', '=', 'accept-closure').executeTakeFirstOrThrow();
    await expect(sql`update event set actor = '有人改了' where id = ${victim.id}`.execute(l.db)).rejects.toThrow('操作日志只能追加');
    await expect(sql`delete from event where id = ${victim.id}`.execute(l.db)).rejects.toThrow('操作日志只能追加');
    // someone with the database owner's rights switches the guard off and edits an entry
    await sql`alter table event disable trigger event_append_only`.execute(l.db);
    await sql`update event set actor = '有人改了' where id = ${victim.id}`.execute(l.db);
    await sql`alter table event enable trigger event_append_only`.execute(l.db);
    const r = await verifyAudit(l);
    expect(r.firstBroken?.id).toBe(String(victim.id));
    expect(r.firstBroken?.reason).toContain('被改动');
  });
});
