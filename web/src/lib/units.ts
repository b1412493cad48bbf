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

/** The unit tree (when `enabled`), and its names as select options. */
export function useUnits(enabled = true) {
  const units = useGet<{ items: UnitNode[] }>(enabled ? '/api/units' : null);
  const options = useMemo(() => unitNames(units.data?.items ?? []).map((n) => ({ value: n, label: n })), [units.data]);
  return { tree: units.data?.items ?? [], options, reload: units.reload };
}
