// A form field of an upload turned into an argument: whose ledger the upload goes into.
import { idParam } from '../core/contract/input.ts';
import { InvalidInput } from '../core/errors.ts';
import { importOwnerOf } from '../core/access/owner-by-name.ts';
import type { Scope } from '../core/access/permissions.ts';

/**
 * The owner of the sources an upload creates, from its form field `owner` (a unit's id), by core's rule: the
 * importer's own unit unless it named one below it.
 */
export function importOwner(viewer: { unitId: number | null; scope: Scope }, field: string | undefined): number | null {
  const id = field?.trim() ? idParam.safeParse(field.trim()) : null;
  if (id && !id.success) throw new InvalidInput(`归属单位“${field?.slice(0, 20)}”不是有效的单位编号`);
  return importOwnerOf(viewer, id?.success ? id.data : null);
}
