// The four lists as a workbook: out of one ledger, into an empty one, out again — the same data; bad workbooks refused
// row by row with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { MEASURE_COLUMNS, PROBLEM_COLUMNS } from '../src/core/ledger/ledger-sheet.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { exportLedger, importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { addEvidence, assignProblem, recordLookback, recordSupervision, requestClosure } from '../src/services/problem-actions.ts';
import { createUnit, createPerson } from '../src/services/organisation.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { LedgerWorkbookError } from '../src/core/errors.ts';
import { readWorkbookCheckpoint } from '../src/io/ledger-workbook.ts';
import { auditHead } from '../src/store/audit-checkpoint.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-03-01';

async function sheets(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))));
    out[ws.name] = rows;
  });
  return out;
}

async function count(l: Ledger, t: 'source' | 'problem' | 'measure' | 'org_unit') {
  return Number(
    (
      await l.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe.skipIf(!haveSeeds)('the ledger as a workbook', () => {
  let a: Ledger;
  let b: Ledger;
  let first: Uint8Array;
  beforeAll(async () => {
    a = await testLedger();
    await importDocuments(a, [seedPath('004')], { actor: '整改办', today: TODAY });
    await createUnit(a.db, 't', { name: '区财政局' }, FULL_SCOPE);
    await createUnit(a.db, 't', { name: '区建设局' }, FULL_SCOPE);
    await createPerson(a.db, 't', { name: '李四', unit: '区财政局' }, FULL_SCOPE);
    await assignProblem(
      a.db,
      'XC2021-01-005',
      { scope: FULL_SCOPE, actor: 't', at: TODAY },
      {
        leadUnit: '区财政局',
        cooperatingUnits: ['区建设局'],
        responsiblePerson: '李四',
        deadline: '2025-06-30',
        triage: 'long-term',
        amountDue: { amount: '1234.5', unit: '万元' },
      },
    );
    await recordSupervision(a.db, 'XC2021-01-005', { scope: FULL_SCOPE, actor: 't', at: TODAY }, { kind: 'notice' });
    first = await exportLedger(a.db, 'XC2021-01', TODAY, FULL_SCOPE);
    b = await testLedger();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('writes the four lists with frozen headers, filters, dates as dates and money as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['来源', '问题清单', '任务清单', '责任清单', '督办清单', '操作日志检查点']);
    const ps = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    expect(ps.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ps.autoFilter).toBeTruthy();
    const row = ps.getRow(6); // XC2021-01-005
    expect(row.getCell(1).value).toBe('XC2021-01-005');
    expect(row.getCell(11).value).toBeInstanceOf(Date);
    expect(row.getCell(13).value).toBe(1234.5);
    expect(row.getCell(4).dataValidation).toMatchObject({ type: 'list' });
    const ds = await sheets(first);
    expect(ds.督办清单?.slice(1).map((r) => r[0])).toEqual(['XC2021-01-005']);
    expect(ds.问题清单).toHaveLength(1 + 37); // 32 problems and 5 specific problems
  });

  it('round trip: into an empty database and out again, the same data', async () => {
    const r = await importLedgerWorkbook(b, first, { scope: FULL_SCOPE, actor: '整改办', today: TODAY, fileName: '台账.xlsx' });
    expect(r).toEqual({ source: 'XC2021-01', created: true, problems: 37, measures: await count(a, 'measure') });
    const second = await exportLedger(b.db, 'XC2021-01', TODAY, FULL_SCOPE);
    // the lists are the same; the event log's checkpoint is each ledger's own
    const { 操作日志检查点: own, ...lists } = await sheets(second);
    const { 操作日志检查点: _, ...firstLists } = await sheets(first);
    // as is each problem's version: the rest of every row is the same
    const v = PROBLEM_COLUMNS.indexOf('版本');
    const unversioned = (l: Record<string, unknown[][]>) => ({ ...l, 问题清单: l.问题清单?.map((row) => row.slice(0, v)) });
    expect(unversioned(lists)).toEqual(unversioned(firstLists));
    expect(await readWorkbookCheckpoint(second)).toEqual({ ...(await auditHead(b.db)), at: expect.any(String) });
    expect(own?.[1]).toEqual(['操作日志条数', (await auditHead(b.db)).events]);
  });

  it('does not undo a pending closure request with a row that says the problem is being rectified', async () => {
    // the seed's problems are all done: one relapses on look-back, and its unit asks again for closure
    const open = await b.db.selectFrom('problem').select('code').where('status', '=', 'completed').orderBy('id').executeTakeFirstOrThrow();
    await recordLookback(
      b.db,
      open.code,
      { scope: FULL_SCOPE, actor: '整改办', at: TODAY },
      { result: 'relapsed', newDeadline: '2099-12-31' },
    );
    const evidence = (
      await addEvidence(
        b.db,
        open.code,
        { scope: FULL_SCOPE, actor: '区财政局', at: TODAY },
        { name: '整改报告.txt', bytes: new TextEncoder().encode('已整改完毕') },
      )
    ).id;
    await requestClosure(b.db, open.code, { scope: FULL_SCOPE, actor: '区财政局', at: TODAY }, { evidence: [evidence] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportLedger(b.db, 'XC2021-01', TODAY, FULL_SCOPE)) as unknown as ArrayBuffer);
    const ps = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    ps.eachRow((row) => {
      if (row.getCell(1).value === open.code) row.getCell(4).value = '正在整改';
    });
    await importLedgerWorkbook(b, new Uint8Array(await wb.xlsx.writeBuffer()), {
      scope: FULL_SCOPE,
      actor: '整改办',
      today: TODAY,
      fileName: '各单位台账.xlsx',
    });
    const [detail] = await b.db.selectFrom('problem').select(['id', 'status']).where('code', '=', open.code).execute();
    expect(detail?.status).toBe('closure-requested');
    const pending = await b.db
      .selectFrom('closure_request')
      .select('decision')
      .where('problem_id', '=', detail?.id as number)
      .execute();
    expect(pending.filter((r) => r.decision === null)).toHaveLength(1); // still waiting for review
  });

  it('refuses a copy exported before a problem changed, naming its row, and changes nothing', async () => {
    const old = await exportLedger(b.db, 'XC2021-01', TODAY, FULL_SCOPE);
    // after the export, the office sets one problem's target on the ledger itself
    await assignProblem(
      b.db,
      'XC2021-01-003',
      { scope: FULL_SCOPE, actor: '整改办', at: TODAY },
      { target: '账龄一年以上的应收款全部清理' },
    );
    const edited = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      (wb.getWorksheet('问题清单') as ExcelJS.Worksheet).eachRow((row) => {
        if (row.getCell(1).value === 'XC2021-01-004') row.getCell(12).value = '另行改写的成效目标';
      });
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const targets = async () =>
      (
        await b.db.selectFrom('problem').select('target').where('code', 'in', ['XC2021-01-003', 'XC2021-01-004']).orderBy('code').execute()
      ).map((r) => r.target);
    const before = await targets();
    expect(before[0]).toBe('账龄一年以上的应收款全部清理');
    const refused = await importLedgerWorkbook(b, await edited(old), {
      scope: FULL_SCOPE,
      actor: '整改办',
      today: TODAY,
      fileName: '旧台账.xlsx',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerWorkbookError);
    expect((refused as LedgerWorkbookError).reasons).toEqual([
      expect.stringMatching(/^问题清单第\d+行：问题 XC2021-01-003 在这份台账导出之后已有新的变更/),
    ]);
    // the older copy's target for -003 did not come back, and -004's edit waits for a fresh copy
    expect(await targets()).toEqual(before);
    await importLedgerWorkbook(b, await edited(await exportLedger(b.db, 'XC2021-01', TODAY, FULL_SCOPE)), {
      scope: FULL_SCOPE,
      actor: '整改办',
      today: TODAY,
      fileName: '新台账.xlsx',
    });
    expect(await targets()).toEqual([before[0], '另行改写的成效目标']);
  });

  it('does not put a closure request on the ledger from a row: 待审核销号 on a new problem is read as being rectified', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const row = (wb.getWorksheet('问题清单') as ExcelJS.Worksheet).getRow(2);
    row.getCell(4).value = '待审核销号';
    const code = String(row.getCell(1).value);
    const c = await testLedger();
    try {
      await importLedgerWorkbook(c, new Uint8Array(await wb.xlsx.writeBuffer()), {
        scope: FULL_SCOPE,
        actor: '整改办',
        today: TODAY,
        fileName: '台账.xlsx',
      });
      expect(await c.db.selectFrom('problem').select('status').where('code', '=', code).executeTakeFirstOrThrow()).toEqual({
        status: 'in-progress',
      });
      expect(await c.db.selectFrom('closure_request').select('id').where('decision', 'is', null).execute()).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('refuses a bad workbook row by row and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const ps = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    ps.getRow(17).getCell(11).value = '下月底';
    ps.getRow(5).getCell(4).value = '差不多了';
    ps.getRow(9).getCell(1).value = 'XC2021-01-003';
    const bad = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)));
    const e = await importLedgerWorkbook(b, bad, { scope: FULL_SCOPE, actor: 't', today: TODAY, fileName: '坏台账.xlsx' }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(LedgerWorkbookError);
    expect((e as LedgerWorkbookError).reasons).toEqual([
      expect.stringMatching(/^问题清单第5行：状态“差不多了”不是 /),
      '问题清单第17行：整改时限“下月底”不是日期',
      '问题清单第9行：编号“XC2021-01-003”与第4行重复',
    ]);
    expect(await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)))).toEqual(before);
    const notXlsx = await importLedgerWorkbook(b, new TextEncoder().encode('不是工作簿'), {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: 'x.xlsx',
    }).catch((x: unknown) => x);
    expect((notXlsx as LedgerWorkbookError).reasons).toEqual([
      '文件“x.xlsx”不是可读取的 Excel 工作簿（支持 .xlsx、.xls、.et、.ods），或已损坏',
    ]);
  });

  it('refuses missing columns, merged cells and text where numbers go, naming each', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const ps = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    ps.getRow(1).getCell(13).value = '金额';
    ps.mergeCells('B3:B6');
    ps.getRow(8).getCell(15).value = '过半';
    const before = await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)));
    const e = (await importLedgerWorkbook(b, new Uint8Array(await wb.xlsx.writeBuffer()), {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: '坏台账.xlsx',
    }).catch((x: unknown) => x)) as LedgerWorkbookError;
    expect(e).toBeInstanceOf(LedgerWorkbookError);
    expect(e.reasons).toEqual([
      '工作表“问题清单”第13列应为“应改金额”，实为“金额”',
      '工作表“问题清单”第3—6行“方面”列是合并单元格：请取消合并，逐行填写',
      '问题清单第8行：进度“过半”应为 0 到 100 的整数',
    ]);
    expect(await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)))).toEqual(before);
  });

  it('refuses 10,000 rows for one bad date in the middle, naming that row, and writes none of them', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    // the lists replaced by 10,000 problems and no measures
    wb.removeWorksheet((wb.getWorksheet('问题清单') as ExcelJS.Worksheet).id);
    wb.removeWorksheet((wb.getWorksheet('任务清单') as ExcelJS.Worksheet).id);
    const ps = wb.addWorksheet('问题清单');
    ps.addRow([...PROBLEM_COLUMNS]);
    wb.addWorksheet('任务清单').addRow([...MEASURE_COLUMNS]);
    for (let i = 1; i <= 10_000; i++)
      ps.addRow([
        `DW2025-01-${String(i).padStart(5, '0')}`,
        '方面',
        `问题${i}`,
        '正在整改',
        '否',
        '限期整改',
        '区财政局',
        null,
        null,
        null,
        i === 6_789 ? '2025-13-01' : new Date(Date.UTC(2025, 5, 30)),
        null,
        null,
        null,
        10,
      ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)));
    const e = (await importLedgerWorkbook(b, bytes, {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: '万行.xlsx',
      source: 'DW2025-01',
    }).catch((x: unknown) => x)) as LedgerWorkbookError;
    expect(e.reasons).toEqual(['问题清单第6790行：整改时限“2025-13-01”不是日期']);
    expect(await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)))).toEqual(before);
  }, 60_000);
});

