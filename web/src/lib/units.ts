// The organisation's units as choices for a select: every unit of the tree in use, by name. Retired units stay in the
// tree (their history is kept) but are not offered for new work.
import { useMemo } from 'react';
import { useGet } from './api.ts';
import type { Answer } from './types.ts';

export type UnitNode = Answer<'GET /api/units'>['items'][number];

export function flat(ns: readonly UnitNode[]): UnitNode[] {
  return ns.flatMap((n) => [n, ...flat(n.children)]);
}

/** The unit tree (when `enabled`), and its units as select options: by name, and by id (`idOptions`). */
export function useUnits(enabled = true) {
  const units = useGet('GET /api/units', enabled ? {} : null);
  const inUse = useMemo(() => flat(units.data?.items ?? []).filter((n) => !n.retired), [units.data]);
  const options = useMemo(() => inUse.map((n) => ({ value: n.name, label: n.name })), [inUse]);
  const idOptions = useMemo(() => inUse.map((n) => ({ value: n.id, label: n.name })), [inUse]);
  return { tree: units.data?.items ?? [], options, idOptions, reload: units.reload };
}

/**
 * The units an office may file things for (a report, a 自评表, a 绩效目标表): its own (`own`, by the session's unit
 * name) and every unit in use below it (`below`, its own first).
 */
export function useOwnAndBelow(enabled: boolean, unitName: string | null | undefined) {
  const units = useUnits(enabled);
  const own = flat(units.tree).find((u) => u.name === unitName);
  const below = own ? flat([own]).filter((u) => !u.retired) : [];
  return { own, below, units };
}
