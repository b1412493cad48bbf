// Which unit of the organisation a report names as its own, when no one said whose ledger it goes into: "中共示例县
// 农业农村局党组" and "县农业农村局党组" are both the unit 示例县农业农村局. The Party body's wrapping (中共…党组/党委)
// is set aside, then a unit is taken when exactly one has that name, or exactly one name ends with it or it ends with
// the name. Two candidates are no answer: a source given to the wrong unit shows its problems to the wrong people.
import { NotPermitted } from '../errors.ts';
import type { Scope } from './permissions.ts';

const PARTY_PREFIX = /^中共/;
const PARTY_SUFFIX = /(党组|党委|党总支|党支部|党工委|领导班子)$/;

function bare(name: string): string {
  return name.trim().replace(PARTY_PREFIX, '').replace(PARTY_SUFFIX, '').trim();
}

export function unitNamedIn(units: readonly { id: number; name: string }[], said: readonly (string | null | undefined)[]): number | null {
  const names = [...new Set(said.filter((s): s is string => Boolean(s?.trim())).map(bare))].filter((n) => n.length >= 2);
  const only = (xs: readonly { id: number }[]) => (xs.length === 1 ? (xs[0] as { id: number }).id : null);
  for (const name of names) {
    const exact = only(units.filter((u) => bare(u.name) === name));
    if (exact !== null) return exact;
    const close = only(units.filter((u) => bare(u.name).endsWith(name) || name.endsWith(bare(u.name))));
    if (close !== null) return close;
  }
  return null;
}

/**
 * Whose ledger an import goes into: the importer's own unit, or a unit below it that it chose (a county's office
 * importing for a bureau of the county). A unit outside its own is refused: its office imports its own reports.
 */
export function importOwnerOf(viewer: { readonly unitId: number | null; readonly scope: Scope }, chosen: number | null): number | null {
  if (chosen === null || chosen === viewer.unitId) return viewer.unitId;
  if (viewer.scope.kind !== 'problems' && (viewer.scope.kind === 'all' || viewer.scope.units.includes(chosen))) return chosen;
  throw new NotPermitted('只能导入到本单位或下级单位的台账：所选归属单位不在本单位之下');
}
