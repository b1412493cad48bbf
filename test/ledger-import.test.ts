// Importing the seeds into a real database (embedded, or the server when DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { importDocuments } from '../src/services/import-documents.ts';
import { ledgerStatistics, listProblems, listSources, problemDetail, sourceClaims } from '../src/services/ledger-queries.ts';
import { verifyAudit } from '../src/services/audit.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { ImportError } from '../src/core/errors.ts';
import { reportProgress } from '../src/services/problem-actions.ts';
import { UNTOLD } from '../src/core/ledger/import-plan.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2026-11-22';
const dir = mkdtempSync(join(tmpdir(), 'zg-import-'));

async function counts(l: Ledger) {
  const n = async (t: 'source' | 'problem' | 'measure' | 'document' | 'event' | 'claim' | 'outcome') =>
    Number(
      (
        await l.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    sources: await n('source'),
    problems: await n('problem'),
    measures: await n('measure'),
    documents: await n('document'),
    events: await n('event'),
    claims: await n('claim'),
    outcomes: await n('outcome'),
  };
}

describe.skipIf(!haveSeeds)('importing the five seeds', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, ['000', '001', '002', '003', '004'].map(seedPath), { actor: '整改办', today: TODAY });
  });
  afterAll(() => l.close());

  it('creates a source for each report, 21 in all, with stable codes', async () => {
    const sources = await listSources(l.db, FULL_SCOPE, TODAY);
    expect(sources).toHaveLength(21);
    expect(sources.map((s) => s.code)).toContain('XC2021-01');
    // the audit report's problems are its "一是…" items (54), not its 15 area headings
    expect(sources.find((s) => s.code === 'SJ2023-01')).toMatchObject({ kind: 'audit', problems: 54 });
  });

  it('seed 004: 4 aspects, 32 problems, 25 completed and 7 phase-complete, all long-term', async () => {
    const s = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', today: TODAY });
    expect(s).toMatchObject({ total: 32, completed: 25, phased: 7, inProgress: 0, notStarted: 0, overdue: 0 });
    expect(Object.keys(s.byAspect)).toHaveLength(4);
    expect(s.byTriage).toEqual({ 'long-term': expect.objectContaining({ total: 32 }) });
    expect(s.completionRate?.toFixed(2)).toBe('78.13');
  });

  it('keeps each report’s claims beside the ledger and lists where they differ', async () => {
    const d = (code: string) =>
      sourceClaims(l.db, code, TODAY, FULL_SCOPE).then((xs) =>
        xs.map((x) => `${x.scope ? `${x.scope}:` : ''}${x.metric}:${x.stated}/${x.computed}${x.agrees ? '' : '✗'}`),
      );
    expect(await d('XC2021-01')).toEqual(['problems:32/32', 'phased:7/7', 'completed:32/25✗', 'problems:32/32']);
    // an audit report counts 185 findings and lists 54 problems: its figures, whole and per category, stay beside
    // what the ledger holds — 43/33, 57/43, 57/44 and 28/16 as stated
    expect(await d('SJ2023-01')).toEqual([
      'completed:137/18✗',
      'problems:185/54✗',
      'completion-rate:74.05/33.33✗',
      '财政管理审计发现问题整改情况:completed:33/2✗',
      '财政管理审计发现问题整改情况:problems:43/14✗',
      '重大政策措施落实跟踪审计情况:completed:43/6✗',
      '重大政策措施落实跟踪审计情况:problems:57/14✗',
      '重点民生和重大投资项目审计情况:completed:44/6✗',
      '重点民生和重大投资项目审计情况:problems:57/16✗',
      '国资国企审计情况:completed:16/4✗',
      '国资国企审计情况:problems:28/10✗',
    ]);
    // the street office whose "基本完成的事项" names 2 of 12, the rest completed
    expect(await d('XC2022-01')).toEqual(['problems:12/12', 'phased:2/2', 'completed:10/10', 'problems:12/12']);
    // the village: 47 problems written as "一是…" under 12 headings; its per-aspect counts 12 and 28 swapped
    expect(await d('XC2023-04')).toEqual([
      'problems:47/47',
      'problems:47/47',
      expect.stringMatching(/^聚焦贯彻落实.*:problems:7\/7$/),
      expect.stringMatching(/^聚焦群众身边.*:problems:12\/28✗$/),
      expect.stringMatching(/^聚焦基层.*:problems:28\/12✗$/),
    ]);
    // the township that states 31 problems and 28 done, and lists exactly that once the "（1）" that lost its
    // heading is counted; it states its 31, its 28 done and its 3 under way twice (lines 746 and 751)
    expect(await d('XC2023-08')).toEqual([
      'problems:31/31',
      'completed:28/28',
      'in-progress:3/3',
      'completed:28/28',
      'in-progress:3/3',
      'problems:31/31',
    ]);
  });

  it('gives the same figures as of the report’s day, and none before it existed', async () => {
    expect(await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', asOf: '2021-09-27', today: TODAY })).toMatchObject({
      total: 32,
      completed: 25,
      phased: 7,
    });
    expect(await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', asOf: '2021-09-26', today: TODAY })).toMatchObject({
      total: 0,
    });
  });

  it('keeps problems with their measures, specific problems, and the document as the basis of the status it states', async () => {
    const d = await problemDetail(l.db, 'XC2021-01-008', TODAY, FULL_SCOPE);
    expect(d.problem).toMatchObject({
      title: '环境污染整治力度不够',
      status: 'phased',
      longTerm: true,
      statusText: '阶段性完成整改，并长期坚持',
    });
    expect(d.children.map((c) => c.code)).toEqual(['XC2021-01-008-01', 'XC2021-01-008-02']);
    // the status as the report gave it, by the person who imported it, taken from the report: no closure request or
    // approval nobody made, and the report not attached as each problem's evidence
    expect(d.timeline.map((t) => t.kind)).toEqual(['status']);
    expect(d.timeline[0]).toMatchObject({ by: '整改办', document: { fileName: basename(seedPath('004')) } });
    expect(d.timeline[0]?.text).toMatch(/^— → 阶段性完成：依据《.+》（\d{4}-\d{2}-\d{2}）导入：阶段性完成整改，并长期坚持$/);
    expect(d.basis?.fileName).toBe(basename(seedPath('004')));
    expect(d.evidence).toEqual([]);
    expect(await l.db.selectFrom('closure_request').select('id').execute()).toEqual([]);
    // the filters a dashboard chart opens the ledger with
    expect((await listProblems(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', triage: 'long-term', today: TODAY })).total).toBe(32);
    // the bar of problems no unit leads yet opens exactly those: here, all of the source's (none is assigned)
    const all = (await listProblems(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', today: TODAY })).total;
    expect((await listProblems(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', unit: '（未指定）', today: TODAY })).total).toBe(all);
    expect((await listProblems(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', unit: '区财政局', today: TODAY })).total).toBe(0);
    expect(
      (await listProblems(l.db, { scope: FULL_SCOPE, aspect: 'XC2021-01 落实党的路线方针政策和党中央决策部署方面', today: TODAY })).total,
    ).toBe(11);
    const long = await listProblems(l.db, { scope: FULL_SCOPE, source: 'XC2025-01', today: TODAY, limit: 100 });
    expect(long.total).toBe(19);
    expect(long.items.filter((p) => p.longTerm)).toHaveLength(6);
  });

  it('shows a problem whose report says nothing of its rectification as not told, until a person reports on it', async () => {
    const all = (await listProblems(l.db, { scope: FULL_SCOPE, source: 'SJ2023-01', today: TODAY, limit: 200 })).items;
    const untold = all.filter((p) => p.untold);
    expect(untold.length).toBeGreaterThan(0);
    expect(untold.length).toBeLessThan(all.length);
    // on the ledger as being rectified (work has begun), and never taken for a status the report gave
    expect(new Set(untold.map((p) => p.status))).toEqual(new Set(['in-progress']));
    const first = untold[0]?.code as string;
    expect((await problemDetail(l.db, first, TODAY, FULL_SCOPE)).problem).toMatchObject({ untold: true, statusText: UNTOLD });
    expect(all.filter((p) => !p.untold && p.status === 'completed').length).toBeGreaterThan(0);
    // the unit reports on it: its status is now a person's word, and the report's silence stays in the record
    await reportProgress(l.db, first, { scope: FULL_SCOPE, actor: '审计局', at: TODAY }, { text: '已制定整改方案，正在推进' });
    expect((await problemDetail(l.db, first, TODAY, FULL_SCOPE)).problem).toMatchObject({
      untold: false,
      status: 'in-progress',
      statusText: UNTOLD,
    });
  });

  it('records outcomes, counting a report’s own totals once', async () => {
    const s = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: 'SJ2023-01', today: TODAY });
    expect(s.outcomes).toMatchObject({ moneyWan: '368400', institutions: 70, accountable: 11 });
  });

  it('changes nothing when the same bytes are imported again', async () => {
    const before = await counts(l);
    const again = await importDocuments(l, [seedPath('004'), seedPath('002')], { actor: '整改办', today: TODAY });
    expect(again.map((r) => r.status)).toEqual(['already-imported', 'already-imported']);
    expect(await counts(l)).toEqual(before);
  });

  it('writes every change to a hash-chained log that verifies', async () => {
    const r = await verifyAudit(l);
    expect(r.firstBroken).toBeNull();
    expect(r.checked).toBe((await counts(l)).events);
  });
});

describe.skipIf(!haveSeeds)('a failed import', () => {
  it('leaves nothing behind when one of the files cannot be read', async () => {
    const l = await testLedger();
    try {
      const scan = join(dir, '空白.pdf');
      writeFileSync(scan, '');
      await expect(importDocuments(l, [seedPath('004'), scan], { actor: 't', today: TODAY })).rejects.toThrow(ImportError);
      expect(await counts(l)).toEqual({ sources: 0, problems: 0, measures: 0, documents: 0, events: 0, claims: 0, outcomes: 0 });
    } finally {
      await l.close();
    }
  });

  it('leaves nothing behind when the database refuses a row halfway', async () => {
    const l = await testLedger();
    try {
      // the database refuses one problem of the 9th report, after eight reports were written
      await sql`create function refuse_row() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(
        l.db,
      );
      await sql`create trigger refuse before insert on problem for each row when (new.title = '政治理论学习不扎实，学用结合不够') execute function refuse_row()`.execute(
        l.db,
      );
      const before = await counts(l);
      await expect(importDocuments(l, [seedPath('004'), seedPath('002')], { actor: 't', today: TODAY })).rejects.toThrow(
        /refused for the test/,
      );
      expect(await counts(l)).toEqual(before);
    } finally {
      await l.close();
    }
  });
});

describe('a report title with nothing under it', () => {
  it('is not imported as an empty source, and a file of nothing else is refused by name', async () => {
    const l = await testLedger();
    try {
      const report = [
        '中共示例县农业农村局党组关于巡察整改进展情况的通报',
        '一、整改落实情况',
        '（一）党的建设方面',
        '1.理论学习不深入。',
        '整改情况：已完成整改。',
      ].join('\n');
      // another report's title, as a saved page links it at the foot of the article
      const linked = '示例县审计局关于2023年度审计查出问题整改情况的报告';
      const both = join(dir, '带链接标题.txt');
      writeFileSync(both, `${report}\n\n${linked}\n`);
      const [r] = await importDocuments(l, [both], { actor: 't', today: TODAY });
      expect(r?.sources.map((s) => s.problems)).toEqual([1]);
      const bare = join(dir, '只有标题.txt');
      writeFileSync(bare, `${linked}\n`);
      const before = await counts(l);
      const e = await importDocuments(l, [bare], { actor: 't', today: TODAY }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).reasons.join()).toContain('“只有标题.txt”中没有找到整改报告');
      expect(await counts(l)).toEqual(before);
    } finally {
      await l.close();
    }
  });
});
