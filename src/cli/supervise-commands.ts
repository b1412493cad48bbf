// `zg supervise run`: one supervision run for a moment — reminders, warnings, escalations — printed or as JSON.
import type { Command } from 'commander';
import { ACTION_LABEL } from '../core/supervision/plan.ts';
import { runSupervision } from '../services/supervision-run.ts';
import { now } from '../services/today.ts';
import { print, withLedger } from './ledger-commands.ts';

export function registerSuperviseCommands(program: Command): void {
  program
    .command('supervise')
    .description('督办')
    .command('run')
    .description('为某一时刻运行一次督办：临近时限与超期提醒、未按时报送、预警、升级督办；同一时刻重复运行不会重复产生')
    .option('--at <datetime>', '时刻（北京时间），如 2025-03-01T09:00；默认现在')
    .option('--dry-run', '只列出将产生的提醒与督办，不写入')
    .option('--json', '输出 JSON：{ at, actions: [...] }')
    .action((opts: { at?: string; dryRun?: boolean; json?: boolean }) =>
      withLedger(async (l) => {
        const r = await runSupervision(l.db, { at: opts.at ?? now(), dryRun: opts.dryRun, actor: process.env.USER ?? '命令行' });
        if (opts.json) return print(JSON.stringify({ at: r.at, dryRun: r.dryRun, actions: r.actions, cancelled: r.cancelled }, null, 2));
        print(`${r.day} 督办${r.dryRun ? '（试运行，未写入）' : ''}：新产生 ${r.actions.length} 项${r.cancelled ? `，撤销不再适用的提醒 ${r.cancelled} 项` : ''}`);
        for (const a of r.actions) print(`  [${ACTION_LABEL[a.kind]}] → ${a.unit ?? '整改办'}${a.person ? `、${a.person}` : ''}：${a.message}`);
      }),
    );
}
