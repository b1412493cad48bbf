// The repository's own sample documents (samples/: written by the team, laid out like real ones) carried through the
// whole product without ../shared, so that a new user's clone tests reading, import, documents, supervision and
// self-evaluation on something real: an inspection 通报 with aspects, statuses and mistakes to find; an audit report to
// the people's congress with categories, areas, items and money; a 自评表 with its budget and indicator rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readReports } from '../src/core/read-reports.ts';
import type { Report } from '../src/core/document/model.ts';
import { readDocumentBytes } from '../src/io/read-document.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { dashboardStatistics, ledgerStatistics, listProblems, listSources, sourceClaims } from '../src/services/ledger-queries.ts';
import { generateReport } from '../src/services/official-documents.ts';
import { evaluationToLedger, exportEvaluation, importEvaluation } from '../src/services/perf-evaluations.ts';
import { assignProblem, reportProgress } from '../src/services/problem-actions.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import { createUnit } from '../src/services/organisation.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { testLedger } from './support/ledger.ts';

const SAMPLES = resolve(import.meta.dirname, '../samples');
const INSPECTION = join(SAMPLES, '巡察整改进展情况的通报-示例.txt');
const AUDIT = join(SAMPLES, '审计查出问题整改情况的报告-示例.txt');
const PERF = join(SAMPLES, '绩效自评表-示例.txt');
const TODAY = '2025-03-01';

const only = (path: string): Report => {
  const reports = readReports(readFileSync(path, 'utf8'));
  expect(reports).toHaveLength(1);
  return reports[0] as Report;
};
const whole = (r: Report) =>
  r.claims.filter((c) => c.scope === null && !c.specific).map((c) => `${c.metric}:${c.value}@${c.line.toString()}`);

