// Multi-row INSERTs straight from entity-shaped objects: column names and defaults come from the TypeORM
// metadata, so the seed and the benchmark generator write exactly what the entities read, thousands of rows
// per statement instead of one round trip per row.
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Db } from '../../domain/shared/db.js';
import { quoteName } from '../../domain/shared/sql.js';

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: what both engines store for a datetime(3) column. */
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

function toSql(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return sqlTime(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

export interface BulkOptions {
  /** Rows per statement; defaults keep SQLite under its 32766-variable limit and MySQL statements near 1 MB. */
  chunk?: number;
  /** Called after each statement with the rows written so far. */
  progress?: (done: number, total: number) => void;
  /** Run inside this transaction instead of on the pool. */
  manager?: EntityManager;
}

/** Inserts entity-shaped rows (explicit ids allowed) in chunks; returns the number written. */
export async function bulkInsert<T extends ObjectLiteral>(db: Db, entity: EntityTarget<T>, rows: Partial<T>[], opts: BulkOptions = {}): Promise<number> {
  if (!rows.length) return 0;
  const meta = db.ds.getMetadata(entity);
  const q = (name: string) => quoteName(db, name);
  const cols = meta.columns.filter((c) => !c.isGenerated || rows[0][c.propertyName as keyof T] !== undefined);
  const head = `INSERT INTO ${q(meta.tableName)} (${cols.map((c) => q(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const chunk = opts.chunk ?? (db.kind === 'sqlite' ? Math.floor(30000 / cols.length) : 2000);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const row of part) {
      for (const c of cols) {
        const v = row[c.propertyName as keyof T];
        params.push(toSql(v === undefined && c.default !== undefined && typeof c.default !== 'function' ? c.default : v));
      }
    }
    await (opts.manager ?? db.ds).query(head + part.map(() => tuple).join(', '), params);
    opts.progress?.(Math.min(i + chunk, rows.length), rows.length);
  }
  return rows.length;
}

/** The next free id of a table, so explicitly numbered rows never collide with rows already there. */
export async function nextId(db: Db, entity: EntityTarget<ObjectLiteral>): Promise<number> {
  const meta = db.ds.getMetadata(entity);
  const q = quoteName(db, meta.tableName);
  const [row] = (await db.ds.query(`SELECT MAX(id) AS m FROM ${q}`)) as { m: number | string | null }[];
  return Number(row?.m ?? 0) + 1;
}
