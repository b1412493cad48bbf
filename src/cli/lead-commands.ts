// `zg leads`: the register of problem leads (问题线索) handed over by inspections and audits — list, add, show, record
// a step or a disposal, link a problem that waits on one, and the figures with the sentence a report states. The
// command line runs as the ledger's owner (the whole register).
import type { Command } from 'commander';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { formatRate } from '../core/ledger/completion-rate.ts';
import {
  LEAD_PHASE_LABEL,
  LEAD_RECEIVER_LABEL,
  LEAD_STATE_LABEL,
  LEAD_STEP_LABEL,
  type LeadPhase,
  type LeadReceiver,
  type LeadState,
  type LeadStepKind,
} from '../core/leads/lead.ts';
import { today } from '../services/today.ts';
import { isoDay, oneOf } from './arguments.ts';
import { cliActor, print, withLedger } from './ledger-commands.ts';

const who = cliActor;

/** To whom a lead is handed over and what it says: asked alike by `zg leads add` and `zg submissions lead`. */
export const handOverOptions = (c: Command): Command =>
  c
    .requiredOption(
      '--receiver <kind>',
      '接收机关：discipline（纪委监委）、organisation（组织部）、other',
      oneOf('接收机关', LEAD_RECEIVER_LABEL),
    )
    .option('--receiver-name <name>', '接收机关名称，如 示例县纪委监委')
    .requiredOption('--summary <text>', '线索摘要（不含被反映人姓名）');

