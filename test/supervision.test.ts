// Supervision that runs itself, simulated: a ledger is advanced day by day through a quarter, the run made twice each
// morning. Every reminder, warning and escalation that should happen happens exactly once, on its day, to the unit in
// charge that day; none happens after an item is closed; reassigning an item or moving its deadline cancels what no
// longer applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDay, toDay } from '../src/core/ledger/dates.ts';
import type { LedgerStatus } from '../src/core/ledger/problem-state.ts';
import { weekday } from '../src/core/supervision/cadence.ts';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import {
  addEvidence,
  assignProblem,
  decideClosure,
  decideExtension,
  reportProgress,
  requestClosure,
  requestExtension,
} from '../src/services/problem-actions.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import { prepareDigests } from '../src/services/supervision-delivery.ts';
import { createUnit } from '../src/services/organisation.ts';
import { monthlyCircularDocument, weeklySheet } from '../src/services/supervision-reports.ts';
import { readDocumentBytes } from '../src/io/read-document.ts';
import ExcelJS from 'exceljs';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const START = '2025-01-01';
const END = '2025-03-31';

function problem(n: number, title: string, deadline: string, leadUnit: string, status: LedgerStatus = 'in-progress') {
  return {
    row: n + 1,
    code: `XC2025-01-00${n}`,
    aspect: '方面',
    title,
    status,
    longTerm: status === 'phased',
    triage: (status === 'phased' ? 'long-term' : 'deadline') as 'long-term' | 'deadline',
    leadUnit,
    cooperatingUnits: [],
    leadLeader: `${leadUnit}领导`,
    responsiblePerson: null,
    deadline,
    target: null,
    amountDue: null,
    progress: 0,
    startDate: START,
    lastReportAt: null,
    version: null,
    supervision: null,
    colour: null,
  };
}

