// Real databases for tests: a fresh SQLite file or a fresh MariaDB database per call, migrated.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createDataSource } from '../../server/db/data-source.js';
import { migrate } from '../../server/db/migrate.js';
import { makeDb, type Clock, type Db } from '../../server/domain/shared/db.js';
import { TestClock } from './clock.js';

export type Target = 'sqlite' | 'mariadb';
/** Every integration suite runs on both engines; CHATCRM_TEST_TARGETS=sqlite narrows it for a quick local run. */
export const TARGETS: Target[] = (process.env.CHATCRM_TEST_TARGETS?.split(',') as Target[] | undefined) ?? ['sqlite', 'mariadb'];
export const MARIADB_ROOT = process.env.CHATCRM_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDb { db: Db; url: string; clock: TestClock; target: Target; close(): Promise<void> }

export async function createEmptyDatabase(target: Target): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chatcrm_t_${randomBytes(5).toString('hex')}`;
  if (target === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    return { url: `sqlite:${file}`, drop: async () => { for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true }); } };
  }
  const admin = await createConnection(`${MARIADB_ROOT}/`);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${MARIADB_ROOT}/${name}`,
    drop: async () => {
      const c = await createConnection(`${MARIADB_ROOT}/`);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export async function openTestDb(target: Target, clock: TestClock = new TestClock()): Promise<TestDb> {
  const { url, drop } = await createEmptyDatabase(target);
  const ds = await createDataSource(url);
  await migrate(ds);
  const db = makeDb(ds, url, clock as Clock);
  return { db, url, clock, target, close: async () => { await ds.destroy(); await drop(); } };
}