export function registerLeadCommands(program: Command): void {
  const leads = program.command('leads').description('问题线索：巡察、审计移交纪检监察等机关的线索，办理期限、跟踪、办结与统计');
  leads
    .command('list')
    .description('列出问题线索及其在某日的办理状态')
    .option('--source <code>', '只列此整改来源移交的线索')
    .option('--state <state>', `只列此状态：${Object.values(LEAD_STATE_LABEL).join('、')}`, oneOf('状态', LEAD_STATE_LABEL))
    .option('--as-of <date>', '按此日计算，默认今天', isoDay('日期'))
    .option('--json', '输出 JSON')
    .action((opts: { source?: string; state?: LeadState; asOf?: string; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const items = await svc.listLeads(l.db, FULL_SCOPE, { asOf: opts.asOf ?? today(), source: opts.source, state: opts.state });
        if (opts.json) return print(JSON.stringify(items, null, 2));
        if (items.length === 0) return print('没有问题线索');
        for (const x of items)
          print(
            `${x.code}  ${x.stateLabel}  ${x.phaseLabel}  ${x.receiverName ?? x.receiverLabel}  移交 ${x.transferredOn}  期限 ${x.deadline}${x.trackingDue ? '  应跟踪' : ''}\n    ${x.summary}`,
          );
      }),
    );
  const add = leads
    .command('add')
    .description('登记一条移交的问题线索；期限按来源设置（默认巡中移交1个月、巡后移交收到后3个月）')
    .requiredOption('--source <code>', '整改来源编号（哪一轮巡察或审计）')
    .requiredOption('--phase <phase>', '移交阶段：during（巡中移交）或 after（巡后移交）', oneOf('移交阶段', LEAD_PHASE_LABEL));
  handOverOptions(add)
    .option('--persons <text>', '被反映人（保密，仅线索台账可见）')
    .requiredOption('--transferred <date>', '移交日期', isoDay('移交日期'))
    .option('--received <date>', '收到日期', isoDay('收到日期'))
    .option('--deadline <date>', '另定的办理期限', isoDay('办理期限'))
    .option('--problem <code...>', '等待该线索核查的问题编号')
    .action(
      (opts: {
        source: string;
        phase: LeadPhase;
        receiver: LeadReceiver;
        receiverName?: string;
        summary: string;
        persons?: string;
        transferred: string;
        received?: string;
        deadline?: string;
        problem?: string[];
      }) =>
        withLedger(async (l, svc) => {
          const r = await svc.registerLead(
            l.db,
            {
              source: opts.source,
              phase: opts.phase,
              receiver: opts.receiver,
              receiverName: opts.receiverName,
              summary: opts.summary,
              persons: opts.persons,
              transferredOn: opts.transferred,
              receivedOn: opts.received,
              deadline: opts.deadline,
              problems: opts.problem,
            },
            who(),
          );
          print(`已登记问题线索 ${r.code}，办理期限 ${r.deadline}`);
        }),
    );
  leads
    .command('show')
    .description('一条问题线索：办理记录与等待其核查的问题')
    .argument('<code>', '线索编号')
    .option('--json', '输出 JSON')
    .action((code: string, opts: { json?: boolean }) =>
      withLedger(async (l, svc) => {
        const d = await svc.leadDetail(l.db, code, FULL_SCOPE, today());
        if (opts.json) return print(JSON.stringify(d, null, 2));
        print(`${d.code}  ${d.stateLabel}（版本 ${d.version}）`);
        print(`  来源：${d.source.code} ${d.source.title}`);
        print(`  ${d.phaseLabel}，移交 ${d.transferredOn}${d.receivedOn ? `，收到 ${d.receivedOn}` : ''}，期限 ${d.deadline}`);
        print(`  接收：${d.receiverName ?? d.receiverLabel}`);
        print(`  摘要：${d.summary}`);
        if (d.persons) print(`  被反映人：${d.persons}`);
        for (const s of d.steps) print(`  ${s.on}  ${s.kindLabel}：${s.text}${s.document ? `（${s.document}）` : ''}  ${s.actor}`);
        for (const p of d.problems) print(`  等待核查的问题：${p.code} ${p.title}`);
      }),
    );
  leads
    .command('step')
    .description(`登记办理进展或处置：${Object.values(LEAD_STEP_LABEL).join('、')}（后五种为办结，须注明文书）`)
    .argument('<code>', '线索编号')
    .requiredOption('--kind <kind>', '办理方式', oneOf('办理方式', LEAD_STEP_LABEL))
    .requiredOption('--text <text>', '办理情况')
    .option('--on <date>', '日期，默认今天', isoDay('日期'))
    .option('--document <text>', '依据的文书（文号或名称）')
    .action((code: string, opts: { kind: LeadStepKind; text: string; on?: string; document?: string }) =>
      withLedger(async (l, svc) => {
        const r = await svc.recordLeadStep(
          l.db,
          code,
          { kind: opts.kind, on: opts.on ?? today(), text: opts.text, document: opts.document },
          who(),
        );
        print(`${code}：已登记“${LEAD_STEP_LABEL[opts.kind]}”，现为${LEAD_STATE_LABEL[r.state]}`);
      }),
    );
  leads
    .command('link')
    .description('关联（或 --remove 取消关联）等待该线索核查的问题')
    .argument('<code>', '线索编号')
    .argument('<problem>', '问题编号')
    .option('--remove', '取消关联')
    .action((code: string, problem: string, opts: { remove?: boolean }) =>
      withLedger(async (l, svc) => {
        await svc.setProblemLink(l.db, code, problem, !opts.remove, who());
        print(opts.remove ? `已取消问题 ${problem} 与线索 ${code} 的关联` : `问题 ${problem} 已标记为等待线索 ${code} 核查`);
      }),
    );
  leads
    .command('stats')
    .description('问题线索统计：收到、办结、正在办理、逾期、办结率，按来源和接收机关，及报告中的表述')
    .option('--source <code>', '只统计此整改来源')
    .option('--as-of <date>', '截至日期，默认今天', isoDay('截至日期'))
    .option('--json', '输出 JSON')
    .action((opts: { source?: string; asOf?: string; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const f = await svc.leadFigures(l.db, FULL_SCOPE, { asOf: opts.asOf ?? today(), source: opts.source });
        if (opts.json) return print(JSON.stringify(f, null, 2));
        const line = (g: typeof f) =>
          `收到 ${g.received}，办结 ${g.concluded}（逾期办结 ${g.concludedLate}），正在办理 ${g.open}（逾期 ${g.overdue}），办结率 ${g.rate === null ? '—' : `${formatRate(g.rate, 1)}%`}`;
        print(`截至 ${f.asOf}：${line(f)}`);
        for (const s of f.bySource) print(`  ${s.key}：${line({ ...f, ...s })}`);
        for (const r of f.byReceiver) print(`  ${r.label}：${line({ ...f, ...r })}`);
        if (f.sentence) print(f.sentence);
      }),
    );
}
