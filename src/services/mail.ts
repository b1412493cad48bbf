// The senders the configuration asks for. E-mail: ZG_SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) and
// ZG_SMTP_FROM; none when no server is configured (notifications then stay in the application). Messengers need
// nothing here (each channel carries its robot's address); text messages go through the gateway ZG_SMS_URL, with
// ZG_SMS_TEMPLATE and ZG_SMS_TOKEN; ZG_APP_URL is how people reach the application, for the links in a message.
import { smtpSender, type SendMail } from '../io/smtp-mail.ts';
import { InvalidInput } from '../core/errors.ts';
import { reminderPoster, smsGatewayFrom, type PostReminder } from '../io/reminder-post.ts';

export type { PostReminder };

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

export interface ReminderSender {
  readonly post: PostReminder;
  readonly sms: boolean;
  /** "https://zhenggai.example.gov.cn", without a trailing slash; null when not set */
  readonly appUrl: string | null;
}

/** The reminders' sender; a setting that cannot work is refused with its sentence (the start stops on it). */
export function configuredReminders(env: NodeJS.ProcessEnv = process.env): ReminderSender {
  const appUrl = env.ZG_APP_URL?.trim().replace(/\/+$/, '') || null;
  if (appUrl && !/^https?:\/\/[^/\s]+/.test(appUrl))
    throw new InvalidInput(`环境变量 ZG_APP_URL 的值“${appUrl.slice(0, 60)}”不是网址，应写作 https://整改通的访问地址`);
  let sms: ReturnType<typeof smsGatewayFrom>;
  try {
    sms = smsGatewayFrom(env);
  } catch (e) {
    throw new InvalidInput((e as Error).message);
  }
  return { post: reminderPoster(sms), sms: sms !== null, appUrl };
}
