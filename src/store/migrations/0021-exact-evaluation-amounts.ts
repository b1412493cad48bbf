// A self-evaluation's amounts (the budget's 年初预算数, 全年预算数, 全年执行数, funding and spending by kind, the
// basic-data tables' figures) are kept as exact decimal strings, as every other amount is. Evaluations stored before
// kept them as JSON numbers; jsonb holds a number as an exact numeric, so its text is the figure as it was written.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** A jsonb number as a jsonb string of the same digits; anything else as it is. */
const exact = (v: string) => `case when jsonb_typeof(${v}) = 'number' then to_jsonb(${v} #>> '{}') else ${v} end`;

/** Each element of the jsonb array `from`, made by `each` over `name`, in the array's order. */
const eachOf = (from: string, name: string, each: string) =>
  `coalesce((select jsonb_agg(${each} order by ${name}_at) from jsonb_array_elements(${from}) with ordinality as ${name}_t(${name}, ${name}_at)), '[]'::jsonb)`;

const amounts = (list: string) =>
  `update perf_evaluation set data = jsonb_set(data, '{${list}}', ${eachOf(
    `data->'${list}'`,
    'f',
    `case when f ? 'amount' then jsonb_set(f, '{amount}', ${exact(`f->'amount'`)}) else f end`,
  )}) where jsonb_typeof(data->'${list}') = 'array';`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `update perf_evaluation set data = jsonb_set(data, '{budget}', (
  select jsonb_object_agg(k, case when k in ('initial', 'adjusted', 'executed') then ${exact('v')} else v end)
    from jsonb_each(data->'budget') as e(k, v)))
 where jsonb_typeof(data->'budget') = 'object';
${amounts('funding')}
${amounts('spending')}
update perf_evaluation set data = jsonb_set(data, '{basics}', ${eachOf(
      `data->'basics'`,
      'b',
      `case when jsonb_typeof(b->'rows') = 'array' then jsonb_set(b, '{rows}', ${eachOf(
        `b->'rows'`,
        'r',
        `case when jsonb_typeof(r->'values') = 'array' then jsonb_set(r, '{values}', ${eachOf(`r->'values'`, 'x', exact('x'))}) else r end`,
      )}) else b end`,
    )}) where jsonb_typeof(data->'basics') = 'array';`,
  );
}
