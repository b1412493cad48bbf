// Sources (a report, a workbook, a self-evaluation: where problems came from) as a viewer may see or manage them:
// `sourceScopeSql` for what a viewer sees, `ownsSourceSql` for what it manages as a whole (store/scope.ts).
import { sql, type Updateable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { SourceTable } from './schema.ts';
import { ownsSourceSql, sourceScopeSql } from './scope.ts';

/** The id of a source the viewer sees. */
export async function visibleSourceId(db: Tx, code: string, scope: Scope): Promise<number | undefined> {
  return (await db.selectFrom('source as s').select('id').where('code', '=', code).where(sourceScopeSql(scope, 'few')).executeTakeFirst())
    ?.id;
}

/** The source of that code, whoever sees it: a workbook's import finds the source it writes into. */
export function sourceByCode(db: Tx, code: string) {
  return db.selectFrom('source').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

/** A source the viewer sees (`owned`: one it owns), whole. */
export function sourceInScope(db: Tx, code: string, scope: Scope, owned: boolean) {
  return db
    .selectFrom('source as s')
    .selectAll()
    .where('code', '=', code)
    .where(owned ? ownsSourceSql(scope) : sourceScopeSql(scope, 'few'))
    .executeTakeFirst();
}

/** What a form about one problem is signed with: the source's publication settings and who issued it. */
export function sourceSigning(db: Tx, code: string) {
  return db
    .selectFrom('source')
    .select(['code', 'publication', 'parsed', 'inspected_unit', 'issuer'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

/** Whether the viewer owns the source of that id. */
export async function ownsSource(db: Tx, id: number, scope: Scope): Promise<boolean> {
  return (
    (await db.selectFrom('source as s').select('s.id').where('s.id', '=', id).where(ownsSourceSql(scope)).executeTakeFirst()) !== undefined
  );
}

/** A source the viewer owns, locked for a change of its settings or its owner. */
export function lockOwnedSource(trx: Tx, code: string, scope: Scope) {
  return trx
    .selectFrom('source as s')
    .select(['s.id', 's.warning', 's.publication', 's.supervision', 's.parsed', 's.owner_unit_id', 's.version'])
    .where('s.code', '=', code)
    .where(ownsSourceSql(scope))
    .forUpdate()
    .executeTakeFirst();
}

export async function updateSource(trx: Tx, id: number, values: Updateable<SourceTable>): Promise<void> {
  await trx.updateTable('source').set(values).where('id', '=', id).execute();
}

/** A source the viewer sees, with the name of its owner (null: none yet). */
export function visibleSourceOwner(db: Tx, code: string, scope: Scope) {
  return db
    .selectFrom('source as s')
    .leftJoin('org_unit as u', 'u.id', 's.owner_unit_id')
    .select('u.name')
    .where('s.code', '=', code)
    .where(sourceScopeSql(scope, 'few'))
    .executeTakeFirst();
}

/** The supervision policy as stored for a source the viewer sees. */
export function visibleSourceSupervision(db: Tx, code: string, scope: Scope) {
  return db
    .selectFrom('source as s')
    .select('s.supervision')
    .where('s.code', '=', code)
    .where(sourceScopeSql(scope, 'few'))
    .executeTakeFirst();
}

/** What an assessment says of the source besides its problems. */
export function sourceForAssessment(db: Tx, id: number) {
  return db.selectFrom('source').select(['title', 'inspected_unit', 'document_id', 'publication']).where('id', '=', id).executeTakeFirst();
}

/** The codes of every source but self-evaluations, in code order. */
export async function inspectionSourceCodes(db: Tx): Promise<string[]> {
  const rows = await db
    .selectFrom('source as s')
    .select('code')
    .where('kind', '!=', 'self-evaluation')
    .orderBy(sql`code_order(code)`)
    .execute();
  return rows.map((r) => r.code);
}

/** The codes of the sources the viewer sees, in code order, at most `limit`. */
export async function visibleSourceCodes(db: Tx, scope: Scope, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('source as s')
    .select('code')
    .where(sourceScopeSql(scope))
    .orderBy(sql`code_order(code)`)
    .limit(limit)
    .execute();
  return rows.map((r) => r.code);
}

/** The sources the viewer sees, each with its owner and how many of its top-level problems the viewer sees. */
export function visibleSources(db: Tx, scope: Scope) {
  return db
    .selectFrom('source as s')
    .leftJoin('org_unit as o', 'o.id', 's.owner_unit_id')
    .select(['s.id', 's.code', 's.kind', 's.title', 's.feedback_date', 's.report_date', 'o.id as owner_unit_id', 'o.name as owner'])
    .where(sourceScopeSql(scope))
    .orderBy(sql`code_order(s.code)`)
    .execute();
}

/** The overall figures a source's report states, in the order of its lines. */
export function claimsOfSource(db: Tx, sourceId: number) {
  return db
    .selectFrom('claim')
    .select(['metric', 'value', 'scope', 'line', 'text'])
    .where('source_id', '=', sourceId)
    .orderBy('line')
    .execute();
}

/**
 * Every source (or the one given) with its generation (migration 0022) and whether the viewer owns it whole — as
 * `ownsSourceSql` says: every source for a viewer who sees all, none for one scoped by problems.
 */
export async function sourceGenerations(db: Tx, scope: Scope, sourceId: number | null) {
  const rows = await db
    .selectFrom('source_generation as g')
    .innerJoin('source as s', 's.id', 'g.source_id')
    .select(['g.source_id', 'g.gen', sql<boolean>`${ownsSourceSql(scope)}`.as('owned')])
    .$if(sourceId !== null, (qb) => qb.where('g.source_id', '=', sourceId as number))
    .execute();
  return rows.map((r) => ({ id: r.source_id, gen: String(r.gen), owned: r.owned }));
}
