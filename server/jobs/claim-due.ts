// Picks due rows for one worker: row locks with SKIP LOCKED on MariaDB so several server instances never take
// the same row; a lease (the time column pushed forward) hands rows of a crashed worker to another after it lapses.
import type { EntityTarget } from 'typeorm';
import { serialized, type Db } from '../domain/shared/db.js';
import { dbTime } from '../domain/shared/sql.js';

export interface DueQueue {
  table: string;
  /** Column holding "not before" for pending rows and "lease ends" for claimed ones. */
  timeColumn: string;
  pending: string;
  claimed: string;
  /** Extra SQL condition on the row (no user input), e.g. a platform filter. */
  where?: string;
}

const q = (db: Db, name: string) => (db.kind === 'sqlite' ? `"${name}"` : `\`${name}\``);

/**
 * Claims up to `limit` due rows like claimDue and returns them whole, as they are after the claim (the busy queues
 * use this: no second read of the rows they just locked).
 */
export async function claimDueRows<T extends { id: number }>(db: Db, entity: EntityTarget<T>, queue: DueQueue & { timeProperty: keyof T & string }, limit: number, leaseMs: number): Promise<T[]> {
  const now = db.clock.now();
  const lease = new Date(now.getTime() + leaseMs);
  const t = q(db, queue.table);
  const tc = q(db, queue.timeColumn);
  const run = async (): Promise<T[]> =>
    db.ds.transaction(db.kind === 'sqlite' ? 'SERIALIZABLE' : 'READ COMMITTED', async (tx) => {
      const pick = tx.createQueryBuilder(entity, 'r')
        .where(`(r.status IN ('${queue.pending}', '${queue.claimed}') AND (r.${tc} IS NULL OR r.${tc} <= :now))${queue.where ? ` AND (${queue.where})` : ''}`, { now: dbTime(db, now) })
        .orderBy('r.id', 'ASC').limit(limit);
      if (db.kind !== 'sqlite') pick.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await pick.getMany();
      if (rows.length) {
        await tx.query(`UPDATE ${t} SET status = '${queue.claimed}', ${tc} = ? WHERE id IN (${rows.map(() => '?').join(',')})`,
          [dbTime(db, lease), ...rows.map((r) => r.id)]);
        for (const r of rows) Object.assign(r, { status: queue.claimed, [queue.timeProperty]: lease });
      }
      return rows;
    });
  return serialized(db, run);
}

/** Claims up to `limit` due rows (pending and due, or claimed with a lapsed lease); returns their ids, oldest first. */
export async function claimDue(db: Db, queue: DueQueue, limit: number, leaseMs: number): Promise<number[]> {
  const now = db.clock.now();
  const t = q(db, queue.table);
  const tc = q(db, queue.timeColumn);
  const cond = `(status IN ('${queue.pending}', '${queue.claimed}') AND (${tc} IS NULL OR ${tc} <= ?))${queue.where ? ` AND (${queue.where})` : ''}`;
  const run = async (): Promise<number[]> =>
    // READ COMMITTED: no gap locks, so claiming never deadlocks with the inbox's inserts.
    db.ds.transaction(db.kind === 'sqlite' ? 'SERIALIZABLE' : 'READ COMMITTED', async (tx) => {
      const lock = db.kind === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
      const rows: { id: number }[] = await tx.query(`SELECT id FROM ${t} WHERE ${cond} ORDER BY id LIMIT ${Number(limit)}${lock}`, [dbTime(db, now)]);
      const ids = rows.map((r) => Number(r.id));
      if (ids.length) {
        await tx.query(`UPDATE ${t} SET status = '${queue.claimed}', ${tc} = ? WHERE id IN (${ids.map(() => '?').join(',')})`,
          [dbTime(db, new Date(now.getTime() + leaseMs)), ...ids]);
      }
      return ids;
    });
  return serialized(db, run);
}
