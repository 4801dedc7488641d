// MariaDB scratch databases for benchmarks: a named database that is kept between runs (data generation is the
// slow part), migrated to the current schema on every open.
import { createConnection } from 'mysql2/promise';
import { createDataSource } from '../../server/db/data-source.js';
import { migrate } from '../../server/db/migrate.js';
import { makeDb, type Db } from '../../server/domain/shared/db.js';

export const BENCH_MYSQL = process.env.CHATCRM_BENCH_MYSQL ?? process.env.CHATCRM_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

export async function recreateDatabase(name: string): Promise<void> {
  const admin = await createConnection(`${BENCH_MYSQL}/`);
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
}

export async function ensureDatabase(name: string): Promise<void> {
  const admin = await createConnection(`${BENCH_MYSQL}/`);
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
}

/** Opens (creating if needed) and migrates the scratch database; the caller destroys `db.ds`. */
export async function openScratch(name: string, log: (line: string) => void, fresh = false): Promise<{ db: Db; url: string }> {
  if (fresh) await recreateDatabase(name); else await ensureDatabase(name);
  const url = `${BENCH_MYSQL}/${name}`;
  const ds = await createDataSource(url);
  await migrate(ds, log);
  return { db: makeDb(ds, url), url };
}

/** EXPLAIN one SELECT: the access type and index per table, and whether any big table is read in full. */
export async function explain(db: Db, sql: string, params: unknown[]): Promise<{ table: string; type: string; key: string | null; rows: number; extra: string }[]> {
  const rows = (await db.ds.query(`EXPLAIN ${sql}`, params)) as Record<string, unknown>[];
  return rows.map((r) => ({ table: String(r.table), type: String(r.type), key: (r.key as string | null) ?? null, rows: Number.parseInt(String(r.rows), 10), extra: String(r.Extra ?? '') }));
}

/**
 * Waits (up to `maxMs`) until InnoDB has purged old row versions and flushed most dirty pages: right after a bulk
 * load or a rebuild, that background work would otherwise be timed along with the first measured calls.
 */
export async function waitForQuiet(db: Db, log: (line: string) => void, maxMs = 180_000): Promise<void> {
  const started = Date.now();
  const status = async () => {
    const rows = (await db.ds.query(`SELECT variable_name AS k, variable_value AS v FROM information_schema.global_status
      WHERE variable_name IN ('INNODB_HISTORY_LIST_LENGTH', 'INNODB_BUFFER_POOL_PAGES_DIRTY', 'INNODB_BUFFER_POOL_PAGES_TOTAL')`)) as { k: string; v: string }[];
    const get = (k: string) => Number(rows.find((r) => r.k.toUpperCase() === k)?.v ?? 0);
    return { history: get('INNODB_HISTORY_LIST_LENGTH'), dirty: get('INNODB_BUFFER_POOL_PAGES_DIRTY') / Math.max(1, get('INNODB_BUFFER_POOL_PAGES_TOTAL')) };
  };
  let s = await status();
  while ((s.history > 1000 || s.dirty > 0.05) && Date.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 2000));
    s = await status();
  }
  log(`InnoDB quiet after ${((Date.now() - started) / 1000).toFixed(0)} s (history list ${s.history}, ${(s.dirty * 100).toFixed(1)} % pages dirty)`);
}
