// Budget performance self-evaluation end to end: seed 003 read, scored and checked; its 自评表 out to .xlsx and back
// unchanged; the same table from a .docx; bad tables refused cell by cell with nothing saved; edits versioned; the
// problems onto the ledger once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { Evaluation } from '../src/core/perf/evaluation.ts';
import {
  evaluationReport,
  evaluationToLedger,
  exportEvaluation,
  getEvaluation,
  importEvaluation,
  readEvaluation,
  saveEvaluation,
} from '../src/services/perf-evaluations.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { ledgerSnapshot } from '../src/services/official-documents.ts';
import { figuresPassage } from '../src/core/official/figures-sentence.ts';
import { readDocumentBytes } from '../src/io/read-document.ts';
import { readReports } from '../src/core/read-reports.ts';
import { haveSeeds, seedPath, seedText } from './support/seeds.ts';
import { PerfImportError, StaleVersionError } from '../src/core/errors.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);

const ROOT = resolve(import.meta.dirname, '..');
const TODAY = '2024-06-01';
const bytesOf = (s: string) => new TextEncoder().encode(s);
/** what an evaluation says, without where each item stood in the file it was read from */
const content = (e: Evaluation): unknown => JSON.parse(JSON.stringify(e, (k, v) => (k === 'line' ? undefined : v)));