describe('reading the samples', () => {
  it('finds the inspection 通报’s mistakes, each on its line, and only those', () => {
    const r = only(INSPECTION);
    expect(r.kind).toBe('inspection-progress');
    expect(r.aspects.map((a) => a.problems.length)).toEqual([3, 3, 2]);
    // written with mistakes for the demo: item 6 is missing, the "三是" of item 9 has no "二是", and the stated
    // statuses (6 done, 2 phased, 1 in progress) add up to 9, not the 8 problems stated
    // the sum said once, as the error it is, not again as a hint beside it
    expect(r.findings.map((f) => `${f.severity}:${f.rule}@${f.lines.join(',')}:${f.stated}/${f.computed}`)).toEqual([
      'error:status-counts@7:6/5',
      'error:status-parts-sum@7:8/9',
      'warning:numbering-gap@31,35:7/6',
      'warning:measure-sequence@47:3/2',
    ]);
  });

  it('reads the audit report’s whole figures, its three categories and their items, and finds it consistent', () => {
    const r = only(AUDIT);
    expect(r.kind).toBe('audit-rectification');
    expect(r.meta.issuer?.value).toBe('示例县人民政府');
    // 3.62亿元 is 36200万元; the 12 not yet done (line 39) are the 60 less the 48
    expect(whole(r)).toEqual([
      'completed:48@15',
      'problems:60@15',
      'completion-rate:80@15',
      'institutions:15@15',
      'accountable:4@15',
      'money:36200@15',
      'not-done:12@39',
    ]);
    // the parts are named: each category's 应整改/已整改到位, never taken for the whole
    const parts = r.claims.filter((c) => c.scope !== null).map((c) => `${c.scope}:${c.metric}:${c.value}`);
    expect(parts).toEqual(
      expect.arrayContaining([
        '财政管理审计发现问题整改情况:problems:20',
        '财政管理审计发现问题整改情况:completed:16',
        '重点民生资金审计情况:problems:25',
        '国有资产管理审计情况:completed:12',
      ]),
    );
    expect(r.aspects.map((a) => a.problems.length)).toEqual([5, 4, 4]);
    const items = r.aspects.flatMap((a) => a.problems);
    expect(items[0]).toMatchObject({
      number: '一是',
      title: '部分支出未细化到具体项目问题',
      area: '县级预算编制和执行方面',
      status: 'completed',
    });
    // "承诺…" is a promise, not a result; a sentence that gives no status leaves the status unknown
    expect(items.find((p) => p.title === '部分转移支付资金下达不及时问题')?.status).toBe('in-progress');
    expect(items.filter((p) => p.status === 'unknown').map((p) => p.title)).toEqual(['专项债券资金闲置问题', '城乡低保动态管理不到位问题']);
    expect(r.amounts.find((a) => a.line === 15)).toMatchObject({ value: '3.62', unit: '亿元' });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reads the 自评表: the budget row, nine indicators, the 合计, and no finding', () => {
    const r = only(PERF);
    expect(r.kind).toBe('performance-self-evaluation');
    const p = r.performance;
    expect(p?.unit?.value).toBe('示例县农业农村局');
    expect(p?.budget).toMatchObject({ initial: '1250', executed: '1125', weight: 10, score: 9, rate: 90 });
    expect(p?.spending.map((s) => `${s.type}:${s.amount}`)).toEqual(['基本支出:780', '项目支出:345']);
    expect(p?.indicators.map((i) => i.weight)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(p?.indicators.find((i) => i.level3 === '农民培训人次')).toMatchObject({ target: '1500人次', actual: '1320人次', score: 8 });
    expect(p?.totals).toMatchObject({ weight: 100, score: 96 });
    expect(r.findings).toEqual([]);
  });
});

describe('the samples on the ledger', () => {
  let l: Ledger;
  let audit: string;
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, [INSPECTION, AUDIT], { actor: '整改办', today: TODAY });
    audit = (await listSources(l.db, FULL_SCOPE, TODAY)).find((s) => s.kind === 'audit')?.code as string;
  }, 120_000);
  afterAll(async () => l?.close());

  it('imports the audit report as its items, keeping what each category states beside what the ledger counts', async () => {
    expect(audit).toMatch(/^SJ\d{4}-\d{2}$/);
    const stats = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: audit, today: TODAY });
    expect(stats.total).toBe(13);
    expect(Object.keys(stats.byAspect).sort()).toEqual(['国有资产管理审计情况', '财政管理审计发现问题整改情况', '重点民生资金审计情况']);
    const claims = (await sourceClaims(l.db, audit, TODAY, FULL_SCOPE)).map(
      (c) => `${c.scope ?? ''}:${c.metric}:${c.stated}/${c.computed}`,
    );
    expect(claims).toEqual(
      expect.arrayContaining([
        `:problems:60/13`,
        `财政管理审计发现问题整改情况:problems:20/5`,
        `重点民生资金审计情况:completed:20/${stats.byAspect.重点民生资金审计情况?.completed}`,
        `国有资产管理审计情况:problems:15/4`,
      ]),
    );
    // the items whose sentence gives no status stay unknown on the ledger, and are shown as such
    const untold = await listProblems(l.db, { scope: FULL_SCOPE, source: audit, today: TODAY, limit: 50 });
    expect(untold.items.filter((p) => p.untold).map((p) => p.title)).toEqual(['专项债券资金闲置问题', '城乡低保动态管理不到位问题']);
    // …and counted apart on the dashboard, until a person says how one stands
    const dashboard = () => dashboardStatistics(l.db, { scope: FULL_SCOPE, source: audit, today: TODAY });
    expect(await dashboard()).toMatchObject({ inProgress: 6, untold: 2 });
    const code = untold.items.find((p) => p.untold)?.code as string;
    await reportProgress(l.db, code, { actor: '县发展改革局', at: TODAY, scope: FULL_SCOPE }, { text: '闲置资金已全部形成实物工作量' });
    expect(await dashboard()).toMatchObject({ inProgress: 6, untold: 1 });
    // a past day's figures say nothing of it: the mark has no history
    expect((await dashboardStatistics(l.db, { scope: FULL_SCOPE, source: audit, asOf: '2025-01-01', today: TODAY })).untold).toBeNull();
  });

  it('writes the report to the people’s congress from the ledger, saying which figures it uses, and it reads back clean', async () => {
    const f = await generateReport(l.db, { scope: FULL_SCOPE, source: audit, kind: 'npc', today: TODAY });
    const doc = await readDocumentBytes(f.fileName, f.bytes);
    const [report] = readReports(doc.text);
    expect(report?.claims.find((c) => c.metric === 'problems' && c.scope === null)?.value).toBe(13);
    expect(report?.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(doc.text).toContain('原报告所述为60个问题、已整改到位48个，统计口径不同');
  });

  it('supervises what is overdue: a warning to the unit in charge, once', async () => {
    await createUnit(l.db, '整改办', { name: '县财政局' }, FULL_SCOPE);
    await assignProblem(
      l.db,
      `${audit}-003`,
      { actor: '整改办', at: '2025-01-10', scope: FULL_SCOPE },
      { leadUnit: '县财政局', deadline: '2025-02-01' },
    );
    const first = await runSupervision(l.db, { at: TODAY });
    const mine = first.actions.filter((a) => a.problem === `${audit}-003`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.unit === '县财政局')).toBe(true);
    expect((await runSupervision(l.db, { at: TODAY })).created).toBe(0);
  });

  it('scores the 自评表 as it scores itself, exports it, and puts its shortfalls on the ledger', async () => {
    const bytes = new Uint8Array(readFileSync(PERF));
    const { id, scored } = await importEvaluation(l, { name: '绩效自评表-示例.txt', bytes }, '财务科');
    expect(scored.total).toBe(96);
    expect(scored.findings).toEqual([]);
    const xlsx = await exportEvaluation(l.db, id, 'xlsx', TODAY, FULL_SCOPE);
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString()).toBe('PK');
    // the two indicators that fell short of their weight (发放及时率 9/10, 培训人次 8/10) become problems
    const moved = await evaluationToLedger(l, id, '财务科', TODAY, FULL_SCOPE);
    expect(moved.problems).toBe(2);
  });
});
