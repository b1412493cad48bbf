// `zg report tongbao|plan|npc` and `zg form notice|closure`: documents generated from the ledger, written as .docx.
import type { Command } from 'commander';
import { REPORT_NAME, type ReportKind } from '../core/official/report-names.ts';
import { ITEM_FORM_NAME, type ItemFormKind } from '../core/official/item-forms.ts';
import { today } from '../services/today.ts';
import { cliActor, print, withLedger } from './ledger-commands.ts';
import { checkOutput, writeOutput } from './output.ts';
import { isoDay } from './arguments.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';

const REPORT_KINDS = Object.keys(REPORT_NAME) as ReportKind[];
const FORM_KINDS = Object.keys(ITEM_FORM_NAME) as ItemFormKind[];

export function registerDocumentCommands(program: Command): void {
  program
    .command('report')
    .description(`由台账生成公文（.docx）：${REPORT_KINDS.map((k) => `${k} ${REPORT_NAME[k]}`).join('；')}`)
    .argument('<kind>', REPORT_KINDS.join('|'))
    .option('--source <code>', '整改来源编号；数据库中只有一个来源时可不写')
    .option('--as-of <date>', '统计截止日期，如 2024-11-30；默认今天', isoDay('统计截止日期'))
    .option('--date <date>', '成文日期；默认今天', isoDay('成文日期'))
    .option('--public', '公开版（按来源的公开设置隐去人名、手机号和内部记录）')
    .requiredOption('-o, --output <file>', '输出文件（.docx）')
    .action((kind: string, opts: { source?: string; asOf?: string; date?: string; public?: boolean; output: string }) =>
      withLedger(async (l, svc) => {
        if (!REPORT_KINDS.includes(kind as ReportKind)) {
          process.stderr.write(`zg: 不认识的公文种类“${kind}”，可选：${REPORT_KINDS.join('、')}\n`);
          process.exitCode = 2;
          return;
        }
        checkOutput(opts.output, ['.docx']);
        const source = opts.source ?? (await svc.soleSourceCode(l.db, FULL_SCOPE));
        const f = await svc.generateReport(l.db, {
          scope: FULL_SCOPE,
          source,
          kind: kind as ReportKind,
          asOf: opts.asOf,
          date: opts.date,
          public: opts.public,
          today: today(),
          generatedBy: cliActor().actor,
        });
        await writeOutput(opts.output, f.bytes);
        print(`已生成《${f.document.title}》：${opts.output}`);
        const errors = f.findings.filter((x) => x.severity === 'error');
        if (errors.length) {
          print(`生成后复核发现 ${errors.length} 处矛盾，来自台账本身的数据，请核对台账后重新生成：`);
          for (const x of errors) print(`  ✗ [${x.rule}] ${x.message}`);
        }
      }),
    );

  program
    .command('form')
    .description(`为一个问题生成表单（.docx）：${FORM_KINDS.map((k) => `${k} ${ITEM_FORM_NAME[k]}`).join('；')}`)
    .argument('<kind>', FORM_KINDS.join('|'))
    .argument('<code>', '问题编号，如 XC2025-01-003')
    .requiredOption('-o, --output <file>', '输出文件（.docx）')
    .action((kind: string, code: string, opts: { output: string }) =>
      withLedger(async (l, svc) => {
        if (!FORM_KINDS.includes(kind as ItemFormKind)) {
          process.stderr.write(`zg: 不认识的表单种类“${kind}”，可选：${FORM_KINDS.join('、')}\n`);
          process.exitCode = 2;
          return;
        }
        checkOutput(opts.output, ['.docx']);
        const f = await svc.generateItemForm(l.db, code, kind as ItemFormKind, today(), FULL_SCOPE, cliActor().actor);
        await writeOutput(opts.output, f.bytes);
        print(`已生成${ITEM_FORM_NAME[kind as ItemFormKind]}：${opts.output}`);
      }),
    );
}
