// `zg keys rotate`: a new field-encryption key (SM4) made current, and every sealed field — the people a lead
// concerns, the public's contacts, people's phones, second-factor secrets — written again under it
// (services/field-sealing.ts). The old keys stay in the key file for backups made under them.
import type { Command } from 'commander';
import { print, withLedger } from './ledger-commands.ts';

export function registerKeyCommands(program: Command): void {
  const cmd = program.command('keys').description('字段加密密钥（SM4）');
  cmd
    .command('rotate')
    .description('轮换字段加密密钥：生成新密钥作为当前密钥，已加密的字段全部以新密钥重新加密；旧密钥保留在密钥文件中，用于解密以前的备份')
    .action(() =>
      withLedger(async (l) => {
        const { rotateFieldKey } = await import('../services/field-sealing.ts');
        const r = await rotateFieldKey(l.db);
        print(`已启用新的字段加密密钥 ${r.keyId}（密钥文件 ${r.file}），${r.written} 个字段已重新加密`);
        print('多台服务器共用数据库时，请把新的密钥文件复制到每一台后再重新启动。');
      }),
    );
}
