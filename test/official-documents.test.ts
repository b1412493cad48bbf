// Documents from the ledger, read back as a reader of published reports would: the 通报 generated for every imported
// seed source gives back the ledger's problems, statuses and figures and passes the checks; a past as-of day gives
// the statuses of that day; the public version keeps people's names and mobile numbers out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { readDocumentBytes } from '../src/io/read-document.ts';
import { readReports } from '../src/core/read-reports.ts';
import type { Problem, Report } from '../src/core/document/model.ts';
import { reportedStatus, type LedgerStatus } from '../src/core/ledger/problem-state.ts';
import { formatRate } from '../src/core/ledger/completion-rate.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { ledgerStatistics, listSources } from '../src/services/ledger-queries.ts';
import { generateItemForm, generateReport } from '../src/services/official-documents.ts';
import { createPerson, createUnit } from '../src/services/organisation.ts';
import { addEvidence, assignProblem, recordLookback, reportProgress, requestClosure } from '../src/services/problem-actions.ts';
import { setPublication, setSupervisionPolicy } from '../src/services/source-settings.ts';
import { exportLedger, importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { sheetProblem } from './support/sheet-problem.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-03-01';
const who = { actor: '整改办', at: TODAY, scope: FULL_SCOPE };

async function readBack(bytes: Uint8Array): Promise<{ text: string; report: Report }> {
  const doc = await readDocumentBytes('generated.docx', bytes);
  const reports = readReports(doc.text);
  expect(reports).toHaveLength(1);
  return { text: doc.text, report: reports[0] as Report };
}

const overall = (r: Report, metric: string) => r.claims.find((c) => c.metric === metric && c.scope === null && !c.specific)?.value;

describe.skipIf(!haveSeeds)('documents generated from the ledger', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, ['000', '002', '004'].map(seedPath), { actor: '整改办', today: TODAY });
  }, 120_000);
  afterAll(async () => l?.close());

  it('gives back, for every imported source, the ledger’s problems, statuses and figures, with no error found by zg check', async () => {
    const sources = await listSources(l.db, FULL_SCOPE, TODAY);
    expect(sources.length).toBeGreaterThan(15);
    let compared = 0;
    for (const s of sources) {
      const f = await generateReport(l.db, { scope: FULL_SCOPE, source: s.code, kind: 'tongbao', public: true, today: TODAY });
      const { report } = await readBack(f.bytes);
      const ledger = await l.db
        .selectFrom('problem as p')
        .leftJoin('aspect as a', 'a.id', 'p.aspect_id')
        .select(['p.id', 'p.parent_id', 'p.title', 'p.status', 'p.long_term'])
        .where('p.source_id', '=', (await l.db.selectFrom('source').select('id').where('code', '=', s.code).executeTakeFirstOrThrow()).id)
        .orderBy('a.ordinal')
        .orderBy('p.ordinal')
        .execute();
      const top = ledger.filter((p) => p.parent_id === null);
      const parsed: Problem[] = report.aspects.flatMap((a) => a.problems);
      expect(
        parsed.map((p) => p.title),
        s.code,
      ).toEqual(top.map((p) => p.title));
      expect(
        parsed.map((p) => p.status),
        s.code,
      ).toEqual(top.map((p) => reportedStatus(p.status as LedgerStatus)));
      expect(
        parsed.map((p) => p.longTerm),
        s.code,
      ).toEqual(top.map((p) => p.long_term));
      expect(
        parsed.map((p) => p.children.map((c) => c.status)),
        s.code,
      ).toEqual(top.map((p) => ledger.filter((c) => c.parent_id === p.id).map((c) => reportedStatus(c.status as LedgerStatus))));

      const stats = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: s.code, today: TODAY });
      if (stats.total > 0) {
        expect(overall(report, 'problems'), s.code).toBe(stats.total);
        expect(overall(report, 'completed'), s.code).toBe(stats.completed);
        expect(overall(report, 'phased') ?? 0, s.code).toBe(stats.phased);
        expect(overall(report, 'in-progress') ?? 0, s.code).toBe(stats.inProgress);
        expect(formatRate(overall(report, 'completion-rate') as number), s.code).toBe(formatRate(stats.completionRate as number));
        compared++;
      }
      const errors = report.findings.filter((x) => x.severity === 'error');
      if (s.code === 'XC2023-04') {
        // the ledger holds what seed 002's report 9 said: an inspection that ends before it starts; generation says so
        expect(errors.map((e) => e.rule)).toEqual(['dates-order']);
        expect(f.findings.map((e) => e.rule)).toContain('dates-order');
      } else expect(errors, s.code).toEqual([]);
    }
    expect(compared).toBeGreaterThan(15);
  }, 120_000);

  it('states the figures of the as-of day, not of today', async () => {
    // seed 004: 25 completed, 7 phased on the day of its report; one phased item relapses on TODAY
    await recordLookback(l.db, 'XC2021-01-005', who, { result: 'relapsed', note: '应收账款新增超期', newDeadline: '2025-12-31' });
    const then = await readBack(
      (
        await generateReport(l.db, {
          scope: FULL_SCOPE,
          source: 'XC2021-01',
          kind: 'tongbao',
          asOf: '2021-09-27',
          public: true,
          today: TODAY,
        })
      ).bytes,
    );
    const now = await readBack(
      (await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', public: true, today: TODAY })).bytes,
    );
    expect([overall(then.report, 'completed'), overall(then.report, 'phased'), overall(then.report, 'in-progress')]).toEqual([
      25,
      7,
      undefined,
    ]);
    expect([overall(now.report, 'completed'), overall(now.report, 'phased'), overall(now.report, 'in-progress')]).toEqual([25, 6, 1]);
    expect(then.text).toContain('截至2021年9月27日');
    expect(now.report.aspects[0]?.problems[4]).toMatchObject({ title: '履行经济责任不到位，应收账款超期未收回', status: 'in-progress' });
  });

  it('keeps names, mobile numbers and the working record out of the public version, and in the internal one', async () => {
    await createUnit(l.db, 't', { name: '区财政局' }, FULL_SCOPE);
    await createPerson(l.db, 't', { name: '王示例', unit: '区财政局', phone: '13812345678' }, FULL_SCOPE);
    await assignProblem(l.db, 'XC2021-01-006', who, { leadUnit: '区财政局', responsiblePerson: '王示例', deadline: '2025-06-30' });
    await reportProgress(l.db, 'XC2021-01-006', who, { text: '王示例已约谈用地企业（电话13812345678）', progress: 40 });
    await setPublication(
      l.db,
      'XC2021-01',
      't',
      {
        contacts: [
          { kind: 'person', value: '王示例' },
          { kind: 'phone', value: '13812345678' },
          { kind: 'phone', value: '0763-3483648' },
          { kind: 'email', value: 'zgb@example.org' },
        ],
      },
      FULL_SCOPE,
    );
    const pub = await readBack(
      (await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', public: true, today: TODAY })).bytes,
    );
    const internalFile = await generateReport(l.db, {
      scope: FULL_SCOPE,
      source: 'XC2021-01',
      kind: 'tongbao',
      public: false,
      today: TODAY,
      generatedBy: '整改办张三（office）',
    });
    const internal = await readBack(internalFile.bytes);
    for (const secret of ['王示例', '13812345678', '约谈用地企业', '（内部）']) {
      expect(pub.text).not.toContain(secret);
      expect(internal.text).toContain(secret);
    }
    // the internal version says on every page who generated it and when; the public one carries no such mark
    const headers = (bytes: Uint8Array) =>
      Object.entries(unzipSync(bytes))
        .filter(([name]) => /^word\/header\d*\.xml$/.test(name))
        .map(([, data]) => new TextDecoder().decode(data))
        .join('');
    expect(headers(internalFile.bytes)).toMatch(/内部资料　整改办张三（office） 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 生成　请勿外传/);
    const pubFile = await generateReport(l.db, {
      scope: FULL_SCOPE,
      source: 'XC2021-01',
      kind: 'tongbao',
      public: true,
      today: TODAY,
      generatedBy: '整改办张三（office）',
    });
    expect(headers(pubFile.bytes)).not.toContain('内部资料');
    expect(pub.text).toContain('联系电话：0763-3483648；电子邮箱：zgb@example.org');
    expect(pub.report.meta.publicationPeriod?.value).toEqual({ start: '2025-03-01', end: '2025-03-15' });
    // a source may publish its working record: then it is in the public version too, names still hidden
    await setPublication(l.db, 'XC2021-01', 't', { hide: { personNames: true, personalPhones: true, internalNotes: false } }, FULL_SCOPE);
    const open = await readBack(
      (await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', public: true, today: TODAY })).bytes,
    );
    expect(open.text).toContain('牵头单位：区财政局');
    expect(open.text).toContain('责任人：王某');
    expect(open.text).not.toContain('王示例');
    // a viewer whose units lead none of this source's problems can neither change its settings nor export its ledger
    const stranger = { kind: 'problems', units: [-1] } as const;
    await expect(
      setPublication(l.db, 'XC2021-01', '他人', { hide: { personNames: false, personalPhones: false, internalNotes: false } }, stranger),
    ).rejects.toThrow('没有编号为“XC2021-01”的整改来源');
    await expect(setSupervisionPolicy(l.db, 'XC2021-01', '他人', { dueSoonDays: [1] }, stranger)).rejects.toThrow(
      '没有编号为“XC2021-01”的整改来源',
    );
    await expect(exportLedger(l.db, 'XC2021-01', TODAY, stranger)).rejects.toThrow('没有编号为“XC2021-01”的整改来源');
    // the internal version reads back to the same problems and figures
    expect(internal.report.aspects.flatMap((a) => a.problems).length).toBe(32);
    expect(internal.report.findings.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('lays the plan out as one table per aspect: measures, leader, units, person, deadline', async () => {
    const f = await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'plan', today: TODAY });
    expect(f.document.landscape).toBe(true);
    const tables = f.document.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(4);
    const row = tables.flatMap((t) => (t.kind === 'table' ? t.rows : [])).find((r) => r[1] === '资源配置不合理，土地供需失衡');
    expect(row?.slice(4, 8)).toEqual(['区财政局', '', '王示例', '2025年6月30日\n长期整改']);
    const { text } = await readBack(f.bytes);
    expect(text).toContain('整改措施\t责任领导\t牵头单位');
  });

  it('reports audit findings to the People’s Congress with the category table, and refuses for an inspection', async () => {
    const f = await generateReport(l.db, { scope: FULL_SCOPE, source: 'SJ2023-01', kind: 'npc', today: TODAY });
    expect(f.document.title).toBe('关于清远市2022年度市级预算执行和其他财政收支审计查出问题整改情况的报告');
    const table = f.document.blocks.find((b) => b.kind === 'table');
    const stats = await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: 'SJ2023-01', today: TODAY });
    expect(table?.kind === 'table' && table.rows.at(-1)?.slice(0, 3)).toEqual(['合计', String(stats.total), String(stats.completed)]);
    const { report, text } = await readBack(f.bytes);
    expect(overall(report, 'problems')).toBe(stats.total);
    expect(report.findings.filter((x) => x.severity === 'error')).toEqual([]);
    // which figures it uses: the ledger's 54 problems, not the audit report's 185 findings — and it says so
    expect(text).toContain(`以上按台账逐项登记的${stats.total}个问题统计；原报告所述为185个问题、已整改到位137个，统计口径不同。`);
    await expect(generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'npc', today: TODAY })).rejects.toThrow(
      '不是审计查出的问题',
    );
    await expect(
      generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', asOf: '2026-01-01', today: TODAY }),
    ).rejects.toThrow('晚于今天');
    await expect(
      generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', asOf: '2025-02-30', today: TODAY }),
    ).rejects.toThrow('不是有效日期');
  });

  it('fills the 督办单 and the 对账销号单 of one item from its record', async () => {
    const notice = await readBack((await generateItemForm(l.db, 'XC2021-01-006', 'notice', '2025-07-03', FULL_SCOPE)).bytes);
    expect(notice.text).toContain('督办编号\tXC2021-01-006-督1');
    expect(notice.text).toContain('牵头单位\t区财政局');
    expect(notice.text).toContain('2025年6月30日（已超过整改时限3天）');
    expect(notice.text).toContain('请区财政局于2025年7月8日前报送整改进展情况及佐证材料');
    // XC2021-01-005 relapsed above and is being rectified again
    const ev = (
      await addEvidence(l.db, 'XC2021-01-005', who, {
        name: '应收账款清收台账.xlsx',
        bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
      })
    ).id;
    await requestClosure(l.db, 'XC2021-01-005', who, { evidence: [ev], note: '超期账款已全部收回' });
    const closure = await readBack((await generateItemForm(l.db, 'XC2021-01-005', 'closure', TODAY, FULL_SCOPE)).bytes);
    expect(closure.text).toContain('1. 应收账款清收台账.xlsx');
    // a problem the report gives as done rests on the report itself, listed as the closure's basis
    const done = (
      await l.db
        .selectFrom('problem')
        .select('code')
        .where('code', 'like', 'XC2021-01-%')
        .where('status', '=', 'completed')
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    const doneForm = await readBack((await generateItemForm(l.db, done, 'closure', TODAY, FULL_SCOPE)).bytes);
    expect(doneForm.text).toMatch(/1\. .+（所据报告）/);
    expect(closure.text).toContain('整改办于2025年3月1日申请销号：超期账款已全部收回');
    expect(closure.text).toContain('分管领导审批（签字）');
  });

  it('issues no 督办单 for a closed problem', async () => {
    const done = await l.db.selectFrom('problem').select('code').where('status', '=', 'completed').limit(1).executeTakeFirstOrThrow();
    await expect(generateItemForm(l.db, done.code, 'notice', TODAY, FULL_SCOPE)).rejects.toThrow(
      `问题 ${done.code} 已完成整改并销号，不再督办`,
    );
  });
});

