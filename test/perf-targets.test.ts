// The 绩效目标表 set at budget time, from a table of our own: read as a 自评表 is read (without actual values and
// scores), refused row by row where it cannot be a year's targets with nothing saved, changed with its version (a
// change takes the approval away), approved, and the year's self-evaluation started from it once — the 自评表 filled
// in from the targets, scored as the year's actual values are entered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { ActionRefused, StaleVersionError, TargetImportError } from '../src/core/errors.ts';
import {
  evaluationYears,
  exportEvaluation,
  getEvaluation,
  importEvaluation,
  readEvaluation,
  saveEvaluation,
} from '../src/services/perf-evaluations.ts';
import {
  approveTargets,
  copyTargetsToNextYear,
  deleteTargets,
  evaluationFromTargetTable,
  getTargets,
  importTargets,
  listTargets,
  saveTargets,
} from '../src/services/perf-targets.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '绩效自评表-示例.txt');

const bytesOf = (s: string) => new TextEncoder().encode(s);

/** A unit's targets as a finance office would lay them out; `rows` replace the indicator rows. */
function table(rows?: string[]): string {
  return [
    '2025年度示例县农业农村局部门整体支出绩效目标表',
    '预算单位名称\t示例县农业农村局',
    '年度预算申请（万元）\t年度资金总额：\t500',
    '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t分值',
    ...(rows ?? [
      '\t产出指标\t数量指标\t农民培训人次\t≥1500人次\t20',
      '\t\t质量指标\t培训合格率\t≥95%\t20',
      '\t\t时效指标\t补贴资金发放及时率\t100%\t10',
      '\t效益指标\t社会效益指标\t农户收入\t提高\t20',
      '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t20',
    ]),
    '\t合计\t\t\t\t90',
  ].join('\n');
}

