// `zg`: the command line. Thin: parses arguments, calls services, prints.

import { Command, Help, Option } from 'commander';
import type { FileReports } from '../services/read-reports.ts';
import { formatCheck, formatFormats, formatParse } from './format.ts';
import { registerLedgerCommands } from './ledger-commands.ts';
import { registerDocumentCommands } from './document-commands.ts';
import { registerPerfCommands } from './perf-commands.ts';
import { registerSuperviseCommands } from './supervise-commands.ts';
import { registerLeadCommands } from './lead-commands.ts';
import { registerPublicCommands } from './public-commands.ts';
import { registerTransferCommands } from './transfer-commands.ts';
import { registerAccountCommands } from './account-commands.ts';
import { registerKeyCommands } from './key-commands.ts';
import { reportFailure } from './failure.ts';
import { SEVERITY_LABEL } from '../core/vocabulary.ts';
import { productVersion } from '../services/version.ts';
import { setProgressSink } from '../services/job-progress.ts';
import { progressBar } from './progress-bar.ts';

// The product's own warnings (a checkpoint it could not write, matching that failed) in the person's words, not in
// Node's English wrapping "(node:123) Warning: … (Use node --trace-warnings …)"; Node's own warnings stay unsaid.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (/[\u4e00-\u9fff]/.test(w.message)) process.stderr.write(`zg: 提醒：${w.message}\n`);
});
// a scan's pages, as they are recognised (the command line runs its jobs in this thread)
setProgressSink(progressBar());
// `zg problems | head -3`: the reader has all it wants when it closes the pipe; that is no failure
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

function toJson(results: readonly FileReports[]): string {
  return JSON.stringify(
    {
      files: results.map((f) => ({
        file: f.file,
        format: f.format,
        encoding: f.encoding,
        ...(f.ocr ? { ocr: true, confidence: f.ocr } : {}),
        ...(f.error ? { error: f.error } : {}),
        reports: f.reports,
      })),
    },
    null,
    2,
  );
}

// the reader and its checks load when a command reads, not for `zg --help`
const readFiles = async (files: string[], maxMb: number) =>
  (await import('../services/read-reports.ts')).readReportFiles(files, maxMb * 1024 * 1024);

const HELP_HEADINGS: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const maxSize = new Option('--max-size <MB>', '单个文件大小上限（MB）').default('20').argParser((v) => Number(v));

const program = new Command()
  .name('zg')
  .description('整改通：读取、核验整改报告，管理整改台账')
  .version(productVersion(), '-V, --version', '显示版本号')
  // commander's own refusals (unknown option, missing argument) come to reportFailure, which says them in Chinese
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  // commander's own words in its help, in Chinese too (subcommands inherit these)
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [command]', '显示某个命令的帮助')
  .configureHelp({
    styleTitle: (title) => HELP_HEADINGS[title] ?? title,
    // "zg check [options] <files...>": the placeholders commander writes, in Chinese
    commandUsage(cmd) {
      return Help.prototype.commandUsage.call(this, cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
    },
    optionDescription: (o) =>
      o.defaultValue !== undefined && (o.required || o.optional)
        ? `${o.description}（默认：${o.defaultValueDescription ?? String(o.defaultValue)}）`
        : o.description,
  });

program
  .command('parse')
  .description(
    '读取报告（.txt、.docx、.pdf、.ofd、.doc、.wps、网页等，见 zg formats），输出结构：基本信息、方面、问题、措施、状态、数字、金额、制度',
  )
  .argument('<files...>', '报告文件')
  .option('--json', '输出 JSON（格式见 docs/report-format.md）')
  .addOption(maxSize)
  .action(async (files: string[], opts: { json?: boolean; maxSize: number }) => {
    const results = await readFiles(files, opts.maxSize);
    process.stdout.write(`${opts.json ? toJson(results) : formatParse(results)}\n`);
    process.exitCode = results.some((r) => r.error) ? 2 : 0;
  });

program
  .command('check')
  .description('核验报告的数字与前后一致性，列出问题所在的行；有错误时退出码为 1，文件无法读取时为 2')
  .argument('<files...>', '报告文件')
  .option('--json', '输出 JSON')
  .addOption(maxSize)
  .action(async (files: string[], opts: { json?: boolean; maxSize: number }) => {
    const results = await readFiles(files, opts.maxSize);
    if (opts.json) {
      const json = {
        files: results.map((f) => ({
          file: f.file,
          ...(f.error ? { error: f.error } : {}),
          reports: f.reports.map((r) => ({ kind: r.kind, title: r.meta.title, lines: r.lines, findings: r.findings })),
        })),
      };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else process.stdout.write(`${formatCheck(results)}\n`);
    const anyError = results.some((f) => f.reports.some((r) => r.findings.some((x) => x.severity === 'error')));
    process.exitCode = results.some((r) => r.error) ? 2 : anyError ? 1 : 0;
  });

program
  .command('rules')
  .description('列出核验规则目录：编号、级别、含义')
  .action(async () => {
    const { RULES } = await import('../core/check/check-report.ts');
    for (const r of RULES) process.stdout.write(`${r.id.padEnd(28)} ${SEVERITY_LABEL[r.severity]}  ${r.what}\n`);
  });

program
  .command('formats')
  .description('列出本机可读取的文件格式；不能读取的，说明缺少什么、如何安装')
  .option('--json', '输出 JSON')
  .action(async (opts: { json?: boolean }) => {
    const here = await (await import('../services/readable-formats.ts')).readableFormats();
    process.stdout.write(`${opts.json ? JSON.stringify(here, null, 2) : formatFormats(here)}\n`);
  });

registerLedgerCommands(program);
registerDocumentCommands(program);
registerPerfCommands(program);
registerSuperviseCommands(program);
registerLeadCommands(program);
registerPublicCommands(program);
registerTransferCommands(program);
registerAccountCommands(program);
registerKeyCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.exitCode = reportFailure(e);
});
