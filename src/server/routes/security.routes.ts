// The security administrator's grants, unlocks and policy, and the audit administrator's log (三员分立: each route
// asks for the one duty's capability, so the system administrator reaches none of them).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { grantRole, unlockAccount } from '../../services/account-changes.ts';
import { removeSecondFactor } from '../../services/second-factor.ts';
import { changePolicy, currentPolicy } from '../../services/security-policy.ts';
import { auditChain, auditEvents, auditExport } from '../../services/audit-review.ts';
import { passwordRule } from '../../core/access/security-policy.ts';
import { beijingClock } from '../../core/ledger/dates.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';
import { sendFileStream } from '../download.ts';

export function securityRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['安全与审计'];
  r.put(
    '/api/users/:id/role',
    { schema: { ...contract('PUT /api/users/:id/role'), tags, summary: '授予或收回业务角色（安全管理员；其会话随即结束）' } },
    async (req) => {
      const v = viewerWith(req, 'grant-roles');
      await grantRole(db, { ...v, ip: req.ip }, req.params.id, req.body);
      return { ok: true };
    },
  );
  r.post(
    '/api/users/:id/unlock',
    { schema: { ...contract('POST /api/users/:id/unlock'), tags, summary: '解除因登录失败造成的等待（安全管理员）' } },
    async (req) => unlockAccount(db, { ...viewerWith(req, 'grant-roles'), ip: req.ip }, req.params.id),
  );
  r.delete(
    '/api/users/:id/second-factor',
    { schema: { ...contract('DELETE /api/users/:id/second-factor'), tags, summary: '解除账号的身份验证器（如手机遗失；其会话随即结束）' } },
    async (req) => removeSecondFactor(db, { ...viewerWith(req, 'grant-roles'), ip: req.ip }, req.params.id),
  );
  r.get('/api/security-policy', { schema: { ...contract('GET /api/security-policy'), tags, summary: '安全策略' } }, async (req) => {
    viewerWith(req, 'security-policy');
    const { policy, version } = await currentPolicy(db);
    return { policy, version, passwordRule: passwordRule(policy) };
  });
  r.put(
    '/api/security-policy',
    { schema: { ...contract('PUT /api/security-policy'), tags, summary: '修改安全策略（安全管理员；记入操作日志）' } },
    async (req) => {
      const v = viewerWith(req, 'security-policy');
      const { version, ...given } = req.body;
      const policy = await changePolicy(db, v.displayName, given, version, req.ip);
      return { policy, version: version + 1, passwordRule: passwordRule(policy) };
    },
  );
  r.get(
    '/api/audit/events',
    { schema: { ...contract('GET /api/audit/events'), tags, summary: '操作日志（审计管理员；按人员、类别、时段筛选）' } },
    async (req) => {
      viewerWith(req, 'audit-log');
      const { page, ...filter } = req.query;
      return auditEvents(db, filter, page);
    },
  );
  r.get(
    '/api/audit/events/export',
    { schema: { ...contract('GET /api/audit/events/export'), tags, summary: '导出操作日志（CSV，Excel 可直接打开）' } },
    async (req, reply) => {
      viewerWith(req, 'audit-log');
      const name = `操作日志-${beijingClock(new Date()).day}.csv`;
      return sendFileStream(reply, name, 'text/csv; charset=utf-8', auditExport(db, req.query));
    },
  );
  r.get(
    '/api/audit/chain',
    { schema: { ...contract('GET /api/audit/chain'), tags, summary: '核验操作日志的哈希链，日志占用空间' } },
    async (req) => {
      viewerWith(req, 'audit-log');
      return auditChain(db);
    },
  );
}
