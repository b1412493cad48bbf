// E-mail out over SMTP (nodemailer). The server is given as a URL (smtp://user:pass@host:587, smtps://… for TLS);
// each message carries a Message-ID made from its delivery key, so a receiving server that saw it once can tell.
import type { Transporter } from 'nodemailer';
import { mailer } from './lazy-modules.ts';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** stable per delivery: "<digest:unit:3:2025-03-01@zhenggai>" */
  readonly messageId: string;
}

export type SendMail = (mail: OutgoingMail) => Promise<void>;

export function smtpSender(url: string, from: string): { send: SendMail; close: () => void } {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`邮件服务器地址应以 smtp:// 或 smtps:// 开头：${url}`);
  const options = {
    host: u.hostname,
    port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587),
    secure: u.protocol === 'smtps:',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    // a server that stops answering is a failed attempt, tried again later, not a stuck run
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
  // the client is loaded with the first message: a server that sends none never loads it
  let transport: Transporter | null = null;
  return {
    send: async (m) => {
      transport ??= (await mailer()).createTransport(options);
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close: () => transport?.close(),
  };
}
