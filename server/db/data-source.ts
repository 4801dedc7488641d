// Builds the TypeORM DataSource from DATABASE_URL: `sqlite:<file>` (embedded, better-sqlite3) or `mysql://…`.
// Entities and migrations are discovered by file name so each domain folder owns its own.
import 'reflect-metadata';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './naming.js';

const here = dirname(fileURLToPath(import.meta.url));
const serverRoot = resolve(here, '..');
const isSource = (f: string) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts');

function walk(dir: string, match: (f: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, match, out);
    else if (match(name)) out.push(p);
  }
  return out;
}

async function importAll(files: string[]): Promise<Function[]> {
  const out: Function[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (typeof v === 'function') out.push(v as Function);
  }
  return out;
}

let entityCache: Function[] | undefined;
let migrationCache: Function[] | undefined;

export async function loadEntities(): Promise<Function[]> {
  entityCache ??= await importAll(walk(join(serverRoot, 'domain'), (f) => isSource(f) && /\.entity\.(ts|js)$/.test(f)));
  return entityCache;
}

export async function loadMigrations(): Promise<Function[]> {
  if (!migrationCache) {
    const classes = await importAll(walk(join(here, 'migrations'), isSource));
    // Migration classes carry their timestamp in the name (`Init1732000000000`); run in that order.
    migrationCache = classes
      .filter((c) => typeof (c.prototype as MigrationInterface).up === 'function')
      .sort((a, b) => Number(/\d+$/.exec(a.name)?.[0] ?? 0) - Number(/\d+$/.exec(b.name)?.[0] ?? 0));
  }
  return migrationCache;
}

export type DbKind = 'sqlite' | 'mysql';
export const dbKindOf = (url: string): DbKind => (url.startsWith('sqlite:') ? 'sqlite' : 'mysql');

export async function buildOptions(url: string, extra: Partial<DataSourceOptions> = {}): Promise<DataSourceOptions> {
  const entities = await loadEntities();
  const migrations = await loadMigrations();
  const common = { entities, migrations, namingStrategy: new SnakeNamingStrategy(), synchronize: false, logging: false as const };
  if (dbKindOf(url) === 'sqlite') {
    const file = url.slice('sqlite:'.length) || 'data/chatcrm.sqlite';
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
      },
      ...extra,
    } as DataSourceOptions;
  }
  if (!/^mysql:\/\//.test(url) && !/^mariadb:\/\//.test(url)) throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${url.split(':')[0]}:)`);
  return {
    ...common,
    type: 'mysql',
    url: url.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    // trace: mysql2 captures a stack trace on every query to decorate errors, a measurable share of a chat turn's
    // CPU; our errors are logged with their SQL code and message, so it stays off.
    extra: { connectionLimit: 20, trace: false },
    ...extra,
  } as DataSourceOptions;
}

export async function createDataSource(url: string, extra: Partial<DataSourceOptions> = {}): Promise<DataSource> {
  const ds = new DataSource(await buildOptions(url, extra));
  await ds.initialize();
  return ds;
}
