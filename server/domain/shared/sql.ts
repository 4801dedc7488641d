// Small SQL helpers that differ between the two engines.
import type { Db } from './db.js';

/** A Date as a query parameter: SQLite keeps UTC text ('YYYY-MM-DD HH:MM:SS.SSS'), MySQL takes the Date (timezone 'Z'). */
export function dbTime(db: Pick<Db, 'kind'>, d: Date): Date | string {
  return db.kind === 'sqlite' ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
}

/** A time read back from the database (raw queries): MySQL gives a Date, SQLite UTC text without a zone. */
export function fromDbTime(v: string | Date): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

/** A table or column name quoted for the engine (names such as `user` and `key` are reserved in one of them). */
export function quoteName(db: Pick<Db, 'kind'>, name: string): string {
  return db.kind === 'sqlite' ? `"${name}"` : `\`${name}\``;
}

/** json_extract(col, '$.key') — the same function name in MySQL/MariaDB and SQLite. */
export function jsonField(column: string, key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new Error(`bad custom field key ${key}`);
  return `json_extract(${column}, '$.${key}')`;
}

/** Escapes LIKE wildcards in user text; '!' is the escape character because a backslash means different things in MySQL and SQLite. */
export const likeEscape = (s: string) => s.replace(/[!%_]/g, (m) => `!${m}`);
export const LIKE_ESCAPE = "ESCAPE '!'";

/**
 * A custom field's value as a scalar SQL expression. SQLite's json_extract already returns numbers and unquoted
 * text; MariaDB returns JSON text, which sorts numbers as strings ("100" < "20") and misses IN lists, so cast it.
 */
export function jsonValue(db: Pick<Db, 'kind'>, column: string, key: string, as: 'number' | 'string'): string {
  const raw = jsonField(column, key);
  if (db.kind === 'sqlite') return raw;
  return as === 'number' ? `CAST(${raw} AS DECIMAL(30,6))` : `JSON_UNQUOTE(${raw})`;
}

/** SQL true when the JSON array at `column.$.key` holds the string bound to `param` (e.g. `:f0`). */
export function jsonArrayContains(db: Pick<Db, 'kind'>, column: string, key: string, param: string): string {
  jsonField(column, key); // validates the key
  return db.kind === 'sqlite'
    ? `EXISTS (SELECT 1 FROM json_each(${column}, '$.${key}') WHERE json_each.value = ${param})`
    : `JSON_CONTAINS(${column}, JSON_QUOTE(${param}), '$.${key}')`;
}
