// `zg perf targets import|list|approve|monitoring|start`: the 绩效目标表 set at budget time, and its year's monitoring,
// from the command line.
import type { Command } from 'commander';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { id, isoMonth, readInputFile } from './arguments.ts';
import { print, withLedger } from './ledger-commands.ts';
import { today } from '../services/today.ts';
import { checkOutput, writeOutput } from './output.ts';

export function registerPerfTargetCommands(perf: Command): void {
  const targets = perf.command('targets').description('绩效目标表：预算编制时设定的年度绩效目标，审定后据此开始年度自评');
  const actor = () => process.env.USER ?? 'cli';

  targets
    .command('import')
    .description('读取一份绩效目标表并保存（表头应有一级指标、二级指标、三级指标、年度指标值，可有分值；有任何一行无法读取则不保存）')
    .argument('<file>')
    .action((path: string) =>
      withLedger(async (l, svc) => {
        const r = await svc.importTargets(l, { name: path.split(/[\\/]/).pop() as string, bytes: await readInputFile(path) }, actor());
        print(
          `已保存绩效目标表 ${r.id}：${r.targets.unit} ${r.targets.year ?? ''}年度，指标 ${r.targets.indicators.length} 项（尚未审定）`,
        );
      }),
    );

  targets
    .command('list')
    .description('已保存的绩效目标表')
    .action(() =>
      withLedger(async (l, svc) => {
        const items = await svc.listTargets(l.db, FULL_SCOPE);
        if (items.length === 0) print('尚无绩效目标表');
        for (const t of items)
          print(
            `${t.id}  ${t.unit}  ${t.year ?? ''}年度  指标 ${t.indicators} 项  ${t.approved ? '已审定' : '未审定'}${t.evaluation ? `  已开始自评 ${t.evaluation}` : ''}`,
          );
      }),
    );

  targets
    .command('approve')
    .description('审定绩效目标表（审定后修改须重新审定）')
    .argument('<id>', '绩效目标表编号', id('绩效目标表编号'))
    .action((tid: string) =>
      withLedger(async (l, svc) => {
        const t = await svc.getTargets(l.db, Number(tid), FULL_SCOPE);
        await svc.approveTargets(l.db, t.id, t.version, actor(), FULL_SCOPE, today());
        print(`已审定绩效目标表 ${t.id}：${t.targets.unit} ${t.targets.year ?? ''}年度`);
      }),
    );

  targets
    .command('monitoring')
    .description('绩效运行监控：各监控时点的报送情况；可导出监控表（.xlsx）或某一时点的监控情况报告（.docx）')
    .argument('<id>', '绩效目标表编号', id('绩效目标表编号'))
    .option('--period <month>', '监控时点所在月份，如 2025-06；与 -o 同用时导出该时点的监控情况报告', isoMonth('监控时点'))
    .option('-o, --output <file>', '输出文件：.xlsx 为监控表，.docx 为监控情况报告（须写 --period）')
    .action((tid: string, opts: { period?: string; output?: string }) =>
      withLedger(async (l, svc) => {
        if (opts.output) {
          checkOutput(opts.output, opts.period ? ['.docx'] : ['.xlsx']);
          const f = opts.period
            ? await svc.monitoringReport(l.db, Number(tid), opts.period, FULL_SCOPE, today())
            : await svc.monitoringWorkbook(l.db, Number(tid), FULL_SCOPE);
          await writeOutput(opts.output, f.bytes);
          print(`已生成 ${f.fileName.replace(/\.(xlsx|docx)$/, '')}：${opts.output}`);
          return;
        }
        const m = await svc.monitoringOf(l.db, Number(tid), FULL_SCOPE, today());
        const label = { upcoming: '未到时点', open: '待报送', late: '逾期未报', reported: '已报送', exempt: '不要求报送' };
        for (const p of m.points) {
          const lines = p.report ? [...(p.report.result.budget ? [p.report.result.budget] : []), ...p.report.result.indicators] : [];
          const off = lines.filter((x) => x.colour !== 'green').length;
          print(`${p.period}  ${p.label}  报送期限 ${p.due}  ${label[p.status]}${p.report ? `  偏差 ${off} 项` : ''}`);
        }
      }),
    );

  targets
    .command('start')
    .description('据审定的绩效目标表开始年度自评：指标、指标值和分值带入自评表，年底只需填写实际完成值')
    .argument('<id>', '绩效目标表编号', id('绩效目标表编号'))
    .action((tid: string) =>
      withLedger(async (l, svc) => {
        const e = await svc.evaluationFromTargetTable(l, Number(tid), actor(), FULL_SCOPE);
        print(`已开始年度自评 ${e}（zg perf export ${e} -o 自评表.xlsx 可导出填写）`);
      }),
    );
}