describe.skipIf(!haveSeeds)('a unit’s own ledger workbook, read through a mapping of its columns', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, [seedPath('004')], { actor: '整改办', today: TODAY });
  });
  afterAll(async () => l?.close());

  /** A workbook as a bureau keeps it: a title row, its own headers, dates as text or dates, measures in one cell. */
  async function unitWorkbook(
    rows: (string | Date | null)[][],
    headers = ['序号', '问题类别', '问题描述', '整改措施', '责任部门', '分管领导', '完成时限', '完成情况'],
    merge?: string,
  ) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('整改台账');
    ws.addRow(['区财政局巡察整改台账']);
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    if (merge) ws.mergeCells(merge);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('creates a source from it, problems numbered in order, measures split, statuses understood', async () => {
    const bytes = await unitWorkbook([
      ['1', '资金管理', '专项资金拨付滞后', '1.建立拨付台账；2.每月通报进度', '区财政局', '李四', '2025/6/30', '正在推进'],
      [
        '2',
        '资金管理',
        '往来款长期挂账未清理',
        '一是逐笔清理；二是追回欠款',
        '区财政局',
        '李四',
        new Date(Date.UTC(2025, 3, 30)),
        '已完成',
      ],
      ['3', '制度建设', '内控制度未及时修订', '修订内控制度', '区财政局办公室', null, '2025年9月30日', null],
    ]);
    const r = await importLedgerWorkbook(l, bytes, {
      scope: FULL_SCOPE,
      actor: '整改办',
      today: TODAY,
      fileName: '财政局台账.xlsx',
      source: 'DW2025-01',
      title: '区财政局巡察整改台账',
    });
    expect(r).toMatchObject({ source: 'DW2025-01', created: true, problems: 3, measures: 5 });
    expect(r.mapping).toBe(
      '方面 ← 问题类别；问题 ← 问题描述；整改措施 ← 整改措施；牵头单位 ← 责任部门；责任领导 ← 分管领导；整改时限 ← 完成时限；状态 ← 完成情况',
    );
    const ps = await l.db
      .selectFrom('problem as p')
      .leftJoin('org_unit as u', 'u.id', 'p.lead_unit_id')
      .select(['p.code', 'p.title', 'p.status', 'p.deadline', 'u.name'])
      .where('p.code', 'like', 'DW2025-01-%')
      .orderBy('p.code')
      .execute();
    expect(ps).toEqual([
      { code: 'DW2025-01-001', title: '专项资金拨付滞后', status: 'in-progress', deadline: '2025-06-30', name: '区财政局' },
      { code: 'DW2025-01-002', title: '往来款长期挂账未清理', status: 'completed', deadline: '2025-04-30', name: '区财政局' },
      { code: 'DW2025-01-003', title: '内控制度未及时修订', status: 'not-started', deadline: '2025-09-30', name: '区财政局办公室' },
    ]);
    const ms = await l.db
      .selectFrom('measure as m')
      .innerJoin('problem as p', 'p.id', 'm.problem_id')
      .select(['p.code', 'm.ordinal', 'm.text'])
      .where('p.code', 'like', 'DW2025-01-%')
      .orderBy('p.code')
      .orderBy('m.ordinal')
      .execute();
    expect(ms.map((m) => `${m.code}/${m.ordinal} ${m.text}`)).toEqual([
      'DW2025-01-001/1 建立拨付台账',
      'DW2025-01-001/2 每月通报进度',
      'DW2025-01-002/1 逐笔清理',
      'DW2025-01-002/2 追回欠款',
      'DW2025-01-003/1 修订内控制度',
    ]);
  });

  it('updates the problems of an existing source by their titles, and only the columns it has', async () => {
    const bytes = await unitWorkbook(
      [
        ['资源配置不合理，土地供需失衡', '2025-08-31'],
        ['制定奖补文件不规范', '2025-07-31'],
      ],
      ['问题', '完成时限'],
    );
    const before = await l.db
      .selectFrom('problem')
      .select(['code', 'status', 'long_term'])
      .where('code', 'in', ['XC2021-01-006', 'XC2021-01-025'])
      .orderBy('code')
      .execute();
    const n = await count(l, 'problem');
    const r = await importLedgerWorkbook(l, bytes, {
      scope: FULL_SCOPE,
      actor: '整改办',
      today: TODAY,
      fileName: '时限.xlsx',
      source: 'XC2021-01',
    });
    expect(r).toMatchObject({ source: 'XC2021-01', created: false, problems: 2 });
    const after = await l.db
      .selectFrom('problem')
      .select(['code', 'status', 'long_term', 'deadline'])
      .where('code', 'in', ['XC2021-01-006', 'XC2021-01-025'])
      .orderBy('code')
      .execute();
    expect(after).toEqual(before.map((p, i) => ({ ...p, deadline: ['2025-08-31', '2025-07-31'][i] })));
    expect(await count(l, 'problem')).toBe(n); // updated, none added
  });

  it('names merged cells, a missing 问题 column and a mapping it cannot follow; writes nothing', async () => {
    const n = await count(l, 'problem');
    const merged = await unitWorkbook(
      [
        ['1', '资金管理', '问题甲', '措施', '区财政局', null, '2025-06-30', null],
        ['2', null, '问题乙', '措施', '区财政局', null, '2025-06-30', null],
      ],
      undefined,
      'B3:B4',
    );
    const e1 = (await importLedgerWorkbook(l, merged, {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: 'm.xlsx',
      source: 'DW2025-02',
    }).catch((x: unknown) => x)) as LedgerWorkbookError;
    expect(e1.reasons).toEqual(['工作表“整改台账”第3—4行“问题类别”列是合并单元格：请取消合并，逐行填写']);
    const noTitle = await unitWorkbook([['x', '2025-06-30']], ['事项', '完成时限']);
    const e2 = (await importLedgerWorkbook(l, noTitle, {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: 'n.xlsx',
      source: 'DW2025-02',
    }).catch((x: unknown) => x)) as LedgerWorkbookError;
    expect(e2.reasons).toEqual(['未能确定哪一列是“问题”，请写明列对应，如：问题=问题描述（工作表“整改台账”的列有：事项、完成时限）']);
    const ok = await importLedgerWorkbook(l, noTitle, {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: 'n.xlsx',
      source: 'DW2025-02',
      mapping: '问题=事项',
    });
    expect(ok.problems).toBe(1);
    const e3 = (await importLedgerWorkbook(l, noTitle, {
      scope: FULL_SCOPE,
      actor: 't',
      today: TODAY,
      fileName: 'n.xlsx',
      source: 'DW2025-03',
      mapping: '问题=问题描述,时限=完成时限',
    }).catch((x: unknown) => x)) as LedgerWorkbookError;
    expect(e3.reasons).toEqual([
      '列对应“问题=问题描述”：工作表中没有“问题描述”列（有：事项、完成时限）',
      expect.stringMatching(/^列对应“时限=完成时限”：“时限”不是可对应的列/),
    ]);
    const e4 = (await importLedgerWorkbook(l, noTitle, { scope: FULL_SCOPE, actor: 't', today: TODAY, fileName: 'n.xlsx' }).catch(
      (x: unknown) => x,
    )) as LedgerWorkbookError;
    expect(e4.reasons[0]).toContain('请指定导入到哪个整改来源');
    expect(await count(l, 'problem')).toBe(n + 1);
  });
});
