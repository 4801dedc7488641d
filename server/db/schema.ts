// Shorthands for migrations written with TypeORM's schema API, so one migration serves MySQL and SQLite.
import { Table, TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

type Col = TableColumnOptions;
const opt = (o: Partial<Col>) => o;

export const col = {
  id: (): Col => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'integer', isNullable: true, ...o }),
  ref: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'integer', isNullable: true, ...o }),
  /** Money in integer cents (fen): never floats. */
  money: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'bigint', isNullable: true, ...o }),
  str: (name: string, length = 255, o: Partial<Col> = {}): Col => ({ name, type: 'varchar', length: String(length), isNullable: true, ...o }),
  text: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'text', isNullable: true, ...o }),
  bool: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'boolean', isNullable: false, default: false, ...o }),
  /** UTC with milliseconds. */
  time: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'datetime', precision: 3, isNullable: true, ...o }),
  /** JSON kept as text: json_extract() works on it in both MySQL/MariaDB and SQLite. */
  json: (name: string, o: Partial<Col> = {}): Col => ({ name, type: 'text', isNullable: true, ...o }),
  created: (): Col => ({ name: 'created_at', type: 'datetime', precision: 3, isNullable: false }),
  updated: (): Col => ({ name: 'updated_at', type: 'datetime', precision: 3, isNullable: false }),
  required: opt({ isNullable: false }),
};

export interface IndexSpec { columns: string[]; unique?: boolean; name?: string }

/** Creates a table (if absent) and its indexes; names indexes `ix_<table>_<cols>`. */
export async function createTable(qr: QueryRunner, name: string, columns: Col[], indexes: IndexSpec[] = []): Promise<void> {
  // SQLite has no precision on datetime; the driver ignores it, MySQL keeps it (datetime(3)).
  const isSqlite = qr.connection.driver.options.type === 'better-sqlite3';
  const cols = columns.map((c) => (isSqlite && c.type === 'datetime' ? { ...c, precision: undefined } : c));
  await qr.createTable(new Table({ name, columns: cols }), true);
  for (const ix of indexes) {
    const ixName = ix.name ?? `${ix.unique ? 'ux' : 'ix'}_${name}_${ix.columns.join('_')}`.slice(0, 64);
    await qr.createIndex(name, new TableIndex({ name: ixName, columnNames: ix.columns, isUnique: !!ix.unique }));
  }
}

export async function dropTables(qr: QueryRunner, names: string[]): Promise<void> {
  for (const n of names) await qr.dropTable(n, true);
}
