// Every source has an owning unit: the office whose ledger it is. The column that held the importing office's unit
// (`inspected_unit_id`) is that owner in all but name; a source imported by an administrator had none and was seen by
// no one else. Such sources take the unit named as the inspected one, where a unit of exactly that name exists.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table source rename column inspected_unit_id to owner_unit_id;
    update source s set owner_unit_id = u.id
      from org_unit u
     where s.owner_unit_id is null and u.name = s.inspected_unit
       and (select count(*) from org_unit v where v.name = s.inspected_unit) = 1;
    create index source_owner on source (owner_unit_id);
    `,
  );
}
