import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createPerson, createUnit, listPeople, setUnitRetired, unitTree, updateUnit } from '../../services/organisation.ts';
import { createUser, listUsers } from '../../services/accounts.ts';
import { resetPassword, setUserActive, updateUser } from '../../services/account-changes.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';
import { can } from '../../core/access/permissions.ts';
export function adminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];
  r.get('/api/units', { schema: { ...contract('GET /api/units'), tags, summary: '组织机构树' } }, async (req) => {
    const v = viewerWith(req, 'read', 'manage-org');
    return { items: await unitTree(db, { contacts: can(v.role, 'manage-org') }) };
  });
  r.post(
    '/api/units',
    {
      schema: {
        ...contract('POST /api/units'),
        tags,
        summary: '新增单位',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      const id = await createUnit(db, v.displayName, req.body, v.scope);
      return { id };
    },
  );
  r.put(
    '/api/units/:id',
    {
      schema: {
        ...contract('PUT /api/units/:id'),
        tags,
        summary: '修改单位（名称、类型、上级单位、邮箱）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      await updateUnit(db, v.displayName, req.params.id, req.body, v.scope);
      return { ok: true };
    },
  );
  r.put(
    '/api/units/:id/retired',
    {
      schema: {
        ...contract('PUT /api/units/:id/retired'),
        tags,
        summary: '撤销或恢复单位',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      const r = await setUnitRetired(db, v.displayName, req.params.id, req.body.retired, v.scope);
      return r;
    },
  );
  r.get('/api/people', { schema: { ...contract('GET /api/people'), tags, summary: '人员（系统管理员、整改办）' } }, async (req) => {
    // names and posts of people: for those who keep the organisation, not for every reader
    const v = viewerWith(req, 'manage-org');
    return { items: await listPeople(db, v.scope) };
  });
  r.post(
    '/api/people',
    {
      schema: {
        ...contract('POST /api/people'),
        tags,
        summary: '新增人员',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      return { id: await createPerson(db, v.displayName, req.body, v.scope) };
    },
  );
  r.get('/api/users', { schema: { ...contract('GET /api/users'), tags, summary: '账号（系统、安全、审计管理员）' } }, async (req) => {
    viewerWith(req, 'manage-users', 'grant-roles', 'audit-log');
    return { items: await listUsers(db) };
  });
  r.post(
    '/api/users',
    {
      schema: {
        ...contract('POST /api/users'),
        tags,
        summary: '新增账号（角色由安全管理员授予）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-users');
      // the initial password was chosen by the administrator: the person sets their own at the first login
      return { id: await createUser(db, v.displayName, { ...req.body, mustChangePassword: true, ip: req.ip }) };
    },
  );
  r.put(
    '/api/users/:id',
    {
      schema: {
        ...contract('PUT /api/users/:id'),
        tags,
        summary: '修改账号（姓名、单位）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-users');
      await updateUser(db, { ...v, ip: req.ip }, req.params.id, req.body);
      return { ok: true };
    },
  );
  r.post(
    '/api/users/:id/password-reset',
    {
      schema: {
        ...contract('POST /api/users/:id/password-reset'),
        tags,
        summary: '重置密码（安全管理员；一次性密码，下次登录须修改）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'grant-roles');
      const r = await resetPassword(db, { ...v, ip: req.ip }, req.params.id);
      return r;
    },
  );
  r.put(
    '/api/users/:id/active',
    {
      schema: {
        ...contract('PUT /api/users/:id/active'),
        tags,
        summary: '停用或启用账号（停用即结束其全部会话）',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-users');
      const r = await setUserActive(db, { ...v, ip: req.ip }, req.params.id, req.body.active);
      return r;
    },
  );
}
