// A problem `p` as it stood at the end of a day, as SQL: its status is the last change recorded on or before it, so
// any earlier day needs no snapshot. Null: the problem had not reached the ledger yet.
import { sql } from 'kysely';
import type { LedgerStatus } from '../core/ledger/problem-state.ts';

export const statusOnSql = (day: string) =>
  sql<LedgerStatus | null>`(select sc.to_status from status_change sc where sc.problem_id = p.id and sc.at <= ${day} order by sc.at desc, sc.id desc limit 1)`;