describe('a quarter of supervision, day by day', () => {
  let l: Ledger;
  const created: { day: string; key: string; kind: string; problem: string; unit: string | null }[] = [];
  beforeAll(async () => {
    l = await testLedger();
    await createUnit(l.db, '整改办', { name: '单位甲', email: 'jia@example.org' }, FULL_SCOPE);
    await createUnit(l.db, '整改办', { name: '单位乙', email: 'yi@example.org' }, FULL_SCOPE);
    const wb = await writeLedgerWorkbook({
      source: {
        code: 'XC2025-01',
        kind: 'xuncha',
        title: '模拟台账',
        team: '县委第一巡察组',
        inspectedUnit: '示例局党组',
        feedbackDate: START,
      },
      problems: [
        problem(1, '从不报送进展的问题', '2025-02-10', '单位甲'),
        problem(2, '按时报送后销号的问题', '2025-03-20', '单位乙'),
        problem(3, '中途改由单位乙牵头的问题', '2025-03-31', '单位甲'),
        problem(4, '时限延后的问题', '2025-02-15', '单位乙'),
        problem(5, '阶段性完成、长期坚持的问题', '2025-06-30', '单位乙', 'phased'),
      ],
      measures: [],
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: START, fileName: '模拟台账.xlsx' });
    for (let d = toDay(START); d <= toDay(END); d++) {
      const day = fromDay(d);
      const who = { actor: '单位乙', at: day, scope: FULL_SCOPE };
      // what people do that day, before the morning run
      if (weekday(day) === 4 && day < '2025-03-18') {
        const week = Math.ceil((d - toDay(START) + 1) / 7);
        // week 7's report names whom to call: the weekly sheet prints the number masked
        const note = `第${week}周进展${week === 7 ? '，经办人13912345678' : ''}`;
        await reportProgress(l.db, 'XC2025-01-002', who, { text: note, progress: Math.min(90, week * 9) });
        if (day < '2025-03-15')
          await reportProgress(l.db, 'XC2025-01-004', who, { text: `第${week}周进展`, progress: Math.min(90, week * 12) });
      }
      if (day === '2025-02-01')
        await assignProblem(
          l.db,
          'XC2025-01-003',
          { scope: FULL_SCOPE, actor: '整改办', at: day },
          { leadUnit: '单位乙', leadLeader: '单位乙领导' },
        );
      if (day === '2025-02-10') {
        await requestExtension(l.db, 'XC2025-01-004', who, { newDeadline: '2025-03-15', reason: '需等待上级批复' });
        await decideExtension(l.db, 'XC2025-01-004', { scope: FULL_SCOPE, actor: '分管领导', at: day }, { approve: true, reason: '同意' });
      }
      if (day === '2025-03-18') {
        const ev = (
          await addEvidence(l.db, 'XC2025-01-002', who, {
            name: '整改报告.pdf',
            bytes: new TextEncoder().encode('%PDF-1.4 整改报告\n%%EOF\n'),
          })
        ).id;
        await requestClosure(l.db, 'XC2025-01-002', who, { evidence: [ev] });
        await decideClosure(l.db, 'XC2025-01-002', { scope: FULL_SCOPE, actor: '整改办', at: day }, { accept: true });
      }
      const first = await runSupervision(l.db, { at: `${day}T09:00` });
      for (const a of first.actions) created.push({ day, key: a.key, kind: a.kind, problem: a.problem, unit: a.unit });
      const again = await runSupervision(l.db, { at: `${day}T09:00` });
      expect(again.actions, `a second run on ${day} created something`).toEqual([]);
      await prepareDigests(l.db, day, new Date(`${day}T09:00:00+08:00`));
      expect(await prepareDigests(l.db, day, new Date(`${day}T09:00:00+08:00`)), `a second digest on ${day}`).toBe(0);
    }
  }, 300_000);
  afterAll(async () => l?.close());

  const of = (code: string, kind?: string) => created.filter((c) => c.problem === code && (!kind || c.kind === kind));

  it('reminds before the deadline at 7, 3 and 1 days, and once on passing it; escalates up the ladder, each once', () => {
    const p1 = 'XC2025-01-001';
    expect(of(p1, 'due-soon').map((c) => c.day)).toEqual(['2025-02-03', '2025-02-07', '2025-02-09']);
    expect(of(p1, 'overdue').map((c) => c.day)).toEqual(['2025-02-11']);
    // yellow from 10 January (behind plan with nothing reported), a 督办单 the next morning; 挂牌 at 7 days overdue, 约谈 at 30
    expect(of(p1, 'warning').map((c) => [c.day, c.key.split(':')[2]])).toEqual([
      ['2025-01-10', 'yellow'],
      ['2025-02-11', 'red'],
    ]);
    expect(of(p1, 'escalation').map((c) => [c.day, c.key.split(':')[2]])).toEqual([
      ['2025-01-11', 'notice'],
      ['2025-02-17', 'listed'],
      ['2025-03-12', 'talk'],
    ]);
  });

  it('counts a missed weekly report on each Friday it was not made, and none where reports came in on time', () => {
    const missed = of('XC2025-01-001', 'missed-report');
    // Fridays from 10 January to 28 March (the week the work began is not yet a missed one)
    expect(missed).toHaveLength(12);
    expect(missed.every((c) => weekday(c.day) === 5)).toBe(true);
    expect(of('XC2025-01-002', 'missed-report')).toEqual([]);
  });

  it('sends nothing about an item after it is closed, and withdraws what was still pending', async () => {
    expect(of('XC2025-01-002').filter((c) => c.day >= '2025-03-18')).toEqual([]);
    expect(of('XC2025-01-002', 'due-soon').map((c) => c.day)).toEqual(['2025-03-13', '2025-03-17']);
    const pending = await l.db
      .selectFrom('notification as n')
      .innerJoin('problem as p', 'p.id', 'n.problem_id')
      .select(['n.status', 'n.cancelled_reason'])
      .where('p.code', '=', 'XC2025-01-002')
      .execute();
    expect(pending.every((n) => n.status === 'cancelled' && n.cancelled_reason === '问题已销号')).toBe(true);
  });

  it('after reassignment, reminds the new lead unit only, counts its reports from the day it was named, and withdraws what went to the old one', async () => {
    const p3 = of('XC2025-01-003');
    expect(p3.filter((c) => c.day >= '2025-02-01').every((c) => c.unit === '单位乙')).toBe(true);
    expect(p3.some((c) => c.day < '2025-02-01' && c.unit === '单位甲')).toBe(true);
    // named on Saturday 1 February, 单位乙 has not missed the week that ended the day before: its first is the next
    expect(p3.find((c) => c.kind === 'missed-report' && c.unit === '单位乙')?.day).toBe('2025-02-14');
    const old = await l.db
      .selectFrom('notification as n')
      .innerJoin('problem as p', 'p.id', 'n.problem_id')
      .innerJoin('org_unit as u', 'u.id', 'n.unit_id')
      .select(['n.status', 'n.cancelled_reason'])
      .where('p.code', '=', 'XC2025-01-003')
      .where('u.name', '=', '单位甲')
      .execute();
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((n) => n.status === 'cancelled' && n.cancelled_reason === '牵头单位已变更')).toBe(true);
  });

  it('after the deadline moves, reminds against the new one and withdraws the old one’s', async () => {
    expect(of('XC2025-01-004', 'due-soon').map((c) => [c.day, c.key.split(':')[2]])).toEqual([
      ['2025-02-08', '2025-02-15'],
      ['2025-03-08', '2025-03-15'],
      ['2025-03-12', '2025-03-15'],
      ['2025-03-14', '2025-03-15'],
    ]);
    // never overdue against 15 February; overdue against 15 March (it was not closed by then)
    expect(of('XC2025-01-004', 'overdue').map((c) => [c.day, c.key.split(':')[2]])).toEqual([['2025-03-16', '2025-03-15']]);
    const old = await l.db
      .selectFrom('notification')
      .select(['status', 'cancelled_reason'])
      .where('key', 'like', 'due-soon:XC2025-01-004:2025-02-15:%')
      .execute();
    expect(old).toEqual([{ status: 'cancelled', cancelled_reason: '整改时限已调整' }]);
  });

  it('leaves a phase-complete item to its quarterly report: no deadline reminders, warnings or escalations', () => {
    expect(of('XC2025-01-005')).toEqual([]);
  });

  it('makes one digest a day per unit on the days it has something, holding that day’s items only', async () => {
    const digests = await l.db.selectFrom('delivery').select(['address', 'day', 'notification_ids', 'body']).orderBy('day').execute();
    const days = (unit: string) => [...new Set(created.filter((c) => c.unit === unit).map((c) => c.day))].sort();
    expect(digests.filter((d) => d.address === 'jia@example.org').map((d) => d.day)).toEqual(days('单位甲'));
    expect(digests.filter((d) => d.address === 'yi@example.org').map((d) => d.day)).toEqual(days('单位乙'));
    // after its closure on 18 March, the closed item is in nobody's digest
    expect(digests.filter((d) => d.day >= '2025-03-18' && d.body.includes('XC2025-01-002'))).toEqual([]);
  });

  it('climbs the ladder on the problem’s own record, where the 督办清单 shows it', async () => {
    const ladder = await l.db
      .selectFrom('supervision_action as a')
      .innerJoin('problem as p', 'p.id', 'a.problem_id')
      .select(['a.kind', 'a.at'])
      .where('p.code', '=', 'XC2025-01-001')
      .orderBy('a.at')
      .execute();
    expect(ladder).toEqual([
      { kind: 'notice', at: '2025-01-11' },
      { kind: 'listed', at: '2025-02-17' },
      { kind: 'talk', at: '2025-03-12' },
    ]);
  });

  it('ranks the units in the monthly 通报 and names the overdue items', async () => {
    const r = await monthlyCircularDocument(l.db, { scope: FULL_SCOPE, month: '2025-02', today: END, issuer: '示例局整改办' });
    expect(r.standings.map((x) => [x.rank, x.unit, x.total, x.overdue, Math.round(x.timelinessRate)])).toEqual([
      [1, '单位乙', 4, 0, 100],
      [2, '单位甲', 1, 1, 0],
    ]);
    const { text } = await readDocumentBytes('通报.docx', r.bytes);
    expect(text).toContain('示例局整改办关于2025年2月整改工作推进情况的通报');
    expect(text).toContain('单位甲（1个：XC2025-01-001）');
    expect(text).toMatch(/发出督办单\d+份、挂牌督办1项、约谈建议0项/);
  });

  it('writes the weekly 调度表: each open item, its week’s reports and whether one came in', async () => {
    const r = await weeklySheet(l.db, { scope: FULL_SCOPE, day: '2025-02-14', today: END, generatedBy: '整改办张三（zgb）' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('调度表') as ExcelJS.Worksheet;
    expect(ws.getCell(1, 1).value).toBe('整改工作调度表（2025-02-08 至 2025-02-14）');
    const byCode = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => n > 2 && byCode.set(String(row.getCell(1).value), row));
    expect(byCode.get('XC2025-01-002')?.getCell(10).value).toBe('已报送');
    expect(String(byCode.get('XC2025-01-002')?.getCell(9).value)).toContain('2025-02-13 第7周进展，经办人139****5678');
    // an internal sheet: who generated it on every page's head
    expect(ws.headerFooter.oddHeader).toMatch(/^&R&8内部资料\s整改办张三（zgb） 于 .+ 生成/);
    expect(byCode.get('XC2025-01-001')?.getCell(10).value).toBe('未报送');
    expect(String(byCode.get('XC2025-01-001')?.getCell(8).value)).toContain('红色');
    expect(wb.getWorksheet('单位排名')?.getRow(2).getCell(2).value).toBe('单位乙');
  });
});
