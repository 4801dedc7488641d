// The handle every use case gets: the DataSource, which engine it is, and the clock.
import type { DataSource } from 'typeorm';
import { dbKindOf, type DbKind } from '../../db/data-source.js';

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

export interface Db {
  ds: DataSource;
  kind: DbKind;
  clock: Clock;
  /** Serialises transactions on the embedded engine: one SQLite connection cannot nest them. */
  lock: { tail: Promise<unknown> };
  timeZone: string;
}

export function makeDb(ds: DataSource, url: string, clock: Clock = systemClock, timeZone = 'Asia/Shanghai'): Db {
  return { ds, kind: dbKindOf(url), clock, lock: { tail: Promise.resolve() }, timeZone };
}
