// A reminder posted to a messenger or the SMS gateway over HTTP, signed as each platform documents it:
// - 企业微信 group robot: the key is in the address; JSON {msgtype: 'text', text: {content}}.
// - 钉钉 custom robot with 加签: timestamp (ms) and sign = Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret))
//   added to the address; JSON {msgtype: 'text', text: {content}}.
// - 飞书 custom bot with 签名校验: timestamp (s) and sign = Base64(HMAC-SHA256(key = timestamp + "\n" + secret, ""))
//   in the body; JSON {timestamp, sign, msg_type: 'text', content: {text}}.
// - a generic webhook: JSON {event, key, text}; with a secret, X-Zhenggai-Signature: sha256=<hex HMAC of the body>.
//   X-Zhenggai-Delivery carries the delivery's key, the same on every attempt, so a receiver can drop a repeat.
// - SMS: the installation's gateway (ZG_SMS_URL), the body made from ZG_SMS_TEMPLATE with {{phone}} and {{text}},
//   ZG_SMS_TOKEN as a bearer token.
// An error says what happened and never the address or the secret: errors are stored and shown to the office.
import { createHmac } from 'node:crypto';
import { answerRefusal, CHANNEL_LABEL, type ChannelKind } from '../core/supervision/reminder-channel.ts';

export interface ChannelSecrets {
  readonly kind: ChannelKind;
  readonly target: string;
  readonly secret: string | null;
}

export interface SmsGateway {
  readonly url: string;
  readonly template: string;
  readonly token: string | null;
}

export interface OutgoingReminder {
  /** the delivery's key: the same on every attempt */
  readonly key: string;
  readonly text: string;
}

export type PostReminder = (channel: ChannelSecrets, message: OutgoingReminder) => Promise<void>;

const TIMEOUT_MS = 15_000;
export const DEFAULT_SMS_TEMPLATE = '{"phone":"{{phone}}","text":"{{text}}"}';

/** The SMS gateway the environment names, or null; a template that would not make JSON is refused at start. */
export function smsGatewayFrom(env: NodeJS.ProcessEnv): SmsGateway | null {
  const url = env.ZG_SMS_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new Error('ZG_SMS_URL 应以 http:// 或 https:// 开头');
  const template = env.ZG_SMS_TEMPLATE?.trim() || DEFAULT_SMS_TEMPLATE;
  try {
    JSON.parse(fill(template, '13800000000', '测试'));
  } catch {
    throw new Error('ZG_SMS_TEMPLATE 填入手机号和内容后不是合法的 JSON；请用 {{phone}} 和 {{text}} 标出两处位置，放在引号内');
  }
  return { url, template, token: env.ZG_SMS_TOKEN?.trim() || null };
}

/** The template with the phone and text put in as JSON string contents (quotes and line breaks escaped). */
function fill(template: string, phone: string, text: string): string {
  const inString = (s: string) => JSON.stringify(s).slice(1, -1);
  return template.replaceAll('{{phone}}', inString(phone)).replaceAll('{{text}}', inString(text));
}

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** What goes out for a channel: the address, the headers and the body. */
export function reminderRequest(
  channel: ChannelSecrets,
  message: OutgoingReminder,
  now: Date,
  sms: SmsGateway | null,
): { url: string; headers: Record<string, string>; body: string } {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const secret = channel.secret ?? '';
  switch (channel.kind) {
    case 'wecom':
      return { url: channel.target, headers: json, body: JSON.stringify({ msgtype: 'text', text: { content: message.text } }) };
    case 'dingtalk': {
      const url = new URL(channel.target);
      if (secret) {
        const timestamp = String(now.getTime());
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('sign', hmac(secret, `${timestamp}\n${secret}`).toString('base64'));
      }
      return { url: url.toString(), headers: json, body: JSON.stringify({ msgtype: 'text', text: { content: message.text } }) };
    }
    case 'feishu': {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signed = secret ? { timestamp, sign: hmac(`${timestamp}\n${secret}`, '').toString('base64') } : {};
      return { url: channel.target, headers: json, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: message.text } }) };
    }
    case 'webhook': {
      const body = JSON.stringify({ event: 'zhenggai.reminder', key: message.key, text: message.text });
      const headers: Record<string, string> = { ...json, 'x-zhenggai-delivery': message.key };
      if (secret) headers['x-zhenggai-signature'] = `sha256=${hmac(secret, body).toString('hex')}`;
      return { url: channel.target, headers, body };
    }
    case 'sms': {
      if (!sms) throw new Error('未配置短信网关（ZG_SMS_URL），短信无法发送');
      const headers: Record<string, string> = { ...json, 'x-zhenggai-delivery': message.key };
      if (sms.token) headers.authorization = `Bearer ${sms.token}`;
      return { url: sms.url, headers, body: fill(sms.template, channel.target, message.text) };
    }
  }
}

/** Posts reminders; `now` is asked at each post, for the signatures' timestamps. */
export function reminderPoster(sms: SmsGateway | null, now: () => Date = () => new Date()): PostReminder {
  return async (channel, message) => {
    const r = reminderRequest(channel, message, now(), sms);
    // what was reached: a text message goes through the installation's gateway, not to the phone
    const peer = channel.kind === 'sms' ? '短信网关' : CHANNEL_LABEL[channel.kind];
    let status: number;
    let text: string;
    try {
      // a redirect is not followed: the message (and its signature) would go to whatever host the answer names
      const answer = await fetch(r.url, {
        method: 'POST',
        headers: r.headers,
        body: r.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = answer.status;
      text = await answer.text();
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError';
      // the cause names the host at most (fetch's own message carries no URL); the address itself stays out
      throw new Error(timedOut ? `${peer}在 ${TIMEOUT_MS / 1000} 秒内没有应答` : `无法连接${peer}（网络中断或地址不可达）`);
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // a gateway or webhook may answer in plain text: its status says whether it took the message
    }
    const refused = answerRefusal(channel.kind, status, body);
    if (refused) throw new Error(refused.slice(0, 300));
  };
}
