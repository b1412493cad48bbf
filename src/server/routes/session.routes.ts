// Logging in and out, and who is logged in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { login, logout, type Viewer } from '../../services/accounts.ts';
import { LoginThrottled } from '../../core/errors.ts';
import { NO_ROLE_LABEL, ROLE_LABEL } from '../../core/access/permissions.ts';
import type { SecurityPolicy } from '../../core/access/security-policy.ts';
import { currentPolicy } from '../../services/security-policy.ts';
import { beginSecondFactor, confirmSecondFactor } from '../../services/second-factor.ts';
import { grouped } from '../../core/access/second-factor.ts';
import { personalRecord, type LoginHistory } from '../../services/security-log.ts';
import type { Db } from '../../services/ledger.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { changeOwnPassword } from '../../services/account-changes.ts';
import { notLoggedIn } from '../errors.ts';
import { KNOWN_DEVICE_DAYS } from '../../core/access/login-throttle.ts';
import { contract } from '../contract.ts';

/** the browser's device cookie: which browsers an account has logged in from (login-throttle.ts) */
const DEVICE_COOKIE = 'zg_device';

const present = (v: Viewer, csrf: string, policy: SecurityPolicy, history?: LoginHistory) => ({
  user: {
    username: v.username,
    displayName: v.displayName,
    role: v.role,
    roleLabel: v.role ? ROLE_LABEL[v.role] : NO_ROLE_LABEL,
    unit: v.unitName,
    mustChangePassword: v.mustChangePassword,
    mustSetUpSecondFactor: v.mustSetUpSecondFactor,
    secondFactor: v.secondFactor,
  },
  capabilities: v.capabilities,
  csrf,
  passwordPolicy: { minLength: policy.minLength, classes: policy.classes, passphraseLength: policy.passphraseLength },
  ...(history ? { history } : {}),
});

export function sessionRoutes(app: FastifyInstance, db: Db, secureCookies: boolean): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/session',
    {
      schema: {
        ...contract('POST /api/session'),
        tags: ['账号'],
        summary: '登录',
      },
    },
    async (req, reply) => {
      const s = await login(db, { ...req.body, ip: req.ip, device: req.cookies[DEVICE_COOKIE] }).catch((e: unknown) => {
        // the refusal says when in Chinese; the header says it to programs
        if (e instanceof LoginThrottled) reply.header('retry-after', String(e.retryAfterSeconds));
        throw e;
      });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        maxAge: s.sessionHours * 3_600,
      });
      // sent back only to this route: it says nothing to any other, and is no key to anything but a shorter wait
      reply.setCookie(DEVICE_COOKIE, s.device, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/api/session',
        maxAge: KNOWN_DEVICE_DAYS * 86_400,
      });
      return present(s.viewer, s.csrf, (await currentPolicy(db)).policy, s.history);
    },
  );
  r.get('/api/session', { schema: { ...contract('GET /api/session'), tags: ['账号'], summary: '当前登录的用户' } }, async (req) => {
    if (!req.viewer || !req.csrf) throw notLoggedIn(req);
    return present(req.viewer, req.csrf, (await currentPolicy(db)).policy);
  });
  r.delete('/api/session', { schema: { ...contract('DELETE /api/session'), tags: ['账号'], summary: '退出登录' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      await logout(db, token, req.ip);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.post(
    '/api/session/password',
    {
      schema: {
        ...contract('POST /api/session/password'),
        tags: ['账号'],
        summary: '修改自己的密码（其他会话随即结束）',
      },
    },
    async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!req.viewer || !token) throw notLoggedIn(req);
      await changeOwnPassword(db, { ...req.viewer, ip: req.ip }, req.body, token);
      return { ok: true };
    },
  );
  r.post(
    '/api/session/second-factor/begin',
    {
      schema: {
        ...contract('POST /api/session/second-factor/begin'),
        tags: ['账号'],
        summary: '设置身份验证器：生成密钥（只显示这一次），以验证码确认后启用',
      },
    },
    async (req) => {
      if (!req.viewer) throw notLoggedIn(req);
      const r = await beginSecondFactor(db, req.viewer);
      return { ...r, grouped: grouped(r.secret) };
    },
  );
  r.post(
    '/api/session/second-factor',
    { schema: { ...contract('POST /api/session/second-factor'), tags: ['账号'], summary: '以身份验证器当前的验证码确认并启用' } },
    async (req) => {
      if (!req.viewer) throw notLoggedIn(req);
      await confirmSecondFactor(db, { ...req.viewer, ip: req.ip }, req.body.code);
      return { ok: true };
    },
  );
  r.get(
    '/api/session/record',
    { schema: { ...contract('GET /api/session/record'), tags: ['账号'], summary: '我的信息：系统中关于本人的记录' } },
    async (req) => {
      if (!req.viewer) throw notLoggedIn(req);
      return personalRecord(db, req.viewer);
    },
  );
}
