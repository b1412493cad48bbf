// `zg perf targets import|list|approve|start`: the 绩效目标表 set at budget time, from the command line.
import type { Command } from 'commander';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { id, readInputFile } from './arguments.ts';
import { print, withLedger } from './ledger-commands.ts';
import { today } from '../services/today.ts';

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
