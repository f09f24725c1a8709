// Bulk upserts within D1's limits. D1 binds at most 100 parameters per statement (miniflare
// enforces it locally too), so a page of WB rows cannot be one multi-row INSERT. Two shapes:
//
// - `bulkUpsert`: multi-row `INSERT … VALUES (…), (…) ON CONFLICT(key) DO UPDATE SET col =
//   excluded.col`, packed so that every statement binds ≤ 100 parameters (a 28-column orders row
//   fits 3 to a statement; a 52-column finance row, 1).
// - `jsonUpsert`: the whole chunk as ONE parameter, a JSON array of row arrays expanded by
//   `json_each` (`INSERT … SELECT json_extract(value, '$[0]'), … FROM json_each(?)`), chunked by
//   bytes (D1 caps a string value at 1 MB). Measured in local D1 (workerd) on 20,000 order rows
//   (test/integration/db-bulk-upsert.test.ts): VALUES ≈ 8,000 rows/s in 6,667 statements,
//   json_each ≈ 35,000–41,000 rows/s in 10 statements, about 5× faster. Use jsonUpsert for sync
//   pages; bulkUpsert is for small writes and for values that are SQL expressions.
//
// Both only build statements. The caller sends them together with its cursor update in ONE
// `db.batch()` (a transaction), so a crash never advances a cursor past unwritten rows:
//
//   const writes = jsonUpsert(db, orders, rows);
//   await db.batch([db.update(syncState).set({ cursor }).where(…), ...writes]);
//
// Rows in one call should have the same shape: on conflict a column is overwritten from the
// incoming row, so a column one row omits would be reset to its default for that row.

import { getTableColumns, getTableName, is, Param, SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getTableConfig, type SQLiteColumn, SQLiteAsyncDialect, type SQLiteTable } from "drizzle-orm/sqlite-core";

import type { Db } from "./client";

/** D1's limit on bound parameters per statement. */
export const D1_MAX_BOUND_PARAMETERS = 100;

/**
 * Default byte budget for one `jsonUpsert` statement's JSON parameter: D1 caps a string value at
 * 1,000,000 bytes; the rest is headroom.
 */
export const D1_JSON_CHUNK_BYTES = 900_000;

/** A table column's property name (the key used in drizzle rows), e.g. "lastChangeAt". */
export type ColumnKey<T extends SQLiteTable> = Extract<keyof T["_"]["columns"], string>;

export interface UpsertOptions<T extends SQLiteTable> {
  /** The conflict target. Default: the table's primary key. */
  target?: SQLiteColumn[];
  /**
   * Columns overwritten on conflict. Default: every column present (not undefined) in the rows,
   * except the target columns and `keep`.
   */
  update?: ColumnKey<T>[];
  /** Columns never overwritten on conflict (keep the first-seen value). */
  keep?: ColumnKey<T>[];
  /**
   * Update only when this holds (the upsert's `DO UPDATE … WHERE`). It may refer to the stored
   * row through the table's columns and to the incoming one with `excluded(...)`, e.g.
   * `sql\`${excluded(orders.lastChangeAt)} >= ${orders.lastChangeAt}\``.
   */
  where?: SQL;
  /** Parameter budget per statement (bulkUpsert). Default 100. */
  maxParams?: number;
  /** Byte budget of one statement's JSON parameter (jsonUpsert). Default 900,000. */
  maxJsonBytes?: number;
}

const dialect = new SQLiteAsyncDialect();

/** `excluded."column"`: the incoming row's value inside an upsert's SET or WHERE. */
export function excluded(column: SQLiteColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

interface Plan {
  columns: [string, SQLiteColumn][];
  target: SQLiteColumn[];
  updateKeys: string[];
  whereParams: number;
}

function primaryKeyOf(table: SQLiteTable): SQLiteColumn[] {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0];
  if (composite) return composite.columns;
  const single = config.columns.filter((c) => c.primary);
  if (single.length === 0) throw new Error(`bulk upsert: ${config.name} has no primary key; pass options.target`);
  return single;
}

function plan<T extends SQLiteTable>(table: T, rows: readonly T["$inferInsert"][], options: UpsertOptions<T>): Plan {
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).filter(
    ([, column]) => !column.generated,
  );
  const target = options.target ?? primaryKeyOf(table);
  const targetNames = new Set(target.map((c) => c.name));
  const keep = new Set<string>(options.keep ?? []);
  let updateKeys: string[];
  if (options.update) {
    updateKeys = [...options.update];
  } else {
    const present = new Set<string>();
    for (const row of rows) {
      for (const [key, value] of Object.entries(row as Record<string, unknown>)) if (value !== undefined) present.add(key);
    }
    updateKeys = columns.filter(([key]) => present.has(key)).map(([key]) => key);
  }
  updateKeys = updateKeys.filter((key) => {
    const column = columns.find(([k]) => k === key)?.[1];
    if (!column) throw new Error(`bulk upsert: ${getTableName(table)} has no column "${key}"`);
    return !targetNames.has(column.name) && !keep.has(key);
  });
  const whereParams = options.where ? dialect.sqlToQuery(options.where).params.length : 0;
  return { columns, target, updateKeys, whereParams };
}

function updateSet(p: Plan): Record<string, SQL> {
  const byKey = new Map(p.columns);
  const set: Record<string, SQL> = {};
  for (const key of p.updateKeys) set[key] = excluded(byKey.get(key) as SQLiteColumn);
  return set;
}

