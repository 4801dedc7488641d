// Bulk loading into MariaDB scratch tables: drop a table's secondary indexes before the load and build them all in
// one ALTER afterwards. Inserting millions of rows into indexes that do not fit the buffer pool costs a random page
// read per row and index (the 128 MB pool here); building an index afterwards sorts the keys once and writes pages
// in order.
import type { Db } from '../../server/domain/shared/db.js';

interface IndexDef { name: string; unique: boolean; columns: string[] }

/** The non-primary indexes of a table, columns in key order. */
export async function secondaryIndexes(db: Db, table: string): Promise<IndexDef[]> {
  const rows: { Key_name: string; Non_unique: number | string; Seq_in_index: number | string; Column_name: string }[] =
    await db.ds.query(`SHOW INDEX FROM \`${table}\``);
  const byName = new Map<string, IndexDef>();
  for (const r of [...rows].sort((a, b) => Number(a.Seq_in_index) - Number(b.Seq_in_index))) {
    if (r.Key_name === 'PRIMARY') continue;
    const ix = byName.get(r.Key_name) ?? { name: r.Key_name, unique: Number(r.Non_unique) === 0, columns: [] };
    ix.columns.push(r.Column_name);
    byName.set(r.Key_name, ix);
  }
  return [...byName.values()];
}

/** Drops the tables' secondary indexes; returns, per table that had any, the step that builds them again. */
export async function dropSecondaryIndexes(db: Db, tables: string[]): Promise<{ table: string; rebuild: () => Promise<void> }[]> {
  const out: { table: string; rebuild: () => Promise<void> }[] = [];
  for (const table of tables) {
    const ixs = await secondaryIndexes(db, table);
    if (!ixs.length) continue;
    await db.ds.query(`ALTER TABLE \`${table}\` ${ixs.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`);
    // All of a table's indexes in one ALTER: the rows are read once.
    const adds = ixs.map((i) => `ADD ${i.unique ? 'UNIQUE ' : ''}INDEX \`${i.name}\` (${i.columns.map((c) => `\`${c}\``).join(', ')})`);
    out.push({ table, rebuild: async () => { await db.ds.query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`); } });
  }
  return out;
}
