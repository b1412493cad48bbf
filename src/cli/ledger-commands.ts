// `zg import`, `zg sources`, `zg problems`, `zg problem`, `zg stats`, `zg audit verify`: the ledger from the command
// line. Thin: open the ledger, call a service, print.
import type { Command } from 'commander';
import { formatRate } from '../core/ledger/completion-rate.ts';
import { metricLabel, shortLabel, STATUS_MARK } from '../core/vocabulary.ts';
import { STATUS_LABEL, type LedgerStatus } from '../core/ledger/problem-state.ts';
import { COLOUR_LABEL } from '../core/ledger/warning.ts';
import { SOURCE_KIND_LABEL, type SourceKind } from '../core/ledger/codes.ts';
import type { Counts } from '../core/ledger/statistics.ts';
import { describeAudit } from './audit-report.ts';
import { today } from '../services/today.ts';
import type { Ledger } from '../services/ledger.ts';
import { checkOutput, writeOutput } from './output.ts';
import { count, isoDay, readInputFile, status } from './arguments.ts';
import { alreadyImported } from '../core/ledger/already-imported.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { TRIAGE_LABEL, type Triage } from '../core/ledger/ledger-sheet.ts';

export const print = (s: string): void => void process.stdout.write(`${s}\n`);
const json = (v: unknown) => print(JSON.stringify(v, null, 2));
const rate = (c: Counts) => (c.completionRate === null ? '—' : `${formatRate(c.completionRate)}%`);

/** The services, loaded when a command runs (cli/services.ts). */
export const services = () => import('./services.ts');
export type Services = Awaited<ReturnType<typeof services>>;

/**
 * Opens the ledger for one command, with the services, and closes it after; a failure goes on to `reportFailure`
 * (cli/failure.ts).
 */
export async function withLedger(run: (l: Ledger, s: Services) => Promise<void>): Promise<void> {
  const s = await services();
  const ledger = await s.openDefaultLedger();
  try {
    await run(ledger, s);
  } finally {
    await ledger.close();
  }
}

/** Who acts from the command line: the account running it, over the whole ledger (the CLI is the ledger's owner), today. */
export const cliActor = () => ({ actor: process.env.USER ?? 'cli', scope: FULL_SCOPE, today: today() });

function countsLine(c: Counts): string {
  const said = (s: LedgerStatus) => shortLabel(STATUS_LABEL[s]);
  return `共 ${c.total} 个：${said('completed')} ${c.completed}，${said('phased')} ${c.phased}，${said('in-progress')} ${c.inProgress}，${said('not-started')} ${c.notStarted}，超期 ${c.overdue}；完成率 ${rate(c)}`;
}

