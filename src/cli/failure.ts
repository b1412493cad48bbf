// How the command line ends on a failure: a user's mistake or an obstacle (a missing file, a full disk, a database that
// cannot be reached) is one Chinese sentence and exit code 2; anything else is a bug — 内部错误 with exit code 3, and
// the details written to a log file whose place the message gives.
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { explainFailure } from '../services/explain-failure.ts';

/** Where the command line writes what it could not explain. */
export const errorLogPath = (env: NodeJS.ProcessEnv = process.env) => env.ZG_ERROR_LOG ?? join(tmpdir(), 'zg', 'errors.log');

/** commander's refusals, in the user's words: which option or argument, and where to read the usage. */
function usageMessage(e: CommanderError): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const said: Record<string, string> = {
    'commander.unknownCommand': `不认识的命令“${quoted}”`,
    'commander.unknownOption': `不认识的选项“${quoted}”`,
    'commander.missingMandatoryOptionValue': `缺少必填的选项“${quoted}”`,
    'commander.missingArgument': `缺少参数“${quoted}”`,
    'commander.optionMissingArgument': `选项“${quoted}”后面缺少值`,
    'commander.excessArguments': '参数过多',
    'commander.invalidArgument': `参数不正确：${e.message.replace(/^error:\s*/, '')}`,
  };
  const suggestion = /Did you mean (.+)\?/.exec(e.message)?.[1];
  return `${said[e.code] ?? `命令用法不正确：${e.message.replace(/^error:\s*/, '')}`}${suggestion ? `（是否要用 ${suggestion}？）` : ''}。用 zg --help 查看用法`;
}

export function reportFailure(e: unknown, argv: readonly string[] = process.argv.slice(2)): number {
  if (e instanceof CommanderError) {
    // help and the version are not failures
    if (e.exitCode === 0) return 0;
    process.stderr.write(`zg: ${usageMessage(e)}\n`);
    return 2;
  }
  const known = explainFailure(e);
  if (known) {
    const reasons = known.reasons.slice(0, 50).map((r) => `  ${r}`);
    if (known.reasons.length > 50) reasons.push(`  ……共 ${known.reasons.length} 处`);
    process.stderr.write(`zg: ${known.message}${reasons.length ? `：\n${reasons.join('\n')}` : ''}\n`);
    if (process.env.ZG_DEBUG && known.detail) process.stderr.write(`  (${known.detail})\n`);
    return 2;
  }
  const log = errorLogPath();
  let logged = false;
  try {
    mkdirSync(join(log, '..'), { recursive: true });
    const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
    appendFileSync(log, `${new Date().toISOString()} zg ${argv.join(' ')}\n${stack}\n\n`);
    logged = true;
  } catch {
    // the log itself cannot be written (a full disk): the message says so below
  }
  process.stderr.write(
    `zg: 内部错误：这是整改通的缺陷，不是您的操作有误。${logged ? `详细信息已写入 ${log}，` : ''}请把它连同所用命令告诉维护人员。\n`,
  );
  if (process.env.ZG_DEBUG || !logged) console.error(e);
  return 3;
}
