// Recurrence: a new source's problems are matched against earlier ones by the words they share. Seeded pairs from the
// seed documents rank as a reader would rank them; a match with the same unit's earlier problem is a repeat
// (屡审屡犯), with another unit's a common problem (共性问题); a person confirms or dismisses each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meaningful, RecurrenceIndex } from '../src/core/recurrence/similarity.ts';
import { words } from '../src/io/segmenter.ts';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { decideMatch, matchesOf, matchSource, MIN_SCORE } from '../src/services/recurrence.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-03-01';

describe.skipIf(!haveSeeds)('recurring and common problems', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
    // an earlier ledger of the same zone (seed 004's unit) with one problem it will have again
    const wb = await writeLedgerWorkbook({
      source: {
        code: 'XC2019-01',
        kind: 'xuncha',
        title: '2019年巡察整改台账',
        team: '市委第二巡察组',
        inspectedUnit: '中共广东清远高新技术产业开发区工作委员会',
        feedbackDate: '2019-05-01',
      },
      problems: [
        {
          row: 2,
          code: 'XC2019-01-001',
          aspect: '作风建设',
          title: '公务用车运行维护管理存在漏洞',
          status: 'completed',
          longTerm: false,
          triage: 'deadline',
          leadUnit: null,
          cooperatingUnits: [],
          leadLeader: null,
          responsiblePerson: null,
          deadline: '2019-12-31',
          target: null,
          amountDue: null,
          progress: 100,
          startDate: '2019-05-01',
          lastReportAt: null,
          version: null,
          supervision: null,
          colour: null,
        },
      ],
      measures: [],
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: '2019-12-31', fileName: '2019台账.xlsx' });
    await l.db
      .updateTable('source')
      .set({ inspected_unit: '中共广东清远高新技术产业开发区工作委员会' })
      .where('code', '=', 'XC2019-01')
      .execute();
    await importDocuments(l, [seedPath('002')], { actor: '整改办', today: TODAY });
    await importDocuments(l, [seedPath('004')], { actor: '整改办', today: TODAY });
  }, 120_000);
  afterAll(async () => l?.close());

  it('ranks seeded pairs from the seed documents: the like above the threshold, the unlike below it', () => {
    const corpus = [
      '关于“主体责任履行不到位”问题的整改',
      '严格落实意识形态工作责任制',
      '关于“三会一课”制度落实不到位问题整改情况',
      '资金使用不规范、财务制度执行不严格',
      '干部选拔任用工作未严格按照工作原则办事',
      '对工程项目建设和大宗采购监管不力，招标过程涉嫌违规',
    ];
    const index = new RecurrenceIndex(corpus.map((t, i) => ({ id: i, words: meaningful(words(t)) })));
    const top = (q: string) => index.query(meaningful(words(q)), 6, 0);
    const cases: [string, number, number][] = [
      ['履行主体责任不到位', 0, 1],
      ['意识形态工作责任制落实不到位', 1, 4],
      ['“三会一课”制度执行不到位', 2, 5],
      ['资金使用监管不到位，资金使用效益不高', 3, 4],
    ];
    for (const [q, like, unlike] of cases) {
      const ranked = top(q);
      expect(ranked[0]?.id, q).toBe(like);
      expect(ranked[0]?.score, q).toBeGreaterThanOrEqual(MIN_SCORE);
      expect(ranked.find((m) => m.id === unlike)?.score ?? 0, q).toBeLessThan(MIN_SCORE);
    }
  });

  it('matches a new source against earlier ones on import: the same unit’s as a repeat, others’ as common problems', async () => {
    const car = await matchesOf(l.db, 'XC2021-01-015', FULL_SCOPE); // 公车运行及维护方面存在管理漏洞
    expect(car[0]).toMatchObject({ code: 'XC2019-01-001', kind: 'repeat', status: 'suggested' });
    const duty = await matchesOf(l.db, 'XC2021-01-004', FULL_SCOPE); // 履行主体责任不到位
    expect(duty.length).toBeGreaterThan(0);
    expect(duty.every((m) => m.kind === 'common' && m.score >= MIN_SCORE && /主体责任/.test(m.title))).toBe(true);
    expect(duty.map((m) => m.score)).toEqual([...duty.map((m) => m.score)].sort((a, b) => b - a));
    // matching again adds nothing
    expect(await matchSource(l.db, 'XC2021-01')).toBe(0);
  });

  it('is confirmed or dismissed by a person, once', async () => {
    const [m] = await matchesOf(l.db, 'XC2021-01-015', FULL_SCOPE);
    await decideMatch(l.db, m?.id as number, true, '整改办', FULL_SCOPE);
    expect((await matchesOf(l.db, 'XC2021-01-015', FULL_SCOPE))[0]).toMatchObject({ status: 'confirmed', decided_by: '整改办' });
    await expect(decideMatch(l.db, m?.id as number, false, '整改办', FULL_SCOPE)).rejects.toThrow('已经确认或排除过');
  });
});
