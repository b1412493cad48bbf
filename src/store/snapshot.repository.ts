// A source's ledger as it stood at the end of a day, read for the documents made from it: statuses from the status
// history, the latest progress note and the money recorded by then. Read a page at a time (see PAGE).
import { sql } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';
import { append } from '../core/append.ts';
import { statusOnSql } from './as-of.ts';
import type { Tx } from './ledger.repository.ts';
import { problemsWithNames } from './problem-list.repository.ts';
import { scopeSql } from './scope.ts';

/**
 * Rows are read a page at a time: on the embedded database every statement runs on the server's own thread, and one
 * statement over a 5,000-problem source (with its 25,000 measures) held everyone else for a quarter of a second.
 */
const PAGE = 1000;

async function inPages<T>(ids: readonly number[], read: (some: number[]) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < ids.length; i += PAGE) append(all, await read(ids.slice(i, i + PAGE)));
  return all;
}

/** Every problem of a source in scope, with its status (`status_on`, null: not yet on the ledger) and note as of a day. */
export async function problemsAsOfDay(db: Tx, sourceId: number, asOf: string, scope: Scope) {
  const problemsFrom = (after: { ordinal: number; id: number } | null) =>
    problemsWithNames(db)
      .innerJoin('source as s', 's.id', 'p.source_id') // the viewer's scope may be over sources
      .select([
        'p.id',
        'p.ordinal',
        'p.parent_id',
        'p.aspect_id',
        'p.code',
        'p.title',
        'p.detail',
        'p.long_term',
        'p.triage',
        'p.deadline',
        'p.target',
        'p.progress',
        'p.origin',
      ])
      .select(['u.name as lead_unit', 'l.name as lead_leader', 'r.name as responsible'])
      .select(statusOnSql(asOf).as('status_on'))
      .select(
        sql<
          string | null
        >`(select u2.text from progress_update u2 where u2.problem_id = p.id and u2.at <= ${asOf} order by u2.at desc, u2.id desc limit 1)`.as(
          'note',
        ),
      )
      .where('p.source_id', '=', sourceId)
      .where(scopeSql(scope))
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('p.ordinal', 'p.id'), '>', eb.tuple(after?.ordinal ?? 0, after?.id ?? 0))))
      .orderBy('p.ordinal')
      .orderBy('p.id')
      .limit(PAGE)
      .execute();
  const rows: Awaited<ReturnType<typeof problemsFrom>> = [];
  for (let page = await problemsFrom(null); ; page = await problemsFrom(rows.at(-1) ?? null)) {
    append(rows, page);
    if (page.length < PAGE) break;
  }
  return rows;
}

/** The measures of these problems with their owners' names. */
export function measuresWithOwners(db: Tx, ids: readonly number[]) {
  return inPages(ids, (some) =>
    db
      .selectFrom('measure as m')
      .leftJoin('org_unit as u', 'u.id', 'm.owner_unit_id')
      .leftJoin('person as o', 'o.id', 'm.owner_person_id')
      .select(['m.problem_id', 'm.ordinal', 'm.text', 'm.status', 'm.deadline', 'u.name as unit', 'o.name as person'])
      .where('m.problem_id', 'in', some)
      .orderBy('m.problem_id')
      .orderBy('m.ordinal')
      .execute(),
  );
}

/** The cooperating units of these problems, by problem and name. */
export function cooperatingUnitsOf(db: Tx, ids: readonly number[]) {
  return inPages(ids, (some) =>
    db
      .selectFrom('problem_unit as pu')
      .innerJoin('org_unit as u', 'u.id', 'pu.unit_id')
      .select(['pu.problem_id', 'u.name'])
      .where('pu.role', '=', 'cooperating')
      .where('pu.problem_id', 'in', some)
      .orderBy('pu.problem_id')
      .orderBy('u.name')
      .execute(),
  );
}

/** The money recorded on these problems by a day (in 万元). */
export function moneyRecorded(db: Tx, ids: readonly number[], asOf: string) {
  return inPages(ids, (some) =>
    db
      .selectFrom('outcome')
      .select(['problem_id', 'amount_wan'])
      .where('kind', '=', 'money')
      .where('problem_id', 'in', some)
      .where((eb) => eb.or([eb('at', 'is', null), eb('at', '<=', asOf)]))
      .execute(),
  );
}

/** The names of everyone on the organisation's list (a public version hides them). */
export async function personNames(db: Tx): Promise<string[]> {
  return (await db.selectFrom('person').select('name').execute()).map((p) => p.name);
}
