// A viewer's scope as SQL over a problem `p` and its source `s`: every query of the ledger that serves a person goes
// through here, so a problem outside the scope is simply not there (a forged code gets "not found", not data).
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';

/**
 * Ids as one array parameter: a statement that names a unit's subtree several times is planned in a fraction of the
 * time 50 separate parameters each time take.
 */
export function idArray(xs: readonly number[]): RawBuilder<unknown> {
  return sql`${[...xs]}::int[]`;
}

/**
 * The problems a unit (or one below it) leads or cooperates on, or whose parent it leads or cooperates on: over `p`.
 * Written as a set found through the indexes on the lead unit, on problem_unit's unit and on the parent, so that a
 * unit's 2,000 problems among 100,000 are looked up, not each of the 100,000 tested with subqueries of its own.
 */
function problemsOfUnits(units: readonly number[]): RawBuilder<boolean> {
  const u = idArray(units);
  return sql<boolean>`p.id in (
    with own as (select x.id from problem x where x.lead_unit_id = any(${u})
                 union select pu.problem_id from problem_unit pu where pu.unit_id = any(${u}))
    select id from own union all select c.id from problem c where c.parent_id in (select id from own))`;
}

/**
 * The same problems, tested one row at a time through the problem's own keys: the way when the rows are few already
 * (a source's, say) and finding a large unit's whole set would cost more than testing them. Both forms must say the
 * same; test/ledger-figures.test.ts holds both to a recount.
 */
function isProblemOfUnits(units: readonly number[]): RawBuilder<boolean> {
  const u = idArray(units);
  return sql<boolean>`(p.lead_unit_id = any(${u})
    or exists (select 1 from problem_unit pu where pu.problem_id in (p.id, p.parent_id) and pu.unit_id = any(${u}))
    or exists (select 1 from problem pp where pp.id = p.parent_id and pp.lead_unit_id = any(${u})))`;
}

/**
 * Over a problem `p` and its source `s`. A viewer scoped by sources sees every problem of the sources its units own,
 * and beside them the problems its units lead or work on in anyone's source: a bureau's leader sees the bureau's own
 * problems from the county's audit too. `rows: 'few'` when the rows tested will be few: the query has already narrowed
 * them to a few sources, or reads them down an index and stops at a page's end.
 */
export function scopeSql(scope: Scope, rows: 'many' | 'few' = 'many'): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  const ofUnits = rows === 'few' ? isProblemOfUnits(scope.units) : problemsOfUnits(scope.units);
  if (scope.kind === 'sources') return sql<boolean>`(s.owner_unit_id = any(${idArray(scope.units)}) or ${ofUnits})`;
  return ofUnits;
}

/**
 * For queries over sources alone: the sources a viewer owns, and those holding a problem it sees. `rows: 'few'` when
 * only a few sources' rows will be asked (a source's own outcomes, say).
 */
export function sourceScopeSql(scope: Scope, rows: 'many' | 'few' = 'many'): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  // the sources holding one of its problems — a problem's parts being in the source of the problem, the sources of
  // the problems its units lead or work on: from the indexes alone for many sources, source by source for a few
  const u = idArray(scope.units);
  const holding =
    rows === 'few'
      ? sql<boolean>`exists (select 1 from problem p where p.source_id = s.id and ${isProblemOfUnits(scope.units)})`
      : sql<boolean>`s.id in (select x.source_id from problem x where x.lead_unit_id = any(${u})
                              union select x.source_id from problem_unit pu join problem x on x.id = pu.problem_id where pu.unit_id = any(${u}))`;
  if (scope.kind === 'sources') return sql<boolean>`(s.owner_unit_id = any(${idArray(scope.units)}) or ${holding})`;
  return holding;
}

/** Whether a viewer owns the source `s` (its unit or one above owns it): who may manage a source as a whole. */
export function ownsSourceSql(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.kind === 'problems' || scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`s.owner_unit_id = any(${idArray(scope.units)})`;
}
