// Runs pending migrations, printing each as it goes; safe to run again (applied ones are skipped).
import type { DataSource } from 'typeorm';

export async function migrate(ds: DataSource, log: (line: string) => void = () => {}): Promise<string[]> {
  const pending = await ds.showMigrations();
  if (!pending) return [];
  const started = Date.now();
  const applied = await ds.runMigrations({ transaction: 'each' });
  for (const m of applied) log(`migrated ${m.name}`);
  log(`${applied.length} migration(s) applied in ${Date.now() - started} ms`);
  return applied.map((m) => m.name);
}
