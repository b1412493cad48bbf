// What the public sent (社会监督) and how the office handled it. Only this file reads the sender's name and phone, and
// only for the intake queue (submissionsInScope, submissionInScope); the public part reads a submission by its
// reference and sees its own text's fate, never anyone's contact.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import type { Tx } from './ledger.repository.ts';
import type { Database } from './schema.ts';
import { sourceScopeSql } from './scope.ts';

/**
 * The next submission's number in its year, drawn in the transaction that writes it: one after another, so that no
 * number goes missing when a process dies (a sequence's cached values would be lost) or a send is refused.
 */
export async function nextSubmissionNumber(trx: Tx, year: string): Promise<number> {
  // two sends at one moment would otherwise take the same number: the second waits for the first to commit
  await sql`select pg_advisory_xact_lock(hashtext(${`submission-number:${year}`}))`.execute(trx);
  const r = await sql<{ n: number }>`
    select coalesce(max(substring(ref from 8 for 6)::int), 0)::int as n from submission where ref like ${`YJ${year}-%`}`.execute(trx);
  return (r.rows[0]?.n ?? 0) + 1;
}

export async function insertSubmission(trx: Tx, row: Insertable<Database['submission']>): Promise<number> {
  const r = await trx.insertInto('submission').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** How many an address sent since a moment (a hash of it: the address itself is not kept). */
export async function sentFromAddressSince(db: Tx, addressHash: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('submission')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('address_hash', '=', addressHash)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The first submission of the same text about the same source, which a repeat is counted under. */
export function firstOfSameText(db: Tx, sourceId: number, contentHash: string) {
  return db
    .selectFrom('submission')
    .select(['id', 'ref'])
    .where('source_id', '=', sourceId)
    .where('content_hash', '=', contentHash)
    .where('duplicate_of', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * What its sender sees of a submission: its kind, when it came, whether handled, and the office's reply — for a
 * repeat of an earlier text, those of the earlier one, which the office handles for both.
 */
export function submissionByRef(db: Tx, ref: string) {
  return db
    .selectFrom('submission as sb')
    .innerJoin('publication as pb', 'pb.id', 'sb.publication_id')
    .leftJoin('submission as o', 'o.id', 'sb.duplicate_of')
    .select([
      'sb.ref',
      'sb.kind',
      'sb.content',
      'sb.received_on',
      sql<Date | null>`coalesce(o.read_at, sb.read_at)`.as('read_at'),
      sql<string | null>`coalesce(o.handled_on, sb.handled_on)`.as('handled_on'),
      sql<string | null>`coalesce(o.reply, sb.reply)`.as('reply'),
      sql<string | null>`coalesce(o.replied_on, sb.replied_on)`.as('replied_on'),
      sql<boolean>`sb.duplicate_of is not null`.as('merged'),
      // what became of it, without which problem or which lead: the sender learns that, not the ledger's codes
      sql<boolean>`coalesce(o.problem_id, sb.problem_id) is not null`.as('on_ledger'),
      sql<boolean>`coalesce(o.lead_id, sb.lead_id) is not null`.as('handed_over'),
      'pb.id as publication_id',
      'pb.title as publication_title',
    ])
    .where('sb.ref', '=', ref)
    .executeTakeFirst();
}

const INTAKE_COLUMNS = [
  'sb.id',
  'sb.ref',
  'sb.kind',
  'sb.content',
  'sb.contact_name',
  'sb.contact_phone',
  'sb.received_on',
  'sb.received_at',
  'sb.read_at',
  'sb.read_by',
  'sb.reply',
  'sb.replied_on',
  'sb.replied_by',
  'sb.handled_on',
  'sb.version',
  'sb.source_id',
  's.code as source_code',
  's.title as source_title',
  'pb.id as publication_id',
  'pb.title as publication_title',
  'p.code as problem_code',
  'l.code as lead_code',
  'd.ref as duplicate_of_ref',
] as const;

function intake(db: Tx, scope: Scope) {
  return db
    .selectFrom('submission as sb')
    .innerJoin('source as s', 's.id', 'sb.source_id')
    .innerJoin('publication as pb', 'pb.id', 'sb.publication_id')
    .leftJoin('problem as p', 'p.id', 'sb.problem_id')
    .leftJoin('lead as l', 'l.id', 'sb.lead_id')
    .leftJoin('submission as d', 'd.id', 'sb.duplicate_of')
    .select(INTAKE_COLUMNS)
    .where(sourceScopeSql(scope, 'few'));
}

export function submissionsInScope(
  db: Tx,
  scope: Scope,
  filter: { sourceCode?: string | undefined; state?: 'new' | 'read' | 'handled' | undefined },
) {
  let q = intake(db, scope);
  if (filter.sourceCode) q = q.where('s.code', '=', filter.sourceCode);
  if (filter.state === 'new') q = q.where('sb.read_at', 'is', null).where('sb.handled_on', 'is', null);
  if (filter.state === 'read') q = q.where('sb.read_at', 'is not', null).where('sb.handled_on', 'is', null);
  if (filter.state === 'handled') q = q.where('sb.handled_on', 'is not', null);
  return q.orderBy('sb.received_at', 'desc').orderBy('sb.id', 'desc').limit(1000).execute();
}

export type SubmissionRow = Awaited<ReturnType<typeof submissionsInScope>>[number];

export function submissionInScope(db: Tx, ref: string, scope: Scope) {
  return intake(db, scope).where('sb.ref', '=', ref).executeTakeFirst();
}

/** A submission changed at the version the person saw; false when someone changed it since. */
export async function updateSubmissionAtVersion(
  trx: Tx,
  id: number,
  version: number,
  values: Updateable<Database['submission']>,
): Promise<boolean> {
  const r = await trx
    .updateTable('submission')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When each submission about a source came and was handled, for the figures a 通报 states. */
export function submissionDatesOfSource(db: Tx, sourceId: number) {
  return db.selectFrom('submission').select(['received_on', 'handled_on', 'duplicate_of']).where('source_id', '=', sourceId).execute();
}
