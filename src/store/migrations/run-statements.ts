// Runs a script of DDL statements one at a time: both drivers send parameterised (extended protocol) queries, which
// take a single statement each.
import { sql, type Kysely } from 'kysely';

export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}
