// `zg publish` and `zg submissions`: public supervision from the command line — publish a source's 通报 to the public
// part (its public version, opening the comment period), and work the queue of what the public sent: list, show (with
// the sender's contact), read, answer, link a problem, open a new problem, hand over as a lead. Each action is made
// from the submission's present version, as the web makes it from the version it shows.
import type { Command } from 'commander';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import type { LeadReceiver } from '../core/leads/lead.ts';
import { SUBMISSION_STATE_LABEL, type SubmissionState } from '../core/public/submission.ts';
import type { SubmissionAction } from '../services/public-supervision.ts';
import { isoDay, oneOf } from './arguments.ts';
import { cliActor, print, withLedger } from './ledger-commands.ts';
import { handOverOptions } from './lead-commands.ts';

const who = cliActor;

export function registerPublicCommands(program: Command): void {
  program
    .command('publish <source>')
    .description('发布整改来源的通报公开版到公开页面，并开始公开期限（按公开设置隐去姓名、手机号）')
    .option('--as-of <date>', '统计截止日期，默认今天', isoDay('统计截止日期'))
    .option('--date <date>', '发布（成文）日期，默认今天；公开期限自此日起算', isoDay('发布日期'))
    .action((source: string, opts: { asOf?: string; date?: string }) =>
      withLedger(async (l, svc) => {
        const r = await svc.publishTongbao(l.db, source, { asOf: opts.asOf, date: opts.date }, who());
        print(`已发布：${r.title}（公开页面 /p/${r.id}），公开期限 ${r.publishedOn} 至 ${r.periodEnd}`);
      }),
    );

  const subs = program.command('submissions').description('群众反映：公开期限内群众提交的意见建议、投诉和问题线索的受理与办理');
  subs
    .command('list')
    .description('列出群众反映')
    .option('--source <code>', '只列此整改来源的')
    .option('--state <state>', `只列此状态：${Object.values(SUBMISSION_STATE_LABEL).join('、')}`, oneOf('状态', SUBMISSION_STATE_LABEL))
    .option('--json', '输出 JSON')
    .action((opts: { source?: string; state?: SubmissionState; json?: boolean }) =>
      withLedger(async (l, svc) => {
        const items = await svc.listSubmissions(l.db, FULL_SCOPE, { source: opts.source, state: opts.state });
        if (opts.json) return print(JSON.stringify(items, null, 2));
        if (items.length === 0) return print('没有群众反映');
        for (const x of items)
          print(
            `${x.ref}  ${x.kindLabel}  ${x.stateLabel}${x.duplicateOf ? `（与 ${x.duplicateOf} 相同）` : ''}  ${x.receivedOn}  ${x.source.code}\n    ${x.content.length > 80 ? `${x.content.slice(0, 80)}…` : x.content}`,
          );
      }),
    );
  subs
    .command('show <ref>')
    .description('一件群众反映的全文和办理情况；联系方式遮盖显示，加 --contact 显示完整联系方式（记入审计日志）')
    .option('--contact', '显示反映人的完整姓名、电话和原文（作为“查看个人信息”记入审计日志）')
    .action((ref: string, opts: { contact?: boolean }) =>
      withLedger(async (l, svc) => {
        const x = await svc.submissionDetail(l.db, ref, FULL_SCOPE);
        // the whole contact is looked at one at a time, and the look is logged under the operating system's user
        const who = cliActor().actor;
        const whole = opts.contact ? await svc.submissionContact(l.db, ref, FULL_SCOPE, { actor: who, account: who, ip: 'localhost' }) : x;
        print(
          [
            `${x.ref}  ${x.kindLabel}  ${x.stateLabel}  ${x.receivedOn} 收到`,
            `关于：《${x.publication.title}》（${x.source.code}）`,
            `反映人：${whole.contactName ?? '未留姓名'}  联系电话：${whole.contactPhone ?? '未留电话'}${opts.contact ? '' : '（加 --contact 显示完整联系方式）'}`,
            '',
            whole.content,
            '',
            ...(x.reply ? [`答复（${x.repliedOn}，${x.repliedBy}）：${x.reply}`] : []),
            ...(x.problem ? [`关联问题：${x.problem}`] : []),
            ...(x.lead ? [`已移交问题线索：${x.lead}`] : []),
          ].join('\n'),
        );
      }),
    );
  const act = (ref: string, action: SubmissionAction, done: string) =>
    withLedger(async (l, svc) => {
      const x = await svc.submissionDetail(l.db, ref, FULL_SCOPE);
      const r = await svc.handleSubmission(l.db, ref, action, x.version, who());
      print(`${done}${r.problem ? `：问题 ${r.problem}` : ''}${r.lead ? `：问题线索 ${r.lead}` : ''}`);
    });
  subs
    .command('read <ref>')
    .description('阅知')
    .action((ref: string) => act(ref, { kind: 'read' }, `${ref} 已阅知`));
  subs
    .command('reply <ref>')
    .description('答复（反映人凭查询码可见）')
    .requiredOption('--text <text>', '答复内容')
    .action((ref: string, opts: { text: string }) => act(ref, { kind: 'reply', text: opts.text }, `${ref} 已答复`));
  subs
    .command('link <ref>')
    .description('关联同一整改来源的已有问题')
    .requiredOption('--problem <code>', '问题编号')
    .action((ref: string, opts: { problem: string }) => act(ref, { kind: 'link', problem: opts.problem }, `${ref} 已关联`));
  subs
    .command('problem <ref>')
    .description('据此在台账新增一个问题（反映内容为问题详情）')
    .requiredOption('--title <text>', '新问题的标题')
    .action((ref: string, opts: { title: string }) => act(ref, { kind: 'problem', title: opts.title }, `${ref} 已新增问题`));
  handOverOptions(subs.command('lead <ref>').description('移交为问题线索（进入问题线索台账）')).action(
    (ref: string, opts: { receiver: LeadReceiver; receiverName?: string; summary: string }) =>
      act(ref, { kind: 'lead', receiver: opts.receiver, receiverName: opts.receiverName, summary: opts.summary }, `${ref} 已移交`),
  );
}
