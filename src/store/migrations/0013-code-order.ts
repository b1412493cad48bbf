// Problems listed in the order of their codes' numbers, not their text: XC2024-01-1000 after XC2024-01-999, not
// between -100 and -101. The key pads every all-digit part of the code; it is kept with the row (a generated column,
// so no writer can forget it) and indexed for the ledger's default order.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create function code_order(code text) returns text language sql immutable parallel safe as $$
      select string_agg(case when part ~ '^[0-9]{1,11}$' then lpad(part, 12, '0') else part end, '-' order by n)
      from unnest(string_to_array(code, '-')) with ordinality as t(part, n)
    $$;
    alter table problem add column code_order text generated always as (code_order(code)) stored;
    create index problem_code_order on problem (code_order);
    `,
  );
}
