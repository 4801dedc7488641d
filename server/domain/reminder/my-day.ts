// A person's day: their open tasks due (or snoozed to) by the end of the company's today, overdue first, and their
// customers whose follow-up cadence (the configured rules, from the last follow-up or when they got the customer) has
// run out, longest waiting first. The morning digest, the bot's "今天的待办" and the mini-program's Today page all
// show this one list, so they never disagree.
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { forbidden, invalid } from '../shared/domain-error.js';
import { Task } from '../activity/task.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { getSetting } from '../settings/settings.js';
import { cadenceRules } from './reminder-config.js';
import { customerAnchors } from './customer-anchor.js';
import { cadenceClock } from './customer-clocks.js';
import { localDayAt, localYmd } from './local-time.js';
import { In } from 'typeorm';

const DAY = 86_400_000;

export interface DayTask {
  id: number; title: string;
  /** When it is due now: the snooze if there is one, else the due time. */
  at: Date;
  customerId: number | null; customerName: string | null; leadId: number | null;
  /** Whole days past `at` (0 = due later today or less than a day late). */
  daysLate: number;
}
export interface DueCustomer {
  id: number; name: string; level: string; lastFollowUpAt: Date | null;
  /** Where its cadence clock started: the last follow-up, or when its owner got it, or its creation. */
  since: Date;
  /** Whole days since `since`; the cadence that ran out. */
  days: number; everyDays: number;
}
export interface MyDay {
  timeZone: string;
  /** The local day listed, 'YYYY-MM-DD' in the company zone. */
  day: string;
  /** Whether that day is today (then overdue work is in the lists). */
  today: boolean;
  tasks: DayTask[]; customers: DueCustomer[];
  /** Another day than today: open tasks due before it, counted rather than listed again. */
  earlier: number;
}

/**
 * `userId`'s day (default: the actor's), today unless `day` ('YYYY-MM-DD', company zone) names another. Today: open
 * tasks due by its end, overdue first, and customers whose cadence has run out. Another day ("明天有什么安排"): the
 * tasks due that day, the customers whose cadence runs out that day, and a count of the open tasks due before it.
 * Who: the person themselves; the system (the digest) for anyone. Reads only: their open tasks, their customers and
 * when those were last followed up or taken over.
 */
export async function myDay(c: DomainContext, userId = c.actor.userId, opts: { day?: string } = {}): Promise<MyDay> {
  if (userId === null || (c.actor.role !== 'system' && c.actor.userId !== userId)) throw forbidden('myDay');
  const timeZone = await getSetting(c, 'timeZone');
  const todayYmd = localYmd(c.now, timeZone);
  const day = opts.day ?? todayYmd;
  // A calendar day only: Date.parse takes "2026-02-30" for 2 March, so the day must come back as written.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) throw invalid('validation.date', 'day');
  const shift = Math.round((at - Date.parse(`${todayYmd}T00:00:00Z`)) / DAY);
  const today = day === todayYmd;
  const start = localDayAt(c.now, timeZone, '00:00', shift);
  const end = localDayAt(c.now, timeZone, '00:00', shift + 1);
  const due = 'COALESCE(t.snoozed_until, t.due_at)';
  const openTasks = () => c.tx.createQueryBuilder(Task, 't').where(`t.owner_id = :userId AND t.status = 'open' AND ${due} < :end`, { userId, end: dbTime(c.db, end) });
  const open = await (today ? openTasks() : openTasks().andWhere(`${due} >= :start`, { start: dbTime(c.db, start) }))
    .orderBy(due, 'ASC').addOrderBy('t.id', 'ASC').getMany();
  const earlier = today ? 0 : await openTasks().andWhere(`${due} < :start`, { start: dbTime(c.db, start) }).getCount();
  const owned = await c.tx.find(Customer, { where: { ownerId: userId } });
  const rules = await cadenceRules(c);
  const anchors = await customerAnchors(c, owned);
  const customers: DueCustomer[] = [];
  for (const cu of owned) {
    const since = anchors.get(cu.id)!;
    const clock = cadenceClock(rules, cu, since, c.now);
    if (!clock || (today ? clock.dueAt > c.now : clock.dueAt < start || clock.dueAt >= end)) continue;
    customers.push({
      id: cu.id, name: cu.name, level: cu.level, lastFollowUpAt: cu.lastFollowUpAt, since,
      // Another day: how long it will have been when its cadence runs out that day.
      days: Math.floor(((today ? c.now : clock.dueAt).getTime() - since.getTime()) / DAY), everyDays: clock.everyDays,
    });
  }
  customers.sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id);
  const tasks = await dayTasks(c, open, new Map(owned.map((cu) => [cu.id, cu.name])));
  return { timeZone, day, today, tasks, customers, earlier };
}

/** Open tasks as lists show them: when each is due now, its customer's name, how late it is. */
export async function dayTasks(c: DomainContext, open: Task[], names = new Map<number, string>()): Promise<DayTask[]> {
  // Tasks name their customer: the ones not already in hand, in one read.
  const missing = [...new Set(open.map((x) => x.customerId).filter((id): id is number => !!id && !names.has(id)))];
  if (missing.length) for (const cu of await c.tx.find(Customer, { where: { id: In(missing) }, select: { id: true, name: true } })) names.set(cu.id, cu.name);
  return open.map((x) => {
    const at = x.snoozedUntil ?? x.dueAt;
    return {
      id: x.id, title: x.title, at, customerId: x.customerId, customerName: x.customerId ? names.get(x.customerId) ?? null : null,
      leadId: x.leadId, daysLate: Math.max(0, Math.floor((c.now.getTime() - at.getTime()) / DAY)),
    };
  });
}