export function registerLedgerCommands(program: Command): void {
  program
    .command('import')
    .description(
      '把整改报告（.txt、.docx、.pdf、.ofd、.doc 等，见 zg formats）导入台账：来源、方面、问题、措施、状态、所述数字；全部成功或全部不改',
    )
    .argument('<files...>', '报告文件')
    .option('--json', '输出 JSON')
    .action((files: string[], opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const results = await svc.importDocuments(l, files, {
          actor: process.env.USER ?? 'cli',
          today: today(),
          onSource: (s) => void process.stderr.write(`正在写入 ${s.code} ${s.title}\n`),
        });
        if (opts.json) return json(results);
        for (const r of results) {
          if (r.status === 'already-imported') print(`${r.file}：${alreadyImported(r.sameAs)}`);
          else {
            print(`${r.file}：已导入 ${r.sources.length} 个整改来源`);
            for (const s of r.sources) print(`  ${s.code}  ${s.title}（问题 ${s.problems} 个）`);
          }
        }
      }),
    );

  program
    .command('sources')
    .description('列出台账中的整改来源')
    .option('--json', '输出 JSON')
    .action((opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const rows = await svc.listSources(l.db, FULL_SCOPE, today());
        if (opts.json) return json(rows);
        for (const s of rows) print(`${s.code}  ${SOURCE_KIND_LABEL[s.kind as SourceKind] ?? s.kind}  ${s.title}（问题 ${s.problems} 个）`);
      }),
    );

  program
    .command('problems')
    .description('问题清单：按来源、状态、牵头单位筛选，附预警颜色')
    .option('--source <code>', '整改来源编号，如 XC2025-01')
    .option('--status <status>', '状态：not-started、in-progress、closure-requested、phased、completed', status)
    .option('--unit <name>', '牵头单位')
    .option('--overdue', '只列超期未完成的问题')
    .option('--search <text>', '标题包含的文字')
    .option('--limit <n>', '每页条数', count('每页条数', 1), '50')
    .option('--offset <n>', '跳过条数', count('跳过条数', 0), '0')
    .option('--json', '输出 JSON')
    .action(
      (opts: {
        source?: string;
        status?: LedgerStatus;
        unit?: string;
        overdue?: boolean;
        search?: string;
        limit: string;
        offset: string;
        json?: boolean;
      }) =>
        withLedger(async (l, svc) => {
          if (opts.source) await svc.sourceId(l.db, opts.source, FULL_SCOPE); // a source that does not exist is named, not an empty list
          const r = await svc.listProblems(l.db, {
            scope: FULL_SCOPE,
            ...opts,
            today: today(),
            limit: Number(opts.limit),
            offset: Number(opts.offset),
          });
          if (opts.json) return json(r);
          print(
            `共 ${r.total} 个问题${r.total > r.items.length ? `，显示第 ${Number(opts.offset) + 1}—${Number(opts.offset) + r.items.length} 个` : ''}`,
          );
          for (const p of r.items)
            print(
              `${p.code}  【${STATUS_LABEL[p.status]}${p.longTerm ? `·${STATUS_MARK.longTerm}` : ''}${p.untold ? `·${STATUS_MARK.untold}` : ''}】${p.colour ? ` ${COLOUR_LABEL[p.colour]}` : ''}  ${p.title}${p.deadline ? `（时限 ${p.deadline}）` : ''}`,
            );
        }),
    );

  program
    .command('problem')
    .description('一个问题的全部情况：措施、责任、时限，以及进展、佐证、销号、延期、督办、回头看的完整记录')
    .argument('<code>', '问题编号，如 XC2025-01-003')
    .option('--json', '输出 JSON')
    .action((code: string, opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const d = await svc.problemDetail(l.db, code, today(), FULL_SCOPE);
        if (opts.json) return json(d);
        const p = d.problem;
        print(`${p.code}  ${p.title}`);
        print(`  来源：${p.source.code} ${p.source.title}`);
        if (p.aspect) print(`  方面：${p.aspect}`);
        print(
          `  状态：${STATUS_LABEL[p.status]}${p.longTerm ? `（${TRIAGE_LABEL['long-term']}）` : ''}${p.untold ? `，${p.statusText}` : p.statusText ? `，报告原文“${p.statusText}”` : ''}；进度 ${p.progress}%${p.colour ? `；${COLOUR_LABEL[p.colour]}` : ''}`,
        );
        print(
          `  牵头单位：${p.leadUnit ?? '未指定'}；责任领导：${p.leadLeader ?? '未指定'}；责任人：${p.responsiblePerson ?? '未指定'}；整改时限：${p.deadline ?? '未定'}`,
        );
        if (d.children.length) {
          print('  具体问题：');
          for (const c of d.children) print(`    ${c.code}  ${c.title}【${STATUS_LABEL[c.status as LedgerStatus]}】`);
        }
        if (d.measures.length) {
          print('  整改措施：');
          for (const m of d.measures) print(`    ${m.ordinal}. ${m.text.length > 80 ? `${m.text.slice(0, 80)}…` : m.text}`);
        }
        print('  记录：');
        for (const t of d.timeline)
          print(`    ${t.at}  ${t.by ? `${t.by}：` : ''}${t.text}${t.document ? `（依据文件：${t.document.fileName}）` : ''}`);
      }),
    );

  program
    .command('stats')
    .description('台账统计（可按某日）：总数、已完成、阶段性完成、正在整改、未开始、超期、完成率，分方面、单位、类别，以及整改成果')
    .option('--source <code>', '整改来源编号；不写则统计全部来源')
    .option('--as-of <date>', '统计日期 YYYY-MM-DD，默认今天', isoDay('统计日期'))
    .option('--json', '输出 JSON')
    .action((opts: { source?: string; asOf?: string; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const s = await svc.ledgerStatistics(l.db, { scope: FULL_SCOPE, source: opts.source, asOf: opts.asOf, today: today() });
        const differences = opts.source ? await svc.sourceClaims(l.db, opts.source, today(), FULL_SCOPE) : [];
        if (opts.json) return json({ ...s, ...(opts.source ? { claims: differences } : {}) });
        print(`截至 ${s.asOf}：${countsLine(s)}`);
        const table = (title: string, groups: Record<string, Counts>, label: (k: string) => string = (k) => k) => {
          print(`${title}：`);
          for (const [k, c] of Object.entries(groups)) print(`  ${label(k)}：${countsLine(c)}`);
        };
        table('按方面', s.byAspect);
        table('按牵头单位', s.byUnit);
        // the classes by their Chinese names (立行立改…), not their codes
        table('按整改类别', s.byTriage, (k) => (k in TRIAGE_LABEL ? TRIAGE_LABEL[k as Triage] : k));
        const o = s.outcomes;
        print(`整改成果：涉及金额 ${o.moneyWan} 万元；制度 ${o.institutions} 项；问责 ${o.accountable} 人；会议 ${o.meetings} 次`);
        if (differences.length) {
          print('报告所述与台账对照：');
          for (const d of differences)
            print(
              `  ${d.agrees ? '一致' : '不一致'}  ${d.scope ? `${d.scope}：` : ''}${metricLabel(d.metric)}：报告 ${d.stated}，台账 ${d.computed}（第${d.line}行）`,
            );
        }
      }),
    );

  program
    .command('export')
    .description('导出')
    .command('ledger')
    .description('把一个整改来源的台账导出为 Excel 工作簿：问题清单、任务清单、责任清单、督办清单')
    .option('--source <code>', '整改来源编号；数据库中只有一个来源时可不写')
    .requiredOption('-o, --output <file>', '输出文件（.xlsx）')
    .action((opts: { source?: string; output: string }) =>
      withLedger(async (l, svc) => {
        checkOutput(opts.output, ['.xlsx']);
        const source = opts.source ?? (await svc.soleSourceCode(l.db, FULL_SCOPE));
        const bytes = await svc.exportLedger(l.db, source, today(), FULL_SCOPE, cliActor().actor);
        await writeOutput(opts.output, bytes);
        print(`已导出 ${source} 的台账：${opts.output}`);
      }),
    );

  program
    .command('import-ledger')
    .description('从 Excel 工作簿导入台账：本系统导出的四个清单，或单位自己的台账（按列对应读取）；逐行核对，有任何一行不对则全部不导入')
    .argument('<file>', '台账工作簿（.xlsx；.xls、.et、.ods 经 LibreOffice 读取）')
    .option('--source <code>', '导入到的整改来源编号（可为新编号）；本系统的工作簿不写则用其“来源”表中的编号')
    .option('--sheet <name>', '单位台账所在的工作表；默认第一个有内容的工作表')
    .option('--map <pairs>', '单位台账的列对应，如 "问题=问题描述,牵头单位=责任部门"；未写的列按表头自动对应')
    .option('--title <title>', '新建整改来源时的标题')
    .action((file: string, opts: { source?: string; sheet?: string; map?: string; title?: string }) =>
      withLedger(async (l, svc) => {
        const bytes = await readInputFile(file);
        const name = file.split(/[\\/]/).pop() as string;
        const r = await svc.importLedgerWorkbook(l, bytes, {
          scope: FULL_SCOPE,
          actor: process.env.USER ?? 'cli',
          today: today(),
          fileName: name,
          source: opts.source,
          sheet: opts.sheet,
          mapping: opts.map,
          title: opts.title,
        });
        if (r.mapping) print(`列对应：${r.mapping}`);
        print(`已导入 ${r.source}${r.created ? '（新建）' : '（更新）'}：问题 ${r.problems} 个，措施 ${r.measures} 项`);
      }),
    );

  const audit = program.command('audit').description('操作日志');
  audit
    .command('verify')
    .description(
      '校验操作日志的哈希链，并与检查点核对末尾（数据目录中的 audit-checkpoint.json，或 ZG_AUDIT_CHECKPOINT 所指文件）；有篡改或截断时退出码为 1',
    )
    .option('--against <file>', '再与导出的台账工作簿（.xlsx）中记录的检查点核对')
    .action((opts: { against?: string }) =>
      withLedger(async (l, svc) => {
        const against = opts.against ? { name: opts.against, bytes: await readInputFile(opts.against) } : undefined;
        const r = describeAudit(await svc.verifyAudit(l, { against }));
        for (const line of r.lines) print(line);
        if (r.exitCode) process.exitCode = r.exitCode;
      }),
    );
  audit
    .command('reanchor')
    .description('查明检查点缺失、截断或不符的原因后，按现有操作日志重写检查点；此操作连同原检查点记入操作日志')
    .action(() =>
      withLedger(async (l, svc) => {
        const { after } = await svc.reanchorAudit(l, process.env.USER ?? '命令行');
        print(`已按现有操作日志重写检查点“${l.auditCheckpoint}”：共 ${after.events} 条记录（含本次重写的记录）`);
      }),
    );
}
