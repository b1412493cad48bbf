// 整改成效评估 of imported sources: reproducible, every deduction pointing at ledger facts, a report that contradicts
// the ledger failing the whole, and sources compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { addEvidence, decideClosure, requestClosure } from '../src/services/problem-actions.ts';
import { assessSource, compareSources } from '../src/services/effectiveness.ts';
import { modelOf } from '../src/core/assessment/effectiveness.ts';
import { setPublication } from '../src/services/source-settings.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-06-30';

describe.skipIf(!haveSeeds)('整改成效评估', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, [seedPath('004')], { actor: '整改办', today: TODAY });
    const p = (n: number) => ({
      row: n + 1,
      code: `XC2025-02-00${n}`,
      aspect: '方面',
      title: `问题${n}`,
      status: 'in-progress' as const,
      longTerm: false,
      triage: 'deadline' as const,
      leadUnit: '单位甲',
      cooperatingUnits: [],
      leadLeader: '李领导',
      responsiblePerson: '王某人',
      deadline: '2025-06-30',
      target: null,
      amountDue: null,
      progress: 50,
      startDate: '2025-01-01',
      lastReportAt: '2025-05-30',
      version: null,
      supervision: null,
      colour: null,
    });
    const wb = await writeLedgerWorkbook({
      source: {
        code: 'XC2025-02',
        kind: 'xuncha',
        title: '示例单位巡察整改台账',
        team: null,
        inspectedUnit: '示例单位',
        feedbackDate: '2025-01-01',
      },
      problems: [p(1), p(2)],
      measures: [1, 2].map((n) => ({
        row: n + 1,
        problem: `XC2025-02-00${n}`,
        ordinal: 1,
        text: '建立制度',
        ownerUnit: null,
        ownerPerson: null,
        deadline: null,
        status: 'in-progress' as const,
        progress: 50,
      })),
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: '2025-01-01', fileName: '台账.xlsx' });
    for (const code of ['XC2025-02-001', 'XC2025-02-002']) {
      const who = { actor: '单位甲', at: '2025-06-20', scope: FULL_SCOPE };
      const ev = (await addEvidence(l.db, code, who, { name: '佐证.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') })).id;
      await requestClosure(l.db, code, who, { evidence: [ev] });
      await decideClosure(l.db, code, { scope: FULL_SCOPE, actor: '整改办', at: '2025-06-20' }, { accept: true });
    }
    await setPublication(l.db, 'XC2025-02', '整改办', { commentDays: 15 }, FULL_SCOPE);
  }, 60_000);
  afterAll(async () => l?.close());

  it('fails seed 004 on its published figures and points every deduction at the ledger', async () => {
    const a = await assessSource(l.db, 'XC2021-01', TODAY, FULL_SCOPE);
    expect(a.result).toBe('不合格');
    expect(a.veto?.reason).toContain('称32、台账为25');
    expect(a.veto?.facts).toEqual(['报告第16行']);
    const codes = new Set((await l.db.selectFrom('problem').select('code').execute()).map((p) => p.code));
    for (const d of a.deductions) {
      expect(d.points).toBeGreaterThan(0);
      for (const f of d.facts) expect(codes.has(f.replace(/（.*$/, '')), `${d.reason}: ${f}`).toBe(true);
    }
    const noLeader = a.deductions.find((d) => d.reason.startsWith('未明确责任领导'));
    expect(noLeader?.facts).toHaveLength(32);
    expect(a.byCategory.organisation).toEqual({ full: 10, score: 0 });
    // reproducible: the same ledger, the same assessment
    expect(await assessSource(l.db, 'XC2021-01', TODAY, FULL_SCOPE)).toEqual(a);
  });

  it('gives full marks to a ledger with every item assigned, closed on time and published', async () => {
    const a = await assessSource(l.db, 'XC2025-02', TODAY, FULL_SCOPE);
    expect(a).toMatchObject({ total: 100, result: '优秀', veto: null, deductions: [] });
  });

  it('takes a model of the office’s own: other points per fact, no veto', async () => {
    const model = modelOf({ per: { noLeader: 0, noLeadUnit: 0, noResponsible: 0 }, vetoOnContradiction: false });
    const a = await assessSource(l.db, 'XC2021-01', TODAY, FULL_SCOPE, model);
    expect(a.veto).toBeNull();
    expect(a.byCategory.organisation.score).toBe(10);
    expect(a.deductions.some((d) => d.reason.startsWith('未明确责任领导'))).toBe(false);
  });

  it('compares the sources, a vetoed one last', async () => {
    const all = await compareSources(l.db, TODAY, FULL_SCOPE);
    expect(all.map((x) => [x.source, x.result])).toEqual([
      ['XC2025-02', '优秀'],
      ['XC2021-01', '不合格'],
    ]);
  });
});
