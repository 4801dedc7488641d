// A person's tasks over a whole period ("本周的待办", "今年的待办", "my tasks next month", GET /my-tasks): the open tasks
// due in that calendar period of the company zone, soonest first. The period that holds today also lists what is
// overdue from before it (still to do, as today's list does) and counts it; another period counts, rather than lists,
// the open tasks due before it. One day's list is my-day.ts.
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { forbidden, invalid } from '../shared/domain-error.js';
import { Task } from '../activity/task.entity.js';
import { getSetting } from '../settings/settings.js';
import { periodRange } from '../leaderboard/period.js';
import { dayTasks, type DayTask } from './my-day.js';

export const TASK_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type TaskPeriod = (typeof TASK_PERIODS)[number];

export interface MyTasks {
  timeZone: string;
  period: TaskPeriod; offset: number;
  /** The period's instants [start, end). */
  start: Date; end: Date;
  /** Whether the period holds now (then the overdue tasks from before it are in the list). */
  current: boolean;
  /** Tasks listed and counted: `items` holds the first `limit`, soonest (most overdue) first. */
  total: number;
  /** Of `total`, those past their due time (or snooze) now. */
  overdue: number;
  items: DayTask[];
  /** Another period than the current one: open tasks due before it, counted rather than listed. */
  earlier: number;
}

/**
 * `userId`'s open tasks due in the period (default: the actor's; offset 0 = the one holding now, -1 before, 1 after;
 * at most 12 either way). Who: the person themselves; the system for anyone. Reads only: their open tasks and their
 * customers' names. `limit` (default 15, at most 100) caps `items`; the counts cover them all.
 */
export async function myTasks(c: DomainContext, userId = c.actor.userId, q: { period: TaskPeriod; offset?: number; limit?: number }): Promise<MyTasks> {
  if (userId === null || (c.actor.role !== 'system' && c.actor.userId !== userId)) throw forbidden('myTasks');
  if (!TASK_PERIODS.includes(q.period)) throw invalid('validation.option', 'period');
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || Math.abs(offset) > 12) throw invalid('validation.invalid', 'offset');
  const timeZone = await getSetting(c, 'timeZone');
  const { start, end } = periodRange(q.period, c.now, timeZone, offset);
  const current = start <= c.now && c.now < end;
  const due = 'COALESCE(t.snoozed_until, t.due_at)';
  const open = () => c.tx.createQueryBuilder(Task, 't').where(`t.owner_id = :userId AND t.status = 'open'`, { userId });
  const inPeriod = () => {
    const qb = open().andWhere(`${due} < :end`, { end: dbTime(c.db, end) });
    return current ? qb : qb.andWhere(`${due} >= :start`, { start: dbTime(c.db, start) });
  };
  const total = await inPeriod().getCount();
  const overdue = await inPeriod().andWhere(`${due} < :now`, { now: dbTime(c.db, c.now) }).getCount();
  const rows = await inPeriod().orderBy(due, 'ASC').addOrderBy('t.id', 'ASC').take(Math.min(Math.max(q.limit ?? 15, 1), 100)).getMany();
  const earlier = current ? 0 : await open().andWhere(`${due} < :start`, { start: dbTime(c.db, start) }).getCount();
  return { timeZone, period: q.period, offset, start, end, current, total, overdue, items: await dayTasks(c, rows), earlier };
}
