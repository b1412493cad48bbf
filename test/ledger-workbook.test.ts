// The four lists as a workbook: out of one ledger, into an empty one, out again — the same data; bad workbooks refused
// row by row with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { importDocuments } from '../src/services/import-documents.ts';
import { exportLedger, importLedgerWorkbook, LedgerWorkbookError } from '../src/services/ledger-workbook.ts';
import { assignProblem, recordSupervision } from '../src/services/problem-actions.ts';
import { createUnit, createPerson } from '../src/services/organisation.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';

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
  return Number((await l.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe.skipIf(!haveSeeds)('the ledger as a workbook', () => {
  let a: Ledger;
  let b: Ledger;
  let first: Uint8Array;
  beforeAll(async () => {
    a = await testLedger();
    await importDocuments(a, [seedPath('004')], { actor: '整改办', today: TODAY });
    await createUnit(a.db, 't', { name: '区财政局' });
    await createUnit(a.db, 't', { name: '区建设局' });
    await createPerson(a.db, 't', { name: '李四', unit: '区财政局' });
    await assignProblem(a.db, 'XC2021-01-005', { actor: 't', at: TODAY }, { leadUnit: '区财政局', cooperatingUnits: ['区建设局'], responsiblePerson: '李四', deadline: '2025-06-30', triage: 'long-term', amountDue: { amount: '1234.5', unit: '万元' } });
    await recordSupervision(a.db, 'XC2021-01-005', { actor: 't', at: TODAY }, { kind: 'notice' });
    first = await exportLedger(a.db, 'XC2021-01', TODAY);
    b = await testLedger();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('writes the four lists with frozen headers, filters, dates as dates and money as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['来源', '问题清单', '任务清单', '责任清单', '督办清单']);
    const ps = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    expect(ps.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ps.autoFilter).toBeTruthy();
    const row = ps.getRow(6); // XC2021-01-005
    expect(row.getCell(1).value).toBe('XC2021-01-005');
    expect(row.getCell(11).value).toBeInstanceOf(Date);
    expect(row.getCell(13).value).toBe(1234.5);
    expect(row.getCell(4).dataValidation).toMatchObject({ type: 'list' });
    const ds = await sheets(first);
    expect(ds['督办清单']?.slice(1).map((r) => r[0])).toEqual(['XC2021-01-005']);
    expect(ds['问题清单']).toHaveLength(1 + 37); // 32 problems and 5 specific problems
  });

  it('round trip: into an empty database and out again, the same data', async () => {
    const r = await importLedgerWorkbook(b, first, { actor: '整改办', today: TODAY, fileName: '台账.xlsx' });
    expect(r).toEqual({ source: 'XC2021-01', created: true, problems: 37, measures: await count(a, 'measure') });
    const second = await exportLedger(b.db, 'XC2021-01', TODAY);
    expect(await sheets(second)).toEqual(await sheets(first));
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
    const e = await importLedgerWorkbook(b, bad, { actor: 't', today: TODAY, fileName: '坏台账.xlsx' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerWorkbookError);
    expect((e as LedgerWorkbookError).reasons).toEqual([
      expect.stringMatching(/^问题清单第5行：状态“差不多了”不是 /),
      '问题清单第17行：整改时限“下月底”不是日期',
      '问题清单第9行：编号“XC2021-01-003”与第4行重复',
    ]);
    expect(await Promise.all((['source', 'problem', 'measure', 'org_unit'] as const).map((t) => count(b, t)))).toEqual(before);
    const notXlsx = await importLedgerWorkbook(b, new TextEncoder().encode('不是工作簿'), { actor: 't', today: TODAY, fileName: 'x.xlsx' }).catch((x: unknown) => x);
    expect((notXlsx as LedgerWorkbookError).reasons).toEqual(['文件不是可读取的 Excel（.xlsx）工作簿']);
  });
});
