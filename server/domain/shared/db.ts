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
  /** Called after a commit that queued outbound messages (compose wakes the outbox deliverer with it). */
  onOutbox?: () => void;
}

export function makeDb(ds: DataSource, url: string, clock: Clock = systemClock, timeZone = 'Asia/Shanghai'): Db {
  return { ds, kind: dbKindOf(url), clock, lock: { tail: Promise.resolve() }, timeZone };
}

/** Runs fn after every earlier transaction on the embedded engine; MySQL/MariaDB run it at once. */
export function serialized<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== 'sqlite') return fn();
  const next = db.lock.tail.then(fn, fn);
  db.lock.tail = next.catch(() => undefined);
  return next;
}
