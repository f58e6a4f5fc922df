import type pg from 'pg';
import type { Store } from '../Store.ts';

/** A table of the store as the DuckDB catalog describes it. */
export interface TableShape {
  name: string;
  columns: { name: string; type: string; notNull: boolean; default: string | null }[];
  /** The primary key's columns (every table of the store has one, but `answers` and `quality_flags`). */
  key: string[];
  /** Columns of each UNIQUE constraint. */
  unique: string[][];
}

/**
 * The tables of a migrated DuckDB store, read from its catalog: the one schema both databases
 * share. PostgreSQL gets its tables from here, so there is one list of migrations, not two.
 */
export async function tableShapes(duck: Pick<Store, 'query'>): Promise<TableShape[]> {
  const columns = await duck.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: boolean;
    column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
     FROM duckdb_columns() c JOIN duckdb_tables() t USING (table_oid)
     WHERE NOT c.internal AND NOT t.temporary ORDER BY c.table_name, c.column_index`,
  );
  const constraints = await duck.query<{
    table_name: string;
    constraint_type: string;
    constraint_column_names: string[];
  }>(
    `SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()
     WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
  );
  const tables = new Map<string, TableShape>();
  for (const c of columns) {
    let table = tables.get(c.table_name);
    if (!table)
      tables.set(c.table_name, (table = { name: c.table_name, columns: [], key: [], unique: [] }));
    table.columns.push({
      name: c.column_name,
      type: c.data_type,
      notNull: !c.is_nullable,
      default: c.column_default,
    });
  }
  for (const c of constraints) {
    const table = tables.get(c.table_name);
    if (!table) continue;
    if (c.constraint_type === 'PRIMARY KEY') table.key = [...c.constraint_column_names];
    else table.unique.push([...c.constraint_column_names]);
  }
  return [...tables.values()];
}

/** PostgreSQL's name for a DuckDB column type (JSON is kept as text: its bytes pass through). */
export function pgType(duckType: string): string {
  if (duckType.endsWith('[]')) return `${pgType(duckType.slice(0, -2))}[]`;
  const types: Record<string, string> = {
    VARCHAR: 'text',
    JSON: 'text',
    INTEGER: 'integer',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    DOUBLE: 'double precision',
    FLOAT: 'real',
    BOOLEAN: 'boolean',
    DATE: 'date',
    'TIMESTAMP WITH TIME ZONE': 'timestamptz',
    TIMESTAMP: 'timestamp',
  };
  const type = types[duckType];
  if (!type) throw new Error(`no PostgreSQL type for DuckDB's ${duckType}`);
  return type;
}

/**
 * Brings PostgreSQL's schema up to the DuckDB one: creates missing sequences, tables and
 * columns (migrations only add). Every table gets `_xid`, the transaction that last wrote the
 * row (set on insert and update), and deletions leave a row in `manyi_deleted`: what a process
 * needs to bring its DuckDB copy up to date. Under an advisory lock, so that API processes
 * starting together do it once.
 */
export async function ensurePgSchema(
  client: pg.ClientBase,
  shapes: readonly TableShape[],
  sequences: readonly string[],
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(7438201)');
    await client.query(`
      CREATE TABLE IF NOT EXISTS manyi_deleted (
        table_name text NOT NULL, old_row jsonb NOT NULL,
        _xid xid8 NOT NULL DEFAULT pg_current_xact_id());
      CREATE INDEX IF NOT EXISTS manyi_deleted_xid ON manyi_deleted (_xid);
      CREATE OR REPLACE FUNCTION manyi_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW._xid := pg_current_xact_id(); RETURN NEW; END $$;
      CREATE OR REPLACE FUNCTION manyi_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO manyi_deleted (table_name, old_row) VALUES (TG_TABLE_NAME, to_jsonb(OLD));
        RETURN OLD; END $$;`);
    for (const sequence of sequences)
      await client.query(`CREATE SEQUENCE IF NOT EXISTS ${ident(sequence)}`);
    const existing = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const has = new Set(existing.rows.map((r) => `${r.table_name}.${r.column_name}`));
    const hasTable = new Set(existing.rows.map((r) => r.table_name));
    for (const table of shapes) {
      if (!hasTable.has(table.name)) {
        await client.query(createTableSql(table));
        continue;
      }
      for (const column of table.columns)
        if (!has.has(`${table.name}.${column.name}`))
          await client.query(`ALTER TABLE ${ident(table.name)} ADD COLUMN ${columnSql(column)}`);
    }
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('COMMIT');
}

/** CREATE TABLE with its keys, the `_xid` column, its index and the two triggers. */
function createTableSql(table: TableShape): string {
  const parts = table.columns.map(columnSql);
  if (table.key.length) parts.push(`PRIMARY KEY (${table.key.map(ident).join(', ')})`);
  for (const unique of table.unique) parts.push(`UNIQUE (${unique.map(ident).join(', ')})`);
  parts.push('_xid xid8 NOT NULL DEFAULT pg_current_xact_id()');
  const name = ident(table.name);
  return `
    CREATE TABLE ${name} (${parts.join(', ')});
    CREATE INDEX ${ident(`${table.name}__xid`)} ON ${name} (_xid);
    CREATE TRIGGER manyi_touch BEFORE UPDATE ON ${name} FOR EACH ROW EXECUTE FUNCTION manyi_touch();
    CREATE TRIGGER manyi_tombstone AFTER DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION manyi_tombstone();`;
}

/** One column's definition. */
function columnSql(column: TableShape['columns'][number]): string {
  let sql = `${ident(column.name)} ${pgType(column.type)}`;
  if (column.default !== null) sql += ` DEFAULT ${column.default}`;
  if (column.notNull) sql += ' NOT NULL';
  return sql;
}

/** A quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
