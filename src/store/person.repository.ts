// People of the organisation, looked up by name (names are not unique: the caller says what two of a name means).
import type { Tx } from './ledger.repository.ts';

export async function personIdsByName(trx: Tx, name: string): Promise<number[]> {
  return (await trx.selectFrom('person').select('id').where('name', '=', name).execute()).map((p) => p.id);
}
