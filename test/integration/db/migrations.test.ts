// Migrations apply cleanly to an empty MariaDB database and an empty SQLite file, and a second run changes nothing.
import { describe, expect, it } from 'vitest';
import { TARGETS, createEmptyDatabase } from '../../helpers/db.js';
import { createDataSource, loadMigrations } from '../../../server/db/data-source.js';
import { migrate } from '../../../server/db/migrate.js';

const CORE_TABLES = ['user', 'team', 'customer', 'contact', 'lead', 'opportunity', 'stage_history', 'activity', 'task', 'contract', 'payment',
  'custom_field', 'setting', 'audit_log', 'api_key', 'session', 'inbox_event', 'outbox_message', 'card_instance'];

describe.each(TARGETS)('migrations on %s', (target) => {
  it('apply to an empty database, are idempotent, and cover every entity', async () => {
    const { url, drop } = await createEmptyDatabase(target);
    const ds = await createDataSource(url);
    try {
      const lines: string[] = [];
      const applied = await migrate(ds, (l) => lines.push(l));
      expect(applied.length).toBe((await loadMigrations()).length);
      expect(lines.at(-1)).toMatch(/migration\(s\) applied/);
      expect(await migrate(ds)).toEqual([]);
      const tables = (await ds.query(target === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table'" : 'SHOW TABLES') as Record<string, string>[])
        .map((r) => Object.values(r)[0]);
      for (const t of CORE_TABLES) expect(tables, t).toContain(t);
      // Every entity's table and columns exist as the entity describes them.
      for (const meta of ds.entityMetadatas) {
        const cols = target === 'sqlite'
          ? (await ds.query(`PRAGMA table_info("${meta.tableName}")`) as { name: string }[]).map((c) => c.name)
          : (await ds.query(`SHOW COLUMNS FROM \`${meta.tableName}\``) as { Field: string }[]).map((c) => c.Field);
        for (const c of meta.columns) expect(cols, `${meta.tableName}.${c.databaseName}`).toContain(c.databaseName);
      }
    } finally {
      await ds.destroy();
      await drop();
    }
  });
});
