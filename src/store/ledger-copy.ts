// A whole ledger as rows, table by table, for what moves a ledger whole: a backup (zg backup / zg restore) and the move
// from the embedded database to a PostgreSQL server (zg migrate). Every table of ours is taken from the database's
// own catalogue, so a table added by a later migration is copied without anyone remembering to list it; tables are
// copied in the order their foreign keys need, and a table that refers to itself (a unit's parent unit, a problem's
// parent problem) parent rows first. Rows travel as the database's own JSON of them and are read back by the
// database (json_populate_recordset), so every type — dates, exact decimals, arrays, jsonb, bytes — comes back as it
// was, whatever JavaScript would have made of it.
import { sql } from 'kysely';
import type { Tx } from './ledger.repository.ts';

export interface TableShape {
  readonly name: string;
  /** the columns written (generated ones are the database's to compute) */
  readonly columns: readonly string[];
  /** the primary key's columns: the order rows are read in */
  readonly key: readonly string[];
  /** a column naming another row of the same table (parent first), and the column it names */
  readonly selfRef: { readonly column: string; readonly refers: string } | null;
  /** holds bytes (kept files' chunks): read a few rows at a time */
  readonly bulky: boolean;
}

/** The migration tool's own bookkeeping: each database keeps its own. */
const NOT_COPIED = new Set(['kysely_migration', 'kysely_migration_lock']);

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The ledger's tables in an order where every table comes after those it refers to. */
export async function tablesInOrder(db: Tx): Promise<TableShape[]> {
  const tables = (
    await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by c.relname`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((t) => !NOT_COPIED.has(t));
  const columns = (
    await sql<{ table: string; column: string; type: string; generated: string }>`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attgenerated::text as generated
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(db)
  ).rows;
  const keys = (
    await sql<{ table: string; column: string }>`
      select c.relname as table, a.attname as column
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join lateral unnest(i.indkey) with ordinality k(attnum, pos) on true
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where n.nspname = 'public' and i.indisprimary order by c.relname, k.pos`.execute(db)
  ).rows;
  const refs = (
    await sql<{ table: string; refers_to: string; column: string; refers: string }>`
      select c.conrelid::regclass::text as table, c.confrelid::regclass::text as refers_to,
        a.attname as column, r.attname as refers
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute r on r.attrelid = c.confrelid and r.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(db)
  ).rows;
  const shape = (name: string): TableShape => {
    const own = columns.filter((c) => c.table === name);
    const self = refs.find((r) => r.table === name && r.refers_to === name);
    return {
      name,
      columns: own.filter((c) => c.generated === '').map((c) => c.column),
      key: keys.filter((k) => k.table === name).map((k) => k.column),
      selfRef: self ? { column: self.column, refers: self.refers } : null,
      bulky: own.some((c) => c.type === 'bytea'),
    };
  };
  // each table after those it refers to (a reference to itself aside)
  const ordered: string[] = [];
  const placed = new Set<string>();
  let left = [...tables];
  while (left.length) {
    const ready = left.filter((t) =>
      refs.every((r) => r.table !== t || r.refers_to === t || placed.has(r.refers_to) || NOT_COPIED.has(r.refers_to)),
    );
    if (ready.length === 0) throw new Error(`tables refer to each other in a circle: ${left.join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
    left = left.filter((t) => !placed.has(t));
  }
  return ordered.map(shape);
}

/**
 * The table's rows as the database's JSON text of each, a batch at a time, inside the caller's transaction (whose
 * snapshot they are all read in): parents before children where the table refers to itself.
 */
export async function* rowsOf(trx: Tx, t: TableShape): AsyncGenerator<string[]> {
  const cursor = q(`zg_copy_${t.name}`);
  const order = (t.key.length ? t.key : t.columns.slice(0, 1)).map((k) => `t.${q(k)}`).join(', ');
  const query = t.selfRef
    ? // the depth of each row below rows that name no parent: parents are written before the rows that name them
      `with recursive depth as (
        select ${q(t.selfRef.refers)} as id, 0 as d from ${q(t.name)} where ${q(t.selfRef.column)} is null
        union all select c.${q(t.selfRef.refers)}, depth.d + 1 from ${q(t.name)} c join depth on c.${q(t.selfRef.column)} = depth.id)
      select row_to_json(t)::text as row from ${q(t.name)} t join depth on depth.id = t.${q(t.selfRef.refers)} order by depth.d, ${order}`
    : `select row_to_json(t)::text as row from ${q(t.name)} t order by ${order}`;
  await sql.raw(`declare ${cursor} no scroll cursor for ${query}`).execute(trx);
  try {
    for (;;) {
      const r = await sql.raw<{ row: string }>(`fetch forward ${t.bulky ? 8 : 500} from ${cursor}`).execute(trx);
      if (r.rows.length === 0) return;
      yield r.rows.map((x) => x.row);
    }
  } finally {
    await sql.raw(`close ${cursor}`).execute(trx);
  }
}

/** Writes rows given as the database's JSON of them, every column as it was (ids included). */
export async function insertRows(trx: Tx, t: TableShape, rows: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = t.columns.map(q).join(', ');
  await sql`${sql.raw(`insert into ${q(t.name)} (${cols}) select ${cols} from json_populate_recordset(null::${q(t.name)}, `)}${`[${rows.join(',')}]`}::json)`.execute(
    trx,
  );
}

/** Rows in each table of ours. */
export async function tableCounts(db: Tx, tables?: readonly TableShape[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables ?? (await tablesInOrder(db))) {
    const r = await sql.raw<{ n: string | number }>(`select count(*) as n from ${q(t.name)}`).execute(db);
    out[t.name] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

/** Empties a table a fresh database's migrations filled (a generation counter, a default row) before its copy is written. */
export async function emptyTable(trx: Tx, t: TableShape): Promise<void> {
  await sql.raw(`delete from ${q(t.name)}`).execute(trx);
}

/** Each serial column's sequence set past the highest value copied in, so that the next row numbers on from there. */
export async function alignSequences(trx: Tx): Promise<void> {
  const serials = (
    await sql<{ table: string; column: string; seq: string }>`
      select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(trx)
  ).rows;
  for (const s of serials)
    await sql
      .raw(`select setval('${s.seq.replaceAll("'", "''")}', coalesce((select max(${q(s.column)}) from ${q(s.table)}), 0) + 1, false)`)
      .execute(trx);
}

/** The last migration applied: a backup names the schema its rows are in. */
export async function schemaVersion(db: Tx): Promise<string> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return r.rows[0]?.name ?? '';
}
