// Runs pending migrations, printing each as it goes; safe to run again (applied ones are skipped). Several
// instances starting at once on MySQL/MariaDB take turns (a named lock per database): the first migrates, the
// others then find nothing pending — without it they race on the same CREATE TABLE and all but one crash.
import type { DataSource } from 'typeorm';

async function runPending(ds: DataSource, log: (line: string) => void): Promise<string[]> {
  const pending = await ds.showMigrations();
  if (!pending) return [];
  const started = Date.now();
  const applied = await ds.runMigrations({ transaction: 'each' });
  for (const m of applied) log(`migrated ${m.name}`);
  log(`${applied.length} migration(s) applied in ${Date.now() - started} ms`);
  return applied.map((m) => m.name);
}

export async function migrate(ds: DataSource, log: (line: string) => void = () => {}, waitSeconds = 300): Promise<string[]> {
  const type = ds.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return runPending(ds, log); // the embedded DB serves one instance
  // GET_LOCK belongs to a session: hold it on one dedicated connection while the migrations run on others.
  const qr = ds.createQueryRunner();
  await qr.connect();
  const name = `LEFT(CONCAT('chatcrm_migrate:', DATABASE()), 64)`;
  try {
    const [row] = (await qr.query(`SELECT GET_LOCK(${name}, ?) AS got`, [waitSeconds])) as { got: number | string | null }[];
    if (Number(row?.got) !== 1) throw new Error(`another instance has been migrating this database for over ${waitSeconds} s`);
    return await runPending(ds, log);
  } finally {
    await qr.query(`SELECT RELEASE_LOCK(${name})`).catch(() => undefined);
    await qr.release();
  }
}
