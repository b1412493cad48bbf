// `zg perf import|score|list|export|report|to-ledger`: budget performance self-evaluation from the command line.
import type { Command } from 'commander';
import { RULE_LABEL, roundingLabel, ROUNDINGS, type Rounding } from '../core/perf/scoring.ts';
import { WEIGHT_SCHEMES, type ScoredEvaluation } from '../core/perf/score-evaluation.ts';
import { today } from '../services/today.ts';
import { print, services, withLedger } from './ledger-commands.ts';
import { checkOutput, writeOutput } from './output.ts';
import { id, isoDay, readInputFile } from './arguments.ts';
import { registerPerfTargetCommands } from './perf-target-commands.ts';
import { PerfImportError } from '../core/errors.ts';
import { placedFindings } from '../core/check/finding.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { SEVERITY_MARK } from '../core/vocabulary.ts';

const json = (v: unknown) => print(JSON.stringify(v, null, 2));
const roundingName = (r: Rounding) => `${r.mode}${r.decimals}`;

/** The shape `zg perf score --json` promises: { budget, indicators: [...], total, grade, findings }. */
function scoreJson(s: ScoredEvaluation, origin: (line: number) => string) {
  return {
    budget: s.budget,
    indicators: s.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      target: i.target,
      parsed: { direction: i.parsed.direction, value: i.parsed.value, unit: i.parsed.unit },
      actual: i.actual,
      weight: i.weight,
      score: i.score,
      stated: i.stated,
      rule: i.rule,
    })),
    total: s.total,
    grade: s.grade,
    rounding: roundingName(s.rounding),
    scheme: s.scheme,
    findings: placedFindings(s.findings, origin),
  };
}

function printScore(s: ScoredEvaluation, origin: (line: number) => string, unit: string, year: number | null): void {
  print(
    `${unit} ${year ?? ''}年度绩效自评：按计分规则 ${s.total} 分（分值合计 ${s.weightTotal}），等级“${s.grade}”；取舍：${roundingLabel(s.rounding)}`,
  );
  if (s.budget)
    print(
      `  预算执行：执行率 ${s.budget.rate === null ? '—' : `${s.budget.rate.toFixed(2)}%`}，得分 ${s.budget.score ?? '—'}（分值 ${s.budget.weight ?? '—'}）`,
    );
  for (const i of s.indicators) {
    const differs = i.stated !== null && i.score !== null && i.stated !== i.score ? `（表中 ${i.stated}）` : '';
    print(
      `  ${i.level1}/${i.level2}/${i.level3}：${i.target} → ${i.actual}，${i.score ?? '—'}/${i.weight ?? '—'}${differs}  ${RULE_LABEL[i.rule]}`,
    );
  }
  for (const f of placedFindings(s.findings, origin))
    print(`  ${SEVERITY_MARK[f.severity]} [${f.rule}] ${f.message}${f.where.length ? `（${f.where.join('、')}）` : ''}`);
}