// The snapshot is read a page of problems at a time (some thousand): a source larger than a page loses nothing at the
// seams — every problem counted, every measure in the plan in its problem's row.
describe('a source larger than a page of the snapshot', () => {
  it('counts every problem and lays out every measure', async () => {
    const l = await testLedger();
    try {
      const N = 1105;
      const problems = Array.from({ length: N }, (_, i) =>
        sheetProblem(i + 2, `XC2025-01-${String(i + 1).padStart(4, '0')}`, {
          aspect: i < N / 2 ? '第一方面' : '第二方面',
          title: `第${i + 1}项问题`,
          status: i % 3 === 0 ? 'completed' : 'in-progress',
          leadUnit: `单位${i % 7}`,
          startDate: TODAY,
        }),
      );
      const measures = problems.map((p, i) => ({
        row: i + 2,
        problem: p.code,
        ordinal: 1,
        text: `第${i + 1}项问题的整改措施`,
        ownerUnit: p.leadUnit,
        ownerPerson: null,
        deadline: p.deadline,
        status: 'in-progress' as const,
        progress: 0,
      }));
      const wb = await writeLedgerWorkbook({
        source: {
          code: 'XC2025-01',
          kind: 'xuncha',
          title: '大型台账',
          team: '县委第一巡察组',
          inspectedUnit: '示例局党组',
          feedbackDate: TODAY,
        },
        problems,
        measures,
      });
      await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: TODAY, fileName: '大型台账.xlsx' });

      const tongbao = await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2025-01', kind: 'tongbao', today: TODAY });
      const { report } = await readBack(tongbao.bytes);
      expect(overall(report, 'problems')).toBe(N);
      expect(overall(report, 'measures')).toBe(N);
      expect(overall(report, 'completed')).toBe(Math.ceil(N / 3));

      const plan = await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2025-01', kind: 'plan', today: TODAY });
      const rows = plan.document.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
      expect(rows).toHaveLength(N);
      // each problem's row carries its own measure, across the seams of the pages
      for (const i of [0, 999, 1000, 1001, N - 1]) expect(rows[i]?.join('|')).toContain(`第${i + 1}项问题的整改措施`);
    } finally {
      await l.close();
    }
  }, 120_000);
});
