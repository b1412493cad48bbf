// A viewer's scope as SQL over a problem `p` and its source `s`: every query of the ledger that serves a person goes
// through here, so a problem outside the scope is simply not there (a forged code gets "not found", not data).
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../core/access/permissions.ts';

export const ALL: Scope = { kind: 'all' };

function ids(units: readonly number[]): RawBuilder<unknown> {
  return sql.join(units.map((u) => sql`${u}`));
}

export function scopeSql(scope: Scope = ALL): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  if (scope.kind === 'sources') return sql<boolean>`s.inspected_unit_id in (${ids(scope.units)})`;
  return sql<boolean>`(p.lead_unit_id in (${ids(scope.units)})
    or exists (select 1 from problem_unit pu where pu.problem_id in (p.id, coalesce(p.parent_id, p.id)) and pu.unit_id in (${ids(scope.units)}))
    or exists (select 1 from problem pp where pp.id = p.parent_id and pp.lead_unit_id in (${ids(scope.units)})))`;
}

/** For queries over sources alone: a unit-scoped viewer sees the sources of the problems it sees. */
export function sourceScopeSql(scope: Scope = ALL): RawBuilder<boolean> {
  if (scope.kind !== 'problems') return scopeSql(scope);
  if (scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from problem p where p.source_id = s.id and ${scopeSql(scope)})`;
}
