// A viewer's scope as SQL over a problem `p` and its source `s`: every query of the ledger that serves a person goes
// through here, so a problem outside the scope is simply not there (a forged code gets "not found", not data).
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';

function ids(units: readonly number[]): RawBuilder<unknown> {
  return sql.join(units.map((u) => sql`${u}`));
}

/** The problems a unit (or one below it) leads or cooperates on, or whose parent it leads: over `p`. */
function problemsOfUnits(units: readonly number[]): RawBuilder<boolean> {
  return sql<boolean>`(p.lead_unit_id in (${ids(units)})
    or exists (select 1 from problem_unit pu where pu.problem_id in (p.id, coalesce(p.parent_id, p.id)) and pu.unit_id in (${ids(units)}))
    or exists (select 1 from problem pp where pp.id = p.parent_id and pp.lead_unit_id in (${ids(units)})))`;
}

/**
 * Over a problem `p` and its source `s`. A viewer scoped by sources sees every problem of the sources its units own,
 * and beside them the problems its units lead or work on in anyone's source: a bureau's leader sees the bureau's own
 * problems from the county's audit too.
 */
export function scopeSql(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  if (scope.kind === 'sources') return sql<boolean>`(s.owner_unit_id in (${ids(scope.units)}) or ${problemsOfUnits(scope.units)})`;
  return problemsOfUnits(scope.units);
}

/** For queries over sources alone: the sources a viewer owns, and those holding a problem it sees. */
export function sourceScopeSql(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  const holding = sql<boolean>`exists (select 1 from problem p where p.source_id = s.id and ${problemsOfUnits(scope.units)})`;
  if (scope.kind === 'sources') return sql<boolean>`(s.owner_unit_id in (${ids(scope.units)}) or ${holding})`;
  return holding;
}

/** Whether a viewer owns the source `s` (its unit or one above owns it): who may manage a source as a whole. */
export function ownsSourceSql(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.kind === 'problems' || scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`s.owner_unit_id in (${ids(scope.units)})`;
}
