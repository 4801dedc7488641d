// Picks due rows for one worker: row locks with SKIP LOCKED on MariaDB so several server instances never take
// the same row; a lease (the time column pushed forward) hands rows of a crashed worker to another after it lapses.
import type { EntityManager, EntityTarget } from 'typeorm';
import { serialized, type Db } from '../domain/shared/db.js';
import { dbTime, quoteName } from '../domain/shared/sql.js';

export interface DueQueue {
  table: string;
  /** Column holding "not before" for pending rows and "lease ends" for claimed ones. */
  timeColumn: string;
  pending: string;
  claimed: string;
  /** Extra SQL condition on the row (no user input), e.g. a platform filter. */
  where?: string;
}

const q = quoteName;

/**
 * The due rows' condition (pending and due, or claimed with a lapsed lease), on columns of `alias` if given. `now` is
 * the SQL that stands for the current time in the statement: the bind parameter (`?` or `:now`) the caller fills.
 */
function dueCondition(db: Db, queue: DueQueue, alias: string, now: string): string {
  const tc = `${alias}${q(db, queue.timeColumn)}`;
  return `(${alias}status IN ('${queue.pending}', '${queue.claimed}') AND (${tc} IS NULL OR ${tc} <= ${now}))${queue.where ? ` AND (${queue.where})` : ''}`;
}

/**
 * One claim: `pick` selects and locks due rows in a transaction, which then marks them claimed with the lease.
 * READ COMMITTED: no gap locks, so claiming never deadlocks with the inbox's inserts.
 */
function claim<R extends { id: number }>(db: Db, queue: DueQueue, leaseMs: number, pick: (tx: EntityManager, now: Date) => Promise<R[]>): Promise<{ rows: R[]; lease: Date }> {
  const now = db.clock.now();
  const lease = new Date(now.getTime() + leaseMs);
  return serialized(db, () => db.ds.transaction(db.kind === 'sqlite' ? 'SERIALIZABLE' : 'READ COMMITTED', async (tx) => {
    const rows = await pick(tx, now);
    if (rows.length) {
      await tx.query(`UPDATE ${q(db, queue.table)} SET status = '${queue.claimed}', ${q(db, queue.timeColumn)} = ? WHERE id IN (${rows.map(() => '?').join(',')})`,
        [dbTime(db, lease), ...rows.map((r) => r.id)]);
    }
    return { rows, lease };
  }));
}

/**
 * Claims up to `limit` due rows like claimDue and returns them whole, as they are after the claim (the busy queues
 * use this: no second read of the rows they just locked).
 */
export async function claimDueRows<T extends { id: number }>(db: Db, entity: EntityTarget<T>, queue: DueQueue & { timeProperty: keyof T & string }, limit: number, leaseMs: number): Promise<T[]> {
  const { rows, lease } = await claim(db, queue, leaseMs, (tx, now) => {
    const pick = tx.createQueryBuilder(entity, 'r').where(dueCondition(db, queue, 'r.', ':now'), { now: dbTime(db, now) }).orderBy('r.id', 'ASC').limit(limit);
    if (db.kind !== 'sqlite') pick.setLock('pessimistic_write').setOnLocked('skip_locked');
    return pick.getMany();
  });
  for (const r of rows) Object.assign(r, { status: queue.claimed, [queue.timeProperty]: lease });
  return rows;
}

/** Claims up to `limit` due rows (pending and due, or claimed with a lapsed lease); returns their ids, oldest first. */
export async function claimDue(db: Db, queue: DueQueue, limit: number, leaseMs: number): Promise<number[]> {
  const { rows } = await claim(db, queue, leaseMs, async (tx, now) => {
    const lock = db.kind === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
    const found: { id: number }[] = await tx.query(`SELECT id FROM ${q(db, queue.table)} WHERE ${dueCondition(db, queue, '', '?')} ORDER BY id LIMIT ${Number(limit)}${lock}`, [dbTime(db, now)]);
    return found.map((r) => ({ id: Number(r.id) }));
  });
  return rows.map((r) => r.id);
}
