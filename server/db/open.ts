// Opens the configured database and brings its schema up to date.
import type { Config } from '../config.js';
import { createDataSource } from './data-source.js';
import { migrate } from './migrate.js';
import { makeDb, systemClock, type Clock, type Db } from '../domain/shared/db.js';

export async function openDatabase(config: Config, log: (line: string) => void = () => {}, clock: Clock = systemClock): Promise<Db> {
  const ds = await createDataSource(config.databaseUrl);
  await migrate(ds, log);
  return makeDb(ds, config.databaseUrl, clock, config.timeZone);
}