/** Parameters drizzle binds for one row (mirrors the sqlite dialect's buildInsertQuery). */
function paramsOfRow(columns: [string, SQLiteColumn][], row: Record<string, unknown>): number {
  let n = 0;
  for (const [key, column] of columns) {
    let value = row[key];
    if (value === undefined || (is(value, Param) && value.value === undefined)) {
      // Absent: drizzle binds a JS default, inlines an SQL one, or writes a literal null.
      if (column.default !== undefined && column.default !== null) value = column.default;
      else if (column.defaultFn) value = column.defaultFn();
      else if (column.onUpdateFn) value = column.onUpdateFn();
      else continue;
    }
    n += is(value, SQL) ? dialect.sqlToQuery(value).params.length : 1;
  }
  return n;
}

/**
 * Multi-row upserts of `rows` into `table`, each statement binding at most `maxParams` (100)
 * parameters. Returns the statements for one `db.batch()`; `[]` for no rows.
 */
export function bulkUpsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: UpsertOptions<T> = {},
): BatchItem<"sqlite">[] {
  if (rows.length === 0) return [];
  const maxParams = options.maxParams ?? D1_MAX_BOUND_PARAMETERS;
  const p = plan(table, rows, options);
  const set = updateSet(p);
  const budget = maxParams - p.whereParams;

  const build = (chunk: T["$inferInsert"][]): BatchItem<"sqlite"> => {
    const insert = db.insert(table).values(chunk);
    return p.updateKeys.length === 0
      ? insert.onConflictDoNothing({ target: p.target })
      : insert.onConflictDoUpdate({ target: p.target, set, ...(options.where ? { setWhere: options.where } : {}) });
  };

  const statements: BatchItem<"sqlite">[] = [];
  let chunk: T["$inferInsert"][] = [];
  let used = 0;
  for (const row of rows) {
    const n = paramsOfRow(p.columns, row as Record<string, unknown>);
    if (n > budget) {
      throw new Error(`bulk upsert: one ${getTableName(table)} row binds ${n} parameters, more than the ${budget} allowed`);
    }
    if (used + n > budget) {
      statements.push(build(chunk));
      chunk = [];
      used = 0;
    }
    chunk.push(row);
    used += n;
  }
  if (chunk.length > 0) statements.push(build(chunk));
  return statements;
}

/** UTF-8 length of a JS string without allocating. */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * The same upsert with each chunk of rows passed as one JSON parameter expanded by `json_each`,
 * chunks kept under `maxJsonBytes`. Values go through each column's driver mapping (Date → ms,
 * boolean → 0/1, json → text); an absent value takes the column's JS default, else NULL, and a
 * NOT NULL column with an SQL default falls back to that default. Returns statements for one
 * `db.batch()`; `[]` for no rows.
 */
export function jsonUpsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: UpsertOptions<T> = {},
): BatchItem<"sqlite">[] {
  if (rows.length === 0) return [];
  const maxBytes = options.maxJsonBytes ?? D1_JSON_CHUNK_BYTES;
  const p = plan(table, rows, options);
  const columns = p.columns;

  // Static SQL around the JSON parameter, built once.
  const selectList = sql.join(
    columns.map(([, column], i) => {
      const value = sql.raw(`json_extract(value, '$[${i}]')`);
      return column.notNull && is(column.default, SQL) ? sql`coalesce(${value}, ${column.default})` : value;
    }),
    sql`, `,
  );
  const set = updateSet(p);
  // drizzle's insert-select keeps the batch path that binds parameters (a `db.run(sql)` with
  // parameters cannot be batched in drizzle-orm 0.45). Its column list is the table's insertable
  // columns in declaration order, the same order as `columns` and the select list.
  // `where true` resolves SQLite's parsing ambiguity between INSERT … SELECT and ON CONFLICT.
  const statement = (json: string): BatchItem<"sqlite"> => {
    const insert = db.insert(table).select(sql`select ${selectList} from json_each(${json}) where true`);
    return p.updateKeys.length === 0
      ? insert.onConflictDoNothing({ target: p.target })
      : insert.onConflictDoUpdate({ target: p.target, set, ...(options.where ? { setWhere: options.where } : {}) });
  };

  const encodeRow = (row: Record<string, unknown>): string => {
    const values = columns.map(([key, column]) => {
      let value = row[key];
      if (value === undefined) {
        if (column.default !== undefined && column.default !== null && !is(column.default, SQL)) value = column.default;
        else if (column.defaultFn) value = column.defaultFn();
        else return null;
      }
      if (value === null) return null;
      if (is(value, SQL)) throw new Error(`json upsert: ${getTableName(table)}.${column.name} is an SQL expression; use bulkUpsert`);
      return column.mapToDriverValue(value);
    });
    return JSON.stringify(values);
  };

  const statements: BatchItem<"sqlite">[] = [];
  let parts: string[] = [];
  let bytes = 2; // "[" and "]"
  for (const row of rows) {
    const encoded = encodeRow(row as Record<string, unknown>);
    const size = utf8Length(encoded) + 1; // and a comma
    if (size + 2 > maxBytes) throw new Error(`json upsert: one ${getTableName(table)} row is ${size} bytes, over the ${maxBytes} allowed`);
    if (bytes + size > maxBytes) {
      statements.push(statement(`[${parts.join(",")}]`));
      parts = [];
      bytes = 2;
    }
    parts.push(encoded);
    bytes += size;
  }
  if (parts.length > 0) statements.push(statement(`[${parts.join(",")}]`));
  return statements;
}