export function registerPerfCommands(program: Command): void {
  const perf = program.command('perf').description('预算绩效自评：读取、计分、保存、导出，问题转入整改台账');
  const file = async (path: string) => ({ name: path.split(/[\\/]/).pop() as string, bytes: await readInputFile(path) });
  registerPerfTargetCommands(perf);

  perf
    .command('score')
    .description('读取一份绩效自评（.xlsx、.xls、.docx、.pdf、.txt 等，见 zg formats）并按计分规则计分，不保存')
    .argument('<file>')
    .option('--rounding <mode>', `得分取舍：${ROUNDINGS.map(roundingName).join('、')}；默认按表中得分推断`)
    .option('--scheme <id>', `权重方案：${WEIGHT_SCHEMES.map((s) => `${s.id}（${s.name}）`).join('、')}`, 'mof-2020')
    .option('--bands <excellent,good,pass>', '等级分数线：优、良、中的最低分', '90,80,60')
    .option('--json', '输出 JSON')
    .action(async (path: string, opts: { rounding?: string; scheme: string; bands: string; json?: boolean }) => {
      const [excellent, good, pass] = opts.bands.split(/[,，]/).map(Number);
      if (
        ![excellent, good, pass].every((x) => Number.isFinite(x)) ||
        !((excellent as number) >= (good as number) && (good as number) >= (pass as number))
      )
        throw new PerfImportError([`等级分数线“${opts.bands}”应为从高到低的三个数，如 90,80,60`]);
      const bands = { excellent: excellent as number, good: good as number, pass: pass as number };
      const rounding = opts.rounding ? ROUNDINGS.find((r) => roundingName(r) === opts.rounding) : undefined;
      if (opts.rounding && !rounding)
        throw new PerfImportError([`不认识的取舍方式“${opts.rounding}”，可选：${ROUNDINGS.map(roundingName).join('、')}`]);
      if (!WEIGHT_SCHEMES.some((s) => s.id === opts.scheme))
        throw new PerfImportError([`不认识的权重方案“${opts.scheme}”，可选：${WEIGHT_SCHEMES.map((s) => s.id).join('、')}`]);
      const f = await file(path);
      const r = await (await services()).readEvaluation(f.name, f.bytes, { rounding, scheme: opts.scheme, bands });
      if (opts.json) json(scoreJson(r.scored, r.origin));
      else printScore(r.scored, r.origin, r.evaluation.unit, r.evaluation.year);
    });

  perf
    .command('import')
    .description('读取一份绩效自评并保存（有任何单元格无法读取则不保存）')
    .argument('<file>')
    .option('--json', '输出读取的自评与计分（JSON）')
    .action((path: string, opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const r = await svc.importEvaluation(l, await file(path), process.env.USER ?? 'cli');
        if (opts.json) json({ id: r.id, evaluation: r.evaluation, score: scoreJson(r.scored, r.origin) });
        else {
          print(`已保存绩效自评 ${r.id}：${r.evaluation.unit} ${r.evaluation.year ?? ''}年度，指标 ${r.evaluation.indicators.length} 项`);
          printScore(r.scored, r.origin, r.evaluation.unit, r.evaluation.year);
        }
      }),
    );

  perf
    .command('list')
    .description('已保存的绩效自评')
    .option('--json', '输出 JSON')
    .action((opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const items = await svc.listEvaluations(l.db, FULL_SCOPE);
        if (opts.json) return json(items);
        if (items.length === 0) print('还没有保存的绩效自评');
        for (const e of items)
          print(`${e.id}  ${e.unit}  ${e.year ?? ''}年度  ${e.total} 分（${e.grade}）${e.source ? `  已转入台账 ${e.source}` : ''}`);
      }),
    );

  perf
    .command('export')
    .description('导出自评表：.xlsx 或 .docx（按输出文件的扩展名）')
    .argument('<id>', '绩效自评编号', id('绩效自评编号'))
    .requiredOption('-o, --output <file>', '输出文件（.xlsx 或 .docx）')
    .action((id: string, opts: { output: string }) =>
      withLedger(async (l, svc) => {
        checkOutput(opts.output, ['.xlsx', '.docx']);
        const format = /\.docx$/i.test(opts.output) ? 'docx' : 'xlsx';
        const f = await svc.exportEvaluation(l.db, Number(id), format, today(), FULL_SCOPE);
        await writeOutput(opts.output, f.bytes);
        print(`已导出：${opts.output}`);
      }),
    );

  perf
    .command('report')
    .description('生成单位整体支出绩效自评报告（.docx）：数字取自自评表和计分，整改情况取自台账中指定来源，文字部分取自单位填写的内容')
    .argument('<id>', '绩效自评编号', id('绩效自评编号'))
    .requiredOption('-o, --output <file>', '输出文件（.docx）')
    .option('--source <code>', '整改情况取自台账中的哪个来源（如 XC2024-01）；不写则报告中不含整改情况')
    .option('--day <date>', '整改情况截至哪天，默认今天', isoDay('截至日期'))
    .action((id: string, opts: { output: string; source?: string; day?: string }) =>
      withLedger(async (l, svc) => {
        checkOutput(opts.output, ['.docx']);
        const r = await svc.evaluationReport(
          l.db,
          Number(id),
          { source: opts.source, asOf: opts.day ?? today(), today: today() },
          FULL_SCOPE,
        );
        await writeOutput(opts.output, r.bytes);
        print(`已生成：${opts.output}`);
        if (r.unwritten.length) print(`尚未填写：${r.unwritten.join('、')}（报告中已留出位置）`);
      }),
    );

  perf
    .command('to-ledger')
    .description('把绩效自评中存在的问题和未达成的指标转为整改台账中的问题（来源类型：绩效自评）')
    .argument('<id>', '绩效自评编号', id('绩效自评编号'))
    .action((id: string) =>
      withLedger(async (l, svc) => {
        const r = await svc.evaluationToLedger(l, Number(id), process.env.USER ?? 'cli', today(), FULL_SCOPE);
        print(`已转入整改台账 ${r.source}：问题 ${r.problems} 个，措施 ${r.measures} 项`);
      }),
    );
}
