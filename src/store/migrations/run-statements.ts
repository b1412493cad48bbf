// Runs a script of DDL statements one at a time: both drivers send parameterised (extended protocol) queries, which
// take a single statement each. A statement ends at ";" and a line break outside a $$-quoted function body.
import { sql, type Kysely } from 'kysely';

export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of script.split('\n')) {
    current += `${line}\n`;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out.filter(Boolean);
}

export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
}
