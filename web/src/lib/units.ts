// The organisation's units as choices for a select: every unit of the tree, by name.
import { useMemo } from 'react';
import { useGet } from './api.ts';

export interface UnitNode {
  id: number;
  name: string;
  kind: string;
  children: UnitNode[];
}

export function unitNames(ns: readonly UnitNode[]): string[] {
  return ns.flatMap((n) => [n.name, ...unitNames(n.children)]);
}

function flat(ns: readonly UnitNode[]): UnitNode[] {
  return ns.flatMap((n) => [n, ...flat(n.children)]);
}

/** The unit tree (when `enabled`), and its units as select options: by name, and by id (`idOptions`). */
export function useUnits(enabled = true) {
  const units = useGet<{ items: UnitNode[] }>(enabled ? '/api/units' : null);
  const options = useMemo(() => unitNames(units.data?.items ?? []).map((n) => ({ value: n, label: n })), [units.data]);
  const idOptions = useMemo(() => flat(units.data?.items ?? []).map((n) => ({ value: n.id, label: n.name })), [units.data]);
  return { tree: units.data?.items ?? [], options, idOptions, reload: units.reload };
}