describe.skipIf(!haveSeeds)('budget performance self-evaluation', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
  });
  afterAll(async () => l?.close());

  it('scores seed 003 from the command line: 17 indicators as the document has them, its 98 reproduced, its faults with lines', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), 'perf', 'score', seedPath('003'), '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['budget', 'indicators', 'total', 'grade', 'findings']));
    expect(s.indicators).toHaveLength(17);
    for (const i of s.indicators)
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['level1', 'level2', 'level3', 'target', 'actual', 'weight', 'score', 'rule']));
    expect(s.indicators.map((i: { weight: number }) => i.weight)).toEqual([5, 5, 5, 5, 5, 5, 5, 2, 5, 10, 10, 5, 5, 10, 3, 2, 3]);
    // the engine's scores are the document's, every one, by named rules at the unit's rounding (truncation)
    expect(s.indicators.map((i: { score: number }) => i.score)).toEqual([5, 5, 5, 5, 5, 4, 5, 2, 5, 10, 10, 5, 5, 9, 3, 2, 3]);
    expect(s.indicators.map((i: { stated: number }) => i.stated)).toEqual(s.indicators.map((i: { score: number }) => i.score));
    expect(s.indicators[5]).toMatchObject({ level3: '履职工作任务完成准时率', target: '100%', actual: '99%', rule: 'proportional' });
    expect(s.indicators[6]).toMatchObject({ target: '每天', rule: 'qualitative-met' });
    expect(s).toMatchObject({ total: 98, grade: '优', rounding: 'floor0', budget: { weight: 10, score: 10, stated: 10 } });
    expect(s.findings.map((f: { rule: string; lines: number[] }) => [f.rule, f.lines])).toEqual([
      ['shortfall-without-reason', [58]],
      ['shortfall-without-reason', [66]],
      ['execution-rate', [43]],
      ['control-rate', [6]],
    ]);
  });

  it('exports the 自评表 as .xlsx and reads it back unchanged; the .docx reads back as the same table', async () => {
    const imported = await importEvaluation(l, { name: '自评.txt', bytes: bytesOf(seedText('003')) }, '财务股');
    expect(imported.evaluation.indicators).toHaveLength(17);
    expect(imported.evaluation.problems).toHaveLength(3);
    expect(imported.evaluation.measures).toHaveLength(3);
    // the basic data: a blank is not a zero
    const costs = imported.evaluation.basics[0];
    expect(costs?.columns).toEqual(['2022年决算数', '2023年预算数', '2023年决算数']);
    expect(costs?.rows.find((r) => r.label === '3、公务接待')?.values).toEqual(['1.5', null, null]);
    expect(costs?.rows.find((r) => r.label === '三公经费')?.values).toEqual(['7.4', '0', '0']);
    const xlsx = await exportEvaluation(l.db, imported.id, 'xlsx', TODAY, FULL_SCOPE);
    const back = await readEvaluation(xlsx.fileName, xlsx.bytes);
    // the workbook is the 自评表: the report's own words stay with the evaluation, not in its tables
    expect(content(back.evaluation)).toEqual(content({ ...imported.evaluation, narrative: undefined }));
    expect(back.scored.total).toBe(98);
    const docx = await exportEvaluation(l.db, imported.id, 'docx', TODAY, FULL_SCOPE);
    expect(docx.fileName).toBe('岳阳市城市管理综合行政执法支队直属三大队-2023年度绩效自评表.docx');
    // and the .docx reads back as the same table: indicators, total, budget, income and spending, staffing, no error
    const fromDocx = await readEvaluation(docx.fileName, docx.bytes);
    expect(fromDocx.evaluation.indicators.map((i) => [i.level3, i.weight, i.score])).toEqual(
      imported.evaluation.indicators.map((i) => [i.level3, i.weight, i.score]),
    );
    expect(fromDocx.scored.total).toBe(98);
    expect(fromDocx.evaluation.budget).toMatchObject({ initial: '865.82', executed: '899.13', weight: 10, score: 10 });
    expect(fromDocx.evaluation.funding.map((f) => [f.source, f.amount])).toEqual(
      imported.evaluation.funding.map((f) => [f.source, f.amount]),
    );
    expect(fromDocx.evaluation.spending.map((f) => [f.type, f.amount])).toEqual(
      imported.evaluation.spending.map((f) => [f.type, f.amount]),
    );
    // the control rate as the counts give it (the form said 85.19% of 23 of 23)
    expect(fromDocx.evaluation.staffing).toMatchObject({ authorized: 23, actual: 23, controlRate: 100 });
    expect(fromDocx.scored.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('writes the 自评报告 from the data: its figures from the tables, the rectification from the ledger, the unit’s words kept; read back with no error', async () => {
    const imported = await importEvaluation(l, { name: '自评报告.txt', bytes: bytesOf(seedText('003')) }, '财务股');
    // the pack's report gave the unit's words, section by section
    const words = imported.evaluation.narrative ?? {};
    expect(words.basics).toContain('职能职责');
    expect(words.performance).toContain('以思想建设为统领');
    expect(words.application).toContain('政府门户网站公开绩效自评');
    expect(words.other).toContain('固定资产原值合计 58.14 万元');
    // an inspection's rectification on the ledger, named by its code
    const [source] = await importDocuments(l, [seedPath('000')], { actor: '整改办', today: TODAY });
    const code = source?.sources[0]?.code as string;
    const r = await evaluationReport(l.db, imported.id, { source: code, asOf: TODAY, today: TODAY }, FULL_SCOPE);
    expect(r.fileName).toBe('岳阳市城市管理综合行政执法支队直属三大队-2023年度整体支出绩效自评报告.docx');
    expect(r.unwritten).toEqual([]);
    const text = (await readDocumentBytes(r.fileName, r.bytes)).text;
    // every figure from the tables and the scoring
    expect(text).toContain('纳入本单位整体支出绩效自评范围的一般公共预算支出889.95万元。另有其他资金9.18万元。');
    expect(text).toContain('基本支出899.13万元');
    expect(text).toContain('本单位无政府性基金预算支出');
    expect(text).toContain('年初预算数865.82万元，全年执行数899.13万元，预算执行率103.85%');
    expect(text).toContain('共设三级绩效指标17项，完全达成15项，未完全达成2项。');
    expect(text).toContain('“社会公众满意度”：年度指标值96%，实际完成值95%，得9分（分值10分）');
    expect(text).toContain('自评得分98分，等级为“优”');
    // the rectification as the ledger has it on the day, in the words the 通报 uses
    const snapshot = await ledgerSnapshot(l.db, code, TODAY, TODAY, FULL_SCOPE);
    expect(text).toContain(figuresPassage(snapshot));
    // and not the figures the unit once typed into its own account of the rectification
    expect(words.rectification).toContain('已完成整改29个');
    expect(text).not.toContain('已完成整改29个');
    // the problems and next steps as the evaluation lists them, the unit's words in their places
    expect(text).toContain('1. 部门预算编制不够精准');
    expect(text).toContain('以思想建设为统领');
    // read back: the same 17 indicators, the total 98 and the budget; and checked: no error
    const back = await readEvaluation(r.fileName, r.bytes);
    expect(back.evaluation.indicators).toHaveLength(17);
    expect(back.scored.total).toBe(98);
    expect(back.evaluation.budget).toMatchObject({ initial: '865.82', executed: '899.13', weight: 10, score: 10 });
    const reports = readReports(text);
    expect(reports.flatMap((x) => x.findings).filter((f) => f.severity === 'error')).toEqual([]);

    // the unit rewrites a section; the next report carries it, and a section left empty is said to be unwritten
    const got = await getEvaluation(l.db, imported.id, {}, FULL_SCOPE);
    await saveEvaluation(
      l.db,
      imported.id,
      { ...got.evaluation, narrative: { ...got.evaluation.narrative, other: '本年度无其他需要说明的事项。', application: '' } },
      got.version,
      '财务股',
      FULL_SCOPE,
    );
    const again = await evaluationReport(l.db, imported.id, { asOf: TODAY, today: TODAY }, FULL_SCOPE);
    const againText = (await readDocumentBytes(again.fileName, again.bytes)).text;
    expect(againText).toContain('本年度无其他需要说明的事项。');
    expect(again.unwritten).toEqual(['自评结果拟应用和公开情况']);
    expect(againText).toContain('（此部分由单位填写：自评结果拟应用和公开情况。）');
    // no source named: the unit's own account of its rectification instead
    expect(againText).not.toContain('审计整改情况');
    expect(againText).toContain('已完成整改29个');
  });

  it.skipIf(!SOFFICE)(
    'reads the 自评表 kept as an old Excel .xls, through LibreOffice, with the same 17 indicators and total',
    async () => {
      const imported = await importEvaluation(l, { name: '自评-xls.txt', bytes: bytesOf(seedText('003')) }, '财务股');
      const xlsx = await exportEvaluation(l.db, imported.id, 'xlsx', TODAY, FULL_SCOPE);
      const dir = mkdtempSync(join(tmpdir(), 'zg-perf-xls-'));
      writeFileSync(join(dir, '自评表.xlsx'), xlsx.bytes);
      execFileSync(
        SOFFICE as string,
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xls', '--outdir', dir, join(dir, '自评表.xlsx')],
        {
          stdio: 'ignore',
          timeout: 120_000,
        },
      );
      const back = await readEvaluation('自评表.xls', new Uint8Array(readFileSync(join(dir, '自评表.xls'))));
      expect(back.format).toBe('xls');
      expect(back.evaluation.indicators).toHaveLength(17);
      expect(back.scored.total).toBe(98);
    },
    120_000,
  );

  it('reads the same table from a Word document', async () => {
    const lines = seedText('003').split('\n');
    const children: (Paragraph | Table)[] = [];
    for (let i = 0; i < lines.length; ) {
      if (!lines[i]?.includes('\t')) {
        children.push(new Paragraph(lines[i++] ?? ''));
        continue;
      }
      const rows: string[][] = [];
      while (i < lines.length && lines[i]?.includes('\t')) rows.push((lines[i++] as string).split('\t'));
      const width = Math.max(...rows.map((r) => r.length));
      children.push(
        new Table({
          rows: rows.map(
            (r) =>
              new TableRow({ children: Array.from({ length: width }, (_, k) => new TableCell({ children: [new Paragraph(r[k] ?? '')] })) }),
          ),
        }),
      );
    }
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
    const fromWord = await readEvaluation('自评表.docx', docx);
    const fromText = await readEvaluation('自评表.txt', bytesOf(seedText('003')));
    expect(content(fromWord.evaluation)).toEqual(content(fromText.evaluation));
    expect(fromWord.scored.total).toBe(98);
  });

  it('refuses shifted columns, merged figures and text in number cells, cell by cell, and saves nothing', async () => {
    const first = await importEvaluation(l, { name: '自评.txt', bytes: bytesOf(seedText('003')) }, '财务股');
    const xlsx = await exportEvaluation(l.db, first.id, 'xlsx', TODAY, FULL_SCOPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('自评表') as ExcelJS.Worksheet;
    const rowOf = (level3: string) => {
      let n = 0;
      ws.eachRow((r, i) => (r.getCell(4).value === level3 ? (n = i) : undefined));
      return n;
    };
    ws.getRow(rowOf('宣教协调会议')).getCell(7).value = '五';
    // a row moved one column to the left: 三级指标 holds the target
    const shifted = ws.getRow(rowOf('城市整洁率'));
    shifted.values = ['', '效益指标', '98%', '98%', 5, 5, null];
    const merged = rowOf('日常管理及时到位率');
    ws.mergeCells(merged, 8, merged + 1, 8);
    const bad = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await l.db
      .selectFrom('perf_evaluation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const e = (await importEvaluation(l, { name: '坏自评表.xlsx', bytes: bad }, '财务股').catch((x: unknown) => x)) as PerfImportError;
    expect(e).toBeInstanceOf(PerfImportError);
    expect(e.reasons).toEqual([
      `工作表“自评表”第${merged}—${merged + 1}行“得分”列是合并单元格：每项指标的得分应分别填写`,
      `工作表“自评表”第${rowOf('宣教协调会议')}行：“分值”应为数字，实为“五”`,
      `工作表“自评表”第${shifted.number}行：“分值”为空`,
      `工作表“自评表”第${shifted.number}行：“三级指标”是一个数字，各列可能错位，实为“98%”`,
    ]);
    const after = await l.db
      .selectFrom('perf_evaluation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const notOne = (await readEvaluation('通报.txt', bytesOf('关于巡察整改情况的通报\n一、总体情况\n')).catch(
      (x: unknown) => x,
    )) as PerfImportError;
    expect(notOne.reasons[0]).toContain('没有找到绩效自评表');
  });

  it('keeps edits versioned, rescoring them; refuses a stale one', async () => {
    const { id } = await importEvaluation(l, { name: '自评.txt', bytes: bytesOf(seedText('003')) }, '财务股');
    const got = await getEvaluation(l.db, id, {}, FULL_SCOPE);
    const edited: Evaluation = {
      ...got.evaluation,
      indicators: got.evaluation.indicators.map((i) => (i.level3 === '社会公众满意度' ? { ...i, actual: '96%', score: null } : i)),
    };
    const saved = await saveEvaluation(l.db, id, edited, got.version, '财务股', FULL_SCOPE);
    expect(saved.scored.total).toBe(99);
    await expect(saveEvaluation(l.db, id, edited, got.version, '另一人', FULL_SCOPE)).rejects.toBeInstanceOf(StaleVersionError);
  });

  it('turns its problems and short indicators into ledger problems, once', async () => {
    const { id } = await importEvaluation(l, { name: '自评.txt', bytes: bytesOf(seedText('003')) }, '财务股');
    const r = await evaluationToLedger(l, id, '财务股', TODAY, FULL_SCOPE);
    expect(r).toMatchObject({ problems: 5, measures: 3 });
    expect(r.source).toMatch(/^ZP2023-\d{2}$/);
    const titles = await l.db
      .selectFrom('problem')
      .innerJoin('source', 'source.id', 'problem.source_id')
      .select('problem.title')
      .where('source.code', '=', r.source)
      .orderBy('problem.ordinal')
      .execute();
    expect(titles.map((t) => t.title).slice(3)).toEqual(['绩效指标“履职工作任务完成准时率”未达成', '绩效指标“社会公众满意度”未达成']);
    // all still to be rectified by a deadline, each status resting on the evaluation, its measures not begun either
    const rows = await l.db
      .selectFrom('problem')
      .innerJoin('source', 'source.id', 'problem.source_id')
      .innerJoin('status_change', 'status_change.problem_id', 'problem.id')
      .select(['problem.status', 'problem.triage', 'status_change.reason', 'status_change.actor'])
      .where('source.code', '=', r.source)
      .execute();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((x) => `${x.status} ${x.triage} ${x.reason} ${x.actor}`))).toEqual(
      new Set([`not-started deadline 由绩效自评（编号 ${id}）转入 财务股`]),
    );
    const steps = await l.db
      .selectFrom('measure')
      .innerJoin('problem', 'problem.id', 'measure.problem_id')
      .innerJoin('source', 'source.id', 'problem.source_id')
      .select('measure.status')
      .where('source.code', '=', r.source)
      .execute();
    expect(steps.map((m) => m.status)).toEqual(['not-started', 'not-started', 'not-started']);
    await expect(evaluationToLedger(l, id, '财务股', TODAY, FULL_SCOPE)).rejects.toThrow('已转入整改台账');
  });
});
