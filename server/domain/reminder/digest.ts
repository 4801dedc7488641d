// The morning digest: one message per person with their open tasks due today or overdue and the customers whose
// follow-up cadence has run out, instead of a burst of single reminders. Reminder rows of that person already
// due are folded into it (they are covered by the list).
import { t, type Locale } from '../../../locales/index.js';
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { Task } from '../activity/task.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { Reminder } from './reminder.entity.js';
import { cadenceRules } from './reminder-config.js';
import { customerAnchors } from './customer-anchor.js';
import { cadenceClock } from './customer-clocks.js';
import { localDayAt } from './local-time.js';

const DAY = 86_400_000;
const MAX_LINES = 15;

export interface Digest { tasks: number; customers: number; lines: string; more: number }

function fmtTime(d: Date, locale: Locale, tz: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** What `userId`'s digest says, in `locale`; null when there is nothing to say. */
export async function buildDigest(c: DomainContext, userId: number, locale: Locale, tz: string): Promise<Digest | null> {
  const endOfToday = localDayAt(c.now, tz, '00:00', 1);
  const due = 'COALESCE(t.snoozed_until, t.due_at)';
  const tasks = await c.tx.createQueryBuilder(Task, 't')
    .where(`t.owner_id = :userId AND t.status = 'open' AND ${due} < :end`, { userId, end: dbTime(c.db, endOfToday) })
    .orderBy(due, 'ASC').getMany();
  const owned = await c.tx.find(Customer, { where: { ownerId: userId } });
  const rules = await cadenceRules(c);
  const anchors = await customerAnchors(c, owned);
  const overdue = owned.map((cu) => ({ cu, clock: cadenceClock(rules, cu, anchors.get(cu.id)!, c.now), anchor: anchors.get(cu.id)! }))
    .filter((x) => x.clock && x.clock.dueAt <= c.now)
    .sort((a, b) => a.anchor.getTime() - b.anchor.getTime());
  if (!tasks.length && !overdue.length) return null;
  const lines: string[] = [];
  for (const task of tasks) {
    const at = task.snoozedUntil ?? task.dueAt;
    const late = Math.floor((c.now.getTime() - at.getTime()) / DAY);
    lines.push(late >= 1 ? t(locale, 'reminder.digest.task_overdue', { title: task.title, days: late })
      : t(locale, 'reminder.digest.task', { title: task.title, time: fmtTime(at, locale, tz) }));
  }
  for (const { cu, anchor } of overdue) {
    lines.push(t(locale, 'reminder.digest.customer', { name: cu.name, level: cu.level, days: Math.floor((c.now.getTime() - anchor.getTime()) / DAY) }));
  }
  return { tasks: tasks.length, customers: overdue.length, lines: lines.slice(0, MAX_LINES).join('\n'), more: Math.max(0, lines.length - MAX_LINES) };
}

/** Marks the person's pending task and cadence reminders that are due by now as folded into the digest. */
export async function foldIntoDigest(c: DomainContext, userId: number): Promise<void> {
  await c.tx.createQueryBuilder().update(Reminder).set({ status: 'folded', outcome: 'digest', updatedAt: c.now })
    .where(`recipient_id = :userId AND status = 'pending' AND kind IN ('task_due', 'followup_due') AND send_at <= :now`, { userId, now: dbTime(c.db, c.now) })
    .execute();
}