describe('the 绩效目标表 of a year', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
  });
  afterAll(async () => l?.close());

  const refused = async (text: string) => {
    const before = await l.db
      .selectFrom('perf_target')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const e = await importTargets(l, { name: '目标表.txt', bytes: bytesOf(text) }, '财务股').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(TargetImportError);
    const after = await l.db
      .selectFrom('perf_target')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n)); // nothing saved
    return (e as TargetImportError).reasons;
  };

  it('refuses, row by row and with nothing saved, a table with text for a weight or weights that do not come to 100', async () => {
    expect(
      await refused(
        table([
          '\t产出指标\t数量指标\t农民培训人次\t≥1500人次\t二十',
          '\t\t质量指标\t培训合格率\t≥95%\t20',
          '\t效益指标\t社会效益指标\t农户收入\t提高\t20',
        ]),
      ),
    ).toEqual(['第5行：“分值”应为数字，实为“二十”']);
    expect(
      await refused(
        table([
          '\t产出指标\t数量指标\t农民培训人次\t≥1500人次\t30',
          '\t\t质量指标\t培训合格率\t≥95%\t20',
          '\t效益指标\t社会效益指标\t农户收入\t提高\t20',
        ]),
      ),
    ).toEqual(['各项指标分值之和为 70，应为 100（或 90，另 10 分为预算执行率）']);
    expect(
      await refused(
        table(['\t产出指标\t数量指标\t农民培训人次\t\t45', '\t\t质量指标\t培训合格率\t约95\t45', '\t\t质量指标\t培训合格率\t≥95%\t0']),
      ),
    ).toEqual([
      '第5行：指标“农民培训人次”没有填写指标值',
      '第6行：指标值“约95”含数字但读不出是“不低于”还是“不超过”，请写作“≥95%”“不超过5%”等',
      '第7行：指标“培训合格率”与第 2 项重复',
    ]);
    expect(await refused('2025年度示例县农业农村局部门整体支出绩效目标表\n没有表格。')).toEqual([
      '文件“目标表.txt”中没有找到绩效目标表：应有一行表头写明“一级指标、二级指标、三级指标、年度指标值”（可有分值）',
    ]);
  });

  it('keeps a table, takes its approval away when it changes, and starts the year’s evaluation from it once', async () => {
    const { id, targets } = await importTargets(l, { name: '目标表.txt', bytes: bytesOf(table()) }, '财务股');
    expect(targets).toMatchObject({ unit: '示例县农业农村局', year: 2025, budget: { total: '500' } });
    expect(targets.indicators.map((i) => [i.level1, i.level3, i.target, i.weight])).toEqual([
      ['产出指标', '农民培训人次', '≥1500人次', 20],
      ['产出指标', '培训合格率', '≥95%', 20],
      ['产出指标', '补贴资金发放及时率', '100%', 10],
      ['效益指标', '农户收入', '提高', 20],
      ['满意度指标', '农户满意度', '≥90%', 20],
    ]);
    // not approved: no evaluation yet
    await expect(evaluationFromTargetTable(l, id, '财务股', FULL_SCOPE)).rejects.toThrow('绩效目标表尚未审定');
    await approveTargets(l.db, id, 1, '分管领导', FULL_SCOPE, '2025-01-20');
    await expect(approveTargets(l.db, id, 1, '分管领导', FULL_SCOPE, '2025-01-20')).rejects.toBeInstanceOf(ActionRefused);
    // a change after approval must be approved again; a stale change is refused
    const got = await getTargets(l.db, id, FULL_SCOPE);
    expect(got.approved?.by).toBe('分管领导');
    const raised = { ...got.targets, indicators: got.targets.indicators.map((i, k) => (k === 0 ? { ...i, target: '≥1600人次' } : i)) };
    await expect(saveTargets(l.db, id, raised, 1, '财务股', FULL_SCOPE)).resolves.toEqual({ version: 2 });
    await expect(saveTargets(l.db, id, raised, 1, '财务股', FULL_SCOPE)).rejects.toThrow(`绩效目标表 ${id} 已被他人修改，请刷新后重试`);
    await expect(saveTargets(l.db, id, raised, 1, '财务股', FULL_SCOPE)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await getTargets(l.db, id, FULL_SCOPE)).approved).toBeNull();
    await approveTargets(l.db, id, 2, '分管领导', FULL_SCOPE, '2025-01-20');

    // the year's 自评表 starts from the targets: nothing typed again, the budget's 10 beside the indicators' 90
    const evaluationId = await evaluationFromTargetTable(l, id, '财务股', FULL_SCOPE);
    await expect(evaluationFromTargetTable(l, id, '财务股', FULL_SCOPE)).rejects.toThrow(
      `已据此绩效目标表开始年度自评（编号 ${evaluationId}）`,
    );
    // the targets the evaluation was started from stay as they were; next year's are begun from them, once
    const current = (await getTargets(l.db, id, FULL_SCOPE)).version;
    await expect(saveTargets(l.db, id, raised, current, '财务股', FULL_SCOPE)).rejects.toThrow(
      `已据这份绩效目标表开始年度自评（编号 ${evaluationId}）`,
    );
    const next = await copyTargetsToNextYear(l.db, id, '财务股', FULL_SCOPE);
    expect((await getTargets(l.db, next, FULL_SCOPE)).targets).toMatchObject({ year: 2026, budget: { total: null } });
    await expect(copyTargetsToNextYear(l.db, id, '财务股', FULL_SCOPE)).rejects.toThrow(`2026年度的绩效目标表已经建立（编号 ${next}）`);
    const started = await getEvaluation(l.db, evaluationId, {}, FULL_SCOPE);
    expect(started.evaluation.indicators.map((i) => [i.level3, i.target, i.weight, i.actual])).toEqual([
      ['农民培训人次', '≥1600人次', 20, ''],
      ['培训合格率', '≥95%', 20, ''],
      ['补贴资金发放及时率', '100%', 10, ''],
      ['农户收入', '提高', 20, ''],
      ['农户满意度', '≥90%', 20, ''],
    ]);
    expect(started.evaluation.budget).toMatchObject({ initial: '500', weight: 10 });
    // handed out as Excel to be filled in, it reads back as it went: the executed amount blank, not the weight
    const blank = await exportEvaluation(l.db, evaluationId, 'xlsx', '2025-01-20', FULL_SCOPE);
    const back = await readEvaluation(blank.fileName, blank.bytes);
    expect(back.evaluation.budget).toMatchObject({ initial: '500', executed: null, weight: 10 });
    expect(started.scored.weightTotal).toBe(100);
    // the year's actual values entered: scored by the same rules
    const done = {
      ...started.evaluation,
      budget: { ...(started.evaluation.budget as NonNullable<typeof started.evaluation.budget>), executed: '480' },
      indicators: started.evaluation.indicators.map((i) => ({
        ...i,
        actual:
          { 农民培训人次: '1440人次', 培训合格率: '96%', 补贴资金发放及时率: '100%', 农户收入: '提高', 农户满意度: '92%' }[i.level3] ?? '',
      })),
    };
    const saved = await saveEvaluation(l.db, evaluationId, done, started.version, '财务股', FULL_SCOPE);
    // 1440 of 1600: 18 of 20; the budget's 96% execution: 9.6 of 10
    expect(saved.scored.indicators.map((i) => i.score)).toEqual([18, 20, 10, 20, 20]);
    expect(saved.scored.budget?.rate).toBeCloseTo(96, 6);
    expect((await listTargets(l.db, FULL_SCOPE)).find((t) => t.id === id)).toMatchObject({ approved: true, evaluation: evaluationId });
  });

  it('takes away a table kept by mistake while it is unapproved, never an approved one', async () => {
    const { id } = await importTargets(l, { name: '误传.txt', bytes: bytesOf(table()) }, '财务股');
    await deleteTargets(l.db, id, '财务股', FULL_SCOPE);
    expect((await listTargets(l.db, FULL_SCOPE)).some((t) => t.id === id)).toBe(false);
    const kept = (await importTargets(l, { name: '目标表.txt', bytes: bytesOf(table()) }, '财务股')).id;
    await approveTargets(l.db, kept, 1, '分管领导', FULL_SCOPE, '2025-01-20');
    await expect(deleteTargets(l.db, kept, '财务股', FULL_SCOPE)).rejects.toThrow('已审定的绩效目标表不能删除');
  });

  it('shows last year’s findings where next year’s targets are set, and the indicators year on year', async () => {
    // last year's evaluation of the same unit: the repository's own sample, 农民培训人次 8 of 10 with its reason
    const last = await importEvaluation(l, { name: '2024自评表.txt', bytes: readFileSync(SAMPLE) }, '财务股');
    const { id } = await importTargets(l, { name: '目标表.txt', bytes: bytesOf(table()) }, '财务股');
    const previous = (await getTargets(l.db, id, FULL_SCOPE)).previous;
    expect(previous?.year).toBe(2024);
    expect(previous?.shortfalls.map((f) => [f.level3, f.actual, f.score, f.weight])).toEqual([
      ['补贴资金发放及时率', '92%', 9, 10],
      ['农民培训人次', '1320人次', 8, 10],
    ]);
    expect(previous?.shortfalls[1]?.deviation).toContain('受汛期影响');
    await approveTargets(l.db, id, 1, '分管领导', FULL_SCOPE, '2025-01-20');
    const evaluationId = await evaluationFromTargetTable(l, id, '财务股', FULL_SCOPE);
    const years = await evaluationYears(l.db, evaluationId, FULL_SCOPE);
    expect(years.years).toEqual([2024, 2025]);
    expect(years.totals[0]).toMatchObject({ year: 2024, total: 96 });
    // the same indicator under 效益 last year and under 产出 this year is one row
    expect(years.rows.find((r) => r.level3 === '农民培训人次')?.byYear).toEqual([
      { target: '1500人次', actual: '1320人次', weight: 10, score: 8 },
      { target: '≥1500人次', actual: '', weight: 20, score: null }, // not yet reached: no score, not zero
    ]);
    expect(years.rows.find((r) => r.level3 === '培训合格率')?.byYear[0]).toBeNull();
    expect(last.id).not.toBe(evaluationId);
  });
});
