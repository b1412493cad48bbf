// `zg accounts`: what only the server's operator may do to accounts, on the server itself — list them, split an older
// ledger's one all-powerful administrator into the three (三员分立), set up another administrator, and reset any
// account's password (the web refuses an administrator's: no administrator can take over another's duty from there).
import type { Command } from 'commander';
import { ADMIN_ROLES, NO_ROLE_LABEL, ROLE_LABEL, type Role } from '../core/access/permissions.ts';
import { InvalidInput } from '../core/errors.ts';
import { print, withLedger } from './ledger-commands.ts';

const accounts = () => import('../services/accounts.ts');
const changes = () => import('../services/account-changes.ts');

/** who acts from the command line, as the log shows it */
const operator = () => ({ id: 0, displayName: `系统（命令行 ${process.env.USER ?? ''}）`.replace(' ）', '）') });

export function registerAccountCommands(program: Command): void {
  const cmd = program.command('accounts').description('账号：列出，三员分立，设立管理员，重置密码（在服务器上运行）');
  cmd
    .command('list')
    .description('列出全部账号及其角色、单位、状态')
    .action(() =>
      withLedger(async (l) => {
        for (const u of await (await accounts()).listUsers(l.db))
          print(
            [u.username, u.displayName, u.role ? ROLE_LABEL[u.role] : NO_ROLE_LABEL, u.unit ?? '—', u.active ? '在用' : '已停用'].join(
              '\t',
            ),
          );
      }),
    );
  cmd
    .command('split')
    .description(
      '三员分立：为只有一个系统管理员的台账创建安全管理员（secadmin）和审计管理员（auditor）账号，密码只显示一次；也可事先用 ZG_SECURITY_PASSWORD、ZG_AUDIT_PASSWORD 指定',
    )
    .action(() =>
      withLedger(async (l) => {
        const made = await (await accounts()).ensureAdministrators(l.db, process.env, { firstStartOnly: false });
        if (!made.length) return print('三员已分立：系统管理员、安全管理员、审计管理员账号均已存在，未作改动');
        for (const a of made)
          print(
            `已创建${a.label}账号 ${a.username}，${a.password ? `初始密码 ${a.password}（只显示这一次，首次登录须修改）` : `密码为环境变量 ${a.env} 的值`}`,
          );
        print('系统管理员不再能查看和办理台账；需要办理业务的，请由系统管理员另建业务账号，安全管理员授予角色。');
      }),
    );
  cmd
    .command('create-admin')
    .description('设立一个管理员账号（系统管理员 admin、安全管理员 security、审计管理员 audit），如接替离任的管理员；密码只显示一次')
    .requiredOption('--role <role>', 'admin、security 或 audit')
    .requiredOption('--username <name>', '用户名')
    .option('--name <name>', '姓名')
    .action((opts: { role: string; username: string; name?: string }) => {
      if (!ADMIN_ROLES.includes(opts.role as Role))
        throw new InvalidInput(
          `--role“${opts.role.slice(0, 20)}”无效：应为 admin（系统管理员）、security（安全管理员）或 audit（审计管理员）`,
        );
      const role = opts.role as Role;
      return withLedger(async (l) => {
        const { createUser } = await accounts();
        const password = (await changes()).oneTimePassword();
        await createUser(l.db, operator().displayName, {
          username: opts.username,
          displayName: opts.name ?? ROLE_LABEL[role],
          password,
          role,
          mustChangePassword: true,
        });
        print(`已设立${ROLE_LABEL[role]}账号 ${opts.username}，初始密码 ${password}（只显示这一次，首次登录须修改）`);
      });
    });
  cmd
    .command('reset')
    .argument('<username>', '用户名')
    .description('重置一个账号的密码（任何账号，包括三类管理员），给出一次性密码，下次登录须修改')
    .action((username: string) =>
      withLedger(async (l) => {
        const { accountId } = await accounts();
        const r = await (await changes()).resetPassword(l.db, operator(), await accountId(l.db, username), true);
        print(`已重置 ${r.username} 的密码，一次性密码 ${r.password}（只显示这一次，登录后须修改）`);
      }),
    );
}
