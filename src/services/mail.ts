// The e-mail sender the configuration asks for: ZG_SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) and
// ZG_SMTP_FROM; none when no server is configured (notifications then stay in the application).
import { smtpSender, type SendMail } from '../io/smtp-mail.ts';

export interface MailSender {
  readonly send: SendMail;
  readonly host: string;
  close(): void;
}

export function configuredMail(env: NodeJS.ProcessEnv = process.env): MailSender | null {
  if (!env.ZG_SMTP_URL) return null;
  const s = smtpSender(env.ZG_SMTP_URL, env.ZG_SMTP_FROM ?? 'zhenggai@localhost');
  return { ...s, host: new URL(env.ZG_SMTP_URL).host };
}
