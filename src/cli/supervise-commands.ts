// `zg supervise run`: one supervision run for a moment — reminders, warnings, escalations — printed or as JSON, and
// the day's digests; `zg supervise deliver`: the digests that are due, by e-mail; `zg supervise sheet` and
// `zg supervise circular`: the weekly 调度表 and the monthly 通报.
import type { Command } from 'commander';
import { MONITORING_NOTICE_LABEL } from '../core/perf/monitoring-plan.ts';
import { ACTION_LABEL } from '../core/supervision/plan.ts';
import { now, today } from '../services/today.ts';
import { CATEGORY_LABEL, modelOf, type Category } from '../core/assessment/effectiveness.ts';
import { readFile } from 'node:fs/promises';
import { print, withLedger } from './ledger-commands.ts';
import { checkOutput, writeOutput } from './output.ts';
import { isoDay } from './arguments.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { RECTIFICATION_OFFICE } from '../core/vocabulary.ts';

export function registerSuperviseCommands(program: Command): void {
  const supervise = program.command('supervise').description('督办');
  supervise
    .command('deliver')
    .description(
      '发送到期的提醒：汇总邮件（邮件服务器由 ZG_SMTP_URL 指定，如 smtp://用户:密码@mail.example.org:587；发件人 ZG_SMTP_FROM），以及企业微信、钉钉、飞书、Webhook 和短信（短信网关 ZG_SMS_URL）',
    )
    .action(() =>
      withLedger(async (l, svc) => {
        const mail = svc.configuredMail();
        const reminders = svc.configuredReminders();
        try {
          const r = await svc.deliverPending(l.db, { mail: mail?.send, post: reminders.post });
          print(
            `提醒：发出 ${r.sent} 条，稍后重试 ${r.retried} 条，放弃 ${r.failed} 条${r.uncertain ? `，发送中断待核实 ${r.uncertain} 条` : ''}${mail ? '' : '（未设置邮件服务器 ZG_SMTP_URL，邮件未发送）'}`,
          );
        } finally {
          mail?.close();
        }
      }),
    );
  supervise
    .command('sheet')
    .description('一周一调度：本周调度表（.xlsx），含各问题本周进展、是否按时报送、预警与督办，以及单位排名')
    .option('--day <date>', '本周最后一天，默认今天', isoDay('本周最后一天'))
    .requiredOption('-o, --output <file>', '输出文件（.xlsx）')
    .action((opts: { day?: string; output: string }) =>
      withLedger(async (l, svc) => {
        checkOutput(opts.output, ['.xlsx']);
        const r = await svc.weeklySheet(l.db, { scope: FULL_SCOPE, day: opts.day ?? today(), today: today() });
        await writeOutput(opts.output, r.bytes);
        print(`已生成调度表（在办问题 ${r.rows.length} 个）：${opts.output}`);
      }),
    );
  supervise
    .command('circular')
    .description('每月一通报：月度整改推进情况通报（.docx），按完成率、按时率为各牵头单位排名，点名超期问题')
    .requiredOption('--month <month>', '月份，如 2025-03')
    .option('--issuer <name>', '发文单位', RECTIFICATION_OFFICE)
    .requiredOption('-o, --output <file>', '输出文件（.docx）')
    .action((opts: { month: string; issuer: string; output: string }) =>
      withLedger(async (l, svc) => {
        checkOutput(opts.output, ['.docx']);
        const r = await svc.monthlyCircularDocument(l.db, { scope: FULL_SCOPE, month: opts.month, today: today(), issuer: opts.issuer });
        await writeOutput(opts.output, r.bytes);
        print(`已生成《${r.document.title}》：${opts.output}`);
      }),
    );
  supervise
    .command('assess')
    .description('整改成效评估：按扣分模型（满分100）评估一个来源的整改成效，每项扣分列出所依据的台账事实；不写 --source 则比较全部来源')
    .option('--source <code>', '整改来源编号')
    .option(
      '--model <file>',
      '评估模型（JSON）：如 {"points":{"completion":40},"per":{"openPastDeadline":5},"vetoOnContradiction":true}，未写的沿用默认',
    )
    .option('--json', '输出 JSON')
    .action((opts: { source?: string; model?: string; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const model = opts.model ? modelOf(JSON.parse(await readFile(opts.model, 'utf8'))) : undefined;
        if (!opts.source) {
          const all = await svc.compareSources(l.db, today(), FULL_SCOPE, model);
          if (opts.json) return print(JSON.stringify(all, null, 2));
          all.forEach((a, i) => print(`${i + 1}. ${a.source}  ${a.unit ?? ''}  ${a.total} 分  ${a.result}${a.veto ? '（一票否决）' : ''}`));
          return;
        }
        const a = await svc.assessSource(l.db, opts.source, today(), FULL_SCOPE, model);
        if (opts.json) return print(JSON.stringify(a, null, 2));
        print(`${a.source} ${a.title}：${a.total} 分，${a.result}`);
        if (a.veto) print(`  一票否决：${a.veto.reason}（${a.veto.facts.join('、')}）`);
        for (const [c, v] of Object.entries(a.byCategory)) print(`  ${CATEGORY_LABEL[c as Category]}：${v.score}/${v.full}`);
        for (const d of a.deductions)
          print(
            `  - ${CATEGORY_LABEL[d.category]} 扣 ${d.points} 分：${d.reason}${d.facts.length ? `：${d.facts.slice(0, 12).join('、')}${d.facts.length > 12 ? ' 等' : ''}` : ''}`,
          );
      }),
    );
  supervise
    .command('run')
    .description('为某一时刻运行一次督办：临近时限与超期提醒、未按时报送、预警、升级督办；同一时刻重复运行不会重复产生')
    .option('--at <datetime>', '时刻（北京时间），如 2025-03-01T09:00；默认现在')
    .option('--dry-run', '只列出将产生的提醒与督办，不写入')
    .option('--json', '输出 JSON：{ at, created, actions: [...]（前 1000 项） }')
    .action((opts: { at?: string; dryRun?: boolean; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const r = await svc.runSupervision(l.db, { at: opts.at ?? now(), dryRun: opts.dryRun, actor: process.env.USER ?? '命令行' });
        // the day's digests, sent by `zg supervise deliver` or the server
        // with the links into the application the server's own messages carry (ZG_APP_URL)
        const digests = r.dryRun ? 0 : await svc.prepareDigests(l.db, r.day, new Date(), svc.configuredReminders().appUrl);
        if (opts.json)
          return print(
            JSON.stringify(
              {
                at: r.at,
                dryRun: r.dryRun,
                created: r.created,
                actions: r.actions,
                cancelled: r.cancelled,
                leadNotices: r.leadNotices,
                monitoringNotices: r.monitoringNotices,
                monitoring: r.monitoring,
              },
              null,
              2,
            ),
          );
        print(
          `${r.day} 督办${r.dryRun ? '（试运行，未写入）' : ''}：新产生 ${r.created} 项${r.cancelled ? `，撤销不再适用的提醒 ${r.cancelled} 项` : ''}${r.leadNotices ? `，问题线索督办 ${r.leadNotices} 项（见线索台账）` : ''}${r.monitoringNotices ? `，绩效运行监控提醒 ${r.monitoringNotices} 项` : ''}${digests ? `，汇总提醒 ${digests} 条待发（邮件、群消息、短信）` : ''}`,
        );
        for (const a of r.actions)
          print(`  [${ACTION_LABEL[a.kind]}] → ${a.unit ?? '整改办'}${a.person ? `、${a.person}` : ''}：${a.message}`);
        if (r.created > r.actions.length) print(`  ……另有 ${r.created - r.actions.length} 项未列出，见各单位的待办与汇总`);
        for (const m of r.monitoring) print(`  [绩效运行监控·${MONITORING_NOTICE_LABEL[m.kind]}] ${m.message}`);
      }),
    );
}
