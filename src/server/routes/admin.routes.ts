// The organisation tree, people and accounts.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createPerson, createUnit, listPeople, unitTree } from '../../services/organisation.ts';
import { createUser, listUsers } from '../../services/accounts.ts';
import type { Db } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { noQuery, strict, text } from '../input.ts';

const unitKind = z.enum(['party-committee', 'government', 'bureau', 'section', 'town', 'village', 'company', 'school', 'other']);

export function adminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];
  r.get('/api/units', { schema: { tags, summary: '组织机构树', querystring: noQuery } }, async (req) => {
    viewerWith(req, 'read');
    return { items: await unitTree(db) };
  });
  r.post(
    '/api/units',
    {
      schema: {
        tags,
        summary: '新增单位',
        querystring: noQuery,
        body: strict({ name: text(100).min(1), kind: unitKind.optional(), parent: text(100).optional() }),
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      return { id: await createUnit(db, v.displayName, req.body) };
    },
  );
  r.get('/api/people', { schema: { tags, summary: '人员（系统管理员、整改办）', querystring: noQuery } }, async (req) => {
    // names and posts of people: for those who keep the organisation, not for every reader
    viewerWith(req, 'manage-org');
    return { items: await listPeople(db) };
  });
  r.post(
    '/api/people',
    {
      schema: {
        tags,
        summary: '新增人员',
        querystring: noQuery,
        body: strict({ name: text(50).min(1), unit: text(100).optional(), post: text(50).optional(), phone: text(30).optional() }),
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-org');
      return { id: await createPerson(db, v.displayName, req.body) };
    },
  );
  r.get('/api/users', { schema: { tags, summary: '账号', querystring: noQuery } }, async (req) => {
    viewerWith(req, 'manage-users');
    return { items: await listUsers(db) };
  });
  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新增账号',
        querystring: noQuery,
        body: strict({
          username: text(40).min(2),
          displayName: text(50).min(1),
          password: text(200).min(8),
          role: z.enum(['admin', 'office', 'unit', 'leader', 'supervisor']),
          unit: text(100).nullable().optional(),
        }),
      },
    },
    async (req) => {
      const v = viewerWith(req, 'manage-users');
      return { id: await createUser(db, v.displayName, req.body) };
    },
  );
}
