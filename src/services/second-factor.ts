// The second factor for each account (core/access/second-factor.ts): set up by the person (a secret made, sealed with
// SM4 and kept; proved with a first code), asked for at every login once set up, required of the roles the security
// administrator names, and taken away by the security administrator when a phone is lost — each step in the log.
import { createHmac, randomBytes } from 'node:crypto';
import { base32, codeOfDigest, fromBase32, otpauthUri, stepAt, TOTP_WINDOW } from '../core/access/second-factor.ts';
import { ActionRefused, NotFoundError } from '../core/errors.ts';
import { appendEvents } from '../store/event.repository.ts';
import type { Db } from '../store/open-database.ts';
import { takeTotpStep, updateUserRow, userById } from '../store/account.repository.ts';
import { deleteSessionsOf } from '../store/session.repository.ts';
import { openField, sealField } from './field-cipher.ts';

/** The code of a secret at a time step. */
export function totpCode(secret: Uint8Array, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  return codeOfDigest(createHmac('sha1', secret).update(counter).digest());
}

/** The step a code matches around `now`, or null. */
export function matchingStep(secretBase32: string, code: string, now: number): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const secret = fromBase32(secretBase32);
  const at = stepAt(now);
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) if (totpCode(secret, at + d) === given) return at + d;
  return null;
}

interface Who {
  readonly id: number;
  readonly displayName: string;
  readonly ip?: string | undefined;
}

/**
 * A new secret for the person's own account, not yet asked for at login: shown once to be put into their app, and
 * proved by `confirmSecondFactor`. One already proved is not replaced here (the security administrator removes it).
 */
export async function beginSecondFactor(db: Db, who: Who): Promise<{ secret: string; uri: string }> {
  const u = await userById(db, who.id);
  if (!u) throw new NotFoundError('账号不存在');
  if (u.totp_confirmed_at) throw new ActionRefused('已启用身份验证器；如需更换（如手机遗失），请安全管理员为您解除后重新设置');
  const secret = base32(randomBytes(20));
  await updateUserRow(db, u.id, { totp_secret: sealField(secret), totp_last_step: null });
  return { secret, uri: otpauthUri(secret, u.username) };
}

/** The first code from the app proves it holds the secret: from now on every login asks for a code. */
export async function confirmSecondFactor(db: Db, who: Who, code: string): Promise<void> {
  const u = await userById(db, who.id);
  const secret = openField(u?.totp_secret);
  if (!u || !secret) throw new ActionRefused('请先生成身份验证器密钥');
  if (u.totp_confirmed_at) throw new ActionRefused('身份验证器已启用');
  const step = matchingStep(secret, code, Date.now());
  if (step === null) throw new ActionRefused('动态验证码不正确：请核对手机时间，输入身份验证器中当前显示的 6 位数字');
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, u.id, { totp_confirmed_at: new Date(), totp_last_step: String(step) });
    await appendEvents(trx, [
      { actor: who.displayName, entity: 'user', entityId: u.id, action: 'second-factor-on', after: who.ip ? { ip: who.ip } : {} },
    ]);
  });
}

/**
 * Whether a code given at login is the account's, taken once: a code already used (seen by another, or sent twice)
 * is refused, as is any older one.
 */
export async function takeLoginCode(
  db: Db,
  user: { id: number; totp_secret: string | null; totp_last_step: string | number | null },
  code: string,
): Promise<boolean> {
  const secret = openField(user.totp_secret);
  if (!secret) return false;
  const step = matchingStep(secret, code, Date.now());
  if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) return false;
  // taken in the database, not here: two logins with the same code at once both pass the check above
  return takeTotpStep(db, user.id, step);
}

/** The security administrator's removal of an account's second factor (a phone lost): its sessions end. */
export async function removeSecondFactor(db: Db, actor: Who, userId: number): Promise<{ username: string }> {
  if (actor.id === userId) throw new ActionRefused('不能解除自己的身份验证器，请由另一位安全管理员办理');
  return db.transaction().execute(async (trx) => {
    const u = await userById(trx, userId);
    if (!u) throw new NotFoundError(`账号 ${userId} 不存在`);
    await updateUserRow(trx, u.id, { totp_secret: null, totp_confirmed_at: null, totp_last_step: null });
    await deleteSessionsOf(trx, u.id);
    await appendEvents(trx, [
      { actor: actor.displayName, entity: 'user', entityId: u.id, action: 'second-factor-off', after: actor.ip ? { ip: actor.ip } : {} },
    ]);
    return { username: u.username };
  });
}
