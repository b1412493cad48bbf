// `zg backup`, `zg restore`, `zg migrate`: the ledger moved whole — a backup file with its manifest, its restore into
// an empty place (checked before and after), and the move of an embedded ledger into an empty PostgreSQL database.
import type { Command } from 'commander';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataDirLockedError, InvalidInput } from '../core/errors.ts';
import type { TransferReport } from '../services/ledger-transfer.ts';
import { print, withLedger } from './ledger-commands.ts';

const transfer = () => import('../services/ledger-transfer.ts');

function described(r: TransferReport): string[] {
  const busiest = Object.entries(r.tables)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return [
    `共 ${busiest.length} 张表、${r.rows} 行，行数与原台账逐表一致`,
    `操作日志 ${r.audit.events} 条，哈希链逐条校验无误（末条 ${r.audit.head.slice(0, 12)}…）`,
  ];
}

/**
 * The embedded data directory a backup or a move reads: one that holds a ledger. A directory mistyped would otherwise
 * be made afresh, and an empty ledger backed up or moved as if it were the office's.
 */
function existingDataDir(): string {
  const dir = process.env.ZG_DATA || './data';
  if (!process.env.DATABASE_URL && !existsSync(join(dir, 'PG_VERSION')))
    throw new InvalidInput(`数据目录“${dir}”中没有台账：请用环境变量 ZG_DATA 指定整改通的数据目录（默认为当前目录下的 data）`);
  return dir;
}

/** A checkpoint file is the anchor of one log: one already there belongs to another database and is not overwritten. */
function freshCheckpoint(path: string): void {
  if (existsSync(path)) throw new InvalidInput(`检查点文件“${path}”已存在，可能属于另一个数据库：请用 --checkpoint 指定一个新文件`);
  // checked before any row is written: a checkpoint that cannot be written after the copy would leave a full
  // database no retry may fill, and no anchor for its log
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InvalidInput(`检查点文件的目录“${dir}”不存在：请先建立该目录，或用 --checkpoint 指定另一个位置`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InvalidInput(`没有权限在目录“${dir}”中写入检查点文件：请用 --checkpoint 指定另一个位置`);
  }
}

export function registerTransferCommands(program: Command): void {
  program
    .command('backup')
    .description(
      '备份整个台账（来源与文档、问题与全部记录、佐证材料、账号、设置、操作日志）到一个压缩文件；PostgreSQL 服务器上可在服务运行时备份，内嵌数据库在服务器运行时请在网页“系统管理 → 备份”中备份',
    )
    .requiredOption('-o, --output <file>', '备份文件，如 zg-backup-2026-12-04.zgb')
    .action((opts: { output: string }) => {
      existingDataDir();
      return withLedger(async (l) => {
        const m = await (await transfer()).writeBackup(l, resolve(opts.output));
        const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
        print(
          `已备份到 ${opts.output}：${rows} 行，操作日志 ${m.audit.events} 条，压缩后 ${(m.payload.bytes / 1024 / 1024).toFixed(1)} MB`,
        );
        print(`校验和 SHA-256 ${m.payload.sha256}`);
      }).catch((e: unknown) => {
        // the embedded database is the running server's: it makes the backup
        if (e instanceof DataDirLockedError)
          throw new InvalidInput(
            `数据目录“${e.dataDir}”正由运行中的整改通服务器（PID ${e.pid}）使用：请在网页“系统管理 → 备份”中立即备份，或设置 ZG_BACKUP_DIR 由服务器每天备份；也可先停止服务器再运行 zg backup`,
          );
        throw e;
      });
    });

  program
    .command('restore <file>')
    .description('把备份恢复到空的位置：新的数据目录（--data）或空的 PostgreSQL 数据库（--to）；先校验备份文件，写入后再核对行数和操作日志')
    .option('--data <dir>', '恢复到这个新的数据目录（内嵌数据库）')
    .option('--to <url>', '恢复到这个空的 PostgreSQL 数据库，如 postgres://用户:密码@主机/库名')
    .option('--checkpoint <file>', '恢复到 PostgreSQL 时必填：操作日志检查点写入此新文件（以后设为 ZG_AUDIT_CHECKPOINT）')
    .action(async (file: string, opts: { data?: string; to?: string; checkpoint?: string }) => {
      if (!opts.data === !opts.to) throw new InvalidInput('请用 --data 指定新的数据目录，或用 --to 指定空的 PostgreSQL 数据库（二者选一）');
      if (opts.data && opts.checkpoint)
        throw new InvalidInput('--checkpoint 只用于恢复到 PostgreSQL（--to）：恢复到数据目录时，检查点写在该目录中');
      if (opts.to && !opts.checkpoint)
        throw new InvalidInput(
          '恢复到 PostgreSQL 时请用 --checkpoint 指定操作日志检查点文件（一个新文件，以后设为 ZG_AUDIT_CHECKPOINT），否则 zg audit verify 无从核对操作日志的末尾',
        );
      if (opts.checkpoint) freshCheckpoint(resolve(opts.checkpoint));
      const t = await transfer();
      const r = await t.restoreBackup(
        resolve(file),
        opts.to ? { url: opts.to, checkpoint: opts.checkpoint } : { dataDir: resolve(opts.data as string) },
      );
      print(
        `已从 ${file}（${r.manifest.createdAt.slice(0, 19).replace('T', ' ')} 备份）恢复到 ${opts.to ? '数据库' : `数据目录 ${opts.data}`}`,
      );
      for (const line of described(r)) print(line);
    });

  program
    .command('migrate')
    .description('把内嵌数据库中的整个台账迁移到空的 PostgreSQL 数据库（一个事务内完成，编号、版本、时间原样保留），并在那里校验操作日志')
    .requiredOption('--to <url>', '空的 PostgreSQL 数据库，如 postgres://用户:密码@主机/库名')
    .option(
      '--checkpoint <file>',
      '操作日志检查点写入此新文件，以后设为 ZG_AUDIT_CHECKPOINT（默认：数据目录旁的 zg-audit-checkpoint-库名.json）',
    )
    .action((opts: { to: string; checkpoint?: string }) => {
      const data = resolve(existingDataDir());
      // the log says a checkpoint has been kept: the moved log goes on being anchored, in a file of its own the server
      // is told of — beside the data directory, which the move leaves as it was
      const database = /\/([^/?]+)(\?|$)/.exec(opts.to.replace(/^[a-z]+:\/\/[^/]*/i, ''))?.[1] ?? 'postgres';
      const checkpoint = resolve(opts.checkpoint ?? join(dirname(data), `zg-audit-checkpoint-${database}.json`));
      freshCheckpoint(checkpoint);
      return withLedger(async (l) => {
        const r = await (await transfer()).migrateLedger(l, opts.to, checkpoint);
        print('已迁移到 PostgreSQL：');
        for (const line of described(r)) print(line);
        print(`以后以 DATABASE_URL=${opts.to.replace(/:[^:@/]*@/, ':***@')} ZG_AUDIT_CHECKPOINT=${checkpoint} 启动整改通`);
      });
    });
}
