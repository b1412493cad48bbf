// Who may change which part of the organisation. An administrator changes anything. An office (整改办) keeps its
// own unit's tree: it adds, edits, moves and retires the units below its own, adds people to them, and may rename
// its own unit or set its e-mail — but never moves or retires its own unit, nor reaches into another bureau's tree,
// for the tree decides who sees what: moving another bureau under its own would hand it that bureau's ledger.
import type { Scope } from './permissions.ts';

export type OrgChange =
  | { readonly kind: 'add-unit'; readonly parent: number | null }
  /** `newParent`: undefined when the unit stays where it is, null for the top of the tree */
  | { readonly kind: 'edit-unit'; readonly unit: number; readonly newParent?: number | null | undefined }
  | { readonly kind: 'retire-unit'; readonly unit: number }
  | { readonly kind: 'add-person'; readonly unit: number | null };

const OUTSIDE = '只能管理本单位及其下级单位';

/** Why the change is not this viewer's to make, or null when it is. */
export function orgChangeRefusal(scope: Scope, c: OrgChange): string | null {
  if (scope.kind === 'all') return null;
  const own = scope.units[0];
  const mine = (id: number | null | undefined) => id !== null && id !== undefined && scope.units.includes(id);
  switch (c.kind) {
    case 'add-unit':
      return mine(c.parent) ? null : `${OUTSIDE}：新增的单位须在本单位之下`;
    case 'add-person':
      return mine(c.unit) ? null : `${OUTSIDE}：新增的人员须属于本单位或其下级单位`;
    case 'retire-unit':
      if (!mine(c.unit)) return OUTSIDE;
      return c.unit === own ? '不能撤销本单位，请由系统管理员办理' : null;
    case 'edit-unit':
      if (!mine(c.unit)) return OUTSIDE;
      if (c.newParent === undefined) return null;
      if (c.unit === own) return '不能移动本单位，请由系统管理员办理';
      return mine(c.newParent) ? null : `${OUTSIDE}：不能把单位移出本单位之下`;
  }
}
