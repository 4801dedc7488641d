// The morning digest: one message per person with their day (open tasks due today or overdue, customers whose
// follow-up cadence has run out: my-day.ts) instead of a burst of single reminders. Reminder rows of that person
// already due are folded into it (they are covered by the list).
import { t, type Locale } from '../../../locales/index.js';
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { Reminder } from './reminder.entity.js';
import { myDay } from './my-day.js';
import { localDayAt } from './local-time.js';
import { getSetting } from '../settings/settings.js';

const MAX_LINES = 15;

export interface Digest { tasks: number; customers: number; lines: string; more: number }

function fmtTime(d: Date, locale: Locale, tz: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** What `userId`'s digest says, in `locale`: their day (my-day.ts) as lines; null when there is nothing to say. */
export async function buildDigest(c: DomainContext, userId: number, locale: Locale): Promise<Digest | null> {
  const day = await myDay(c, userId);
  if (!day.tasks.length && !day.customers.length) return null;
  const lines = [
    ...day.tasks.map((x) => (x.daysLate >= 1 ? t(locale, 'reminder.digest.task_overdue', { title: x.title, days: x.daysLate })
      : t(locale, 'reminder.digest.task', { title: x.title, time: fmtTime(x.at, locale, day.timeZone) }))),
    ...day.customers.map((cu) => t(locale, 'reminder.digest.customer', { name: cu.name, level: cu.level, days: cu.days })),
  ];
  return { tasks: day.tasks.length, customers: day.customers.length, lines: lines.slice(0, MAX_LINES).join('\n'), more: Math.max(0, lines.length - MAX_LINES) };
}

/** The reminders a digest lists: tasks due and customers due for a follow-up (my-day.ts); not pool returns or SLAs. */
const LISTED_KINDS = new Set(['task_due', 'followup_due']);

/**
 * When each of `recipientIds` was sent today's digest (the company's day), for those who were. A reminder of a kind it
 * lists, due by then, was on it (`listedInDigest`): on a first start or after downtime such rows are planned or
 * claimed together with the digest, and sending them as well would repeat it card by card.
 */
export async function digestsSentToday(c: DomainContext, recipientIds: number[]): Promise<Map<number, Date>> {
  const sent = new Map<number, Date>();
  if (!recipientIds.length) return sent;
  const startOfToday = localDayAt(c.now, await getSetting(c, 'timeZone'), '00:00');
  const rows = await c.tx.createQueryBuilder(Reminder, 'r').select(['r.recipientId', 'r.sentAt'])
    .where("r.kind = 'digest' AND r.status = 'sent' AND r.sent_at >= :start AND r.recipient_id IN (:...ids)", { start: dbTime(c.db, startOfToday), ids: recipientIds })
    .getMany();
  for (const r of rows) if (r.sentAt && r.sentAt > (sent.get(r.recipientId) ?? new Date(0))) sent.set(r.recipientId, r.sentAt);
  return sent;
}

/** Whether a digest sent at `digestSentAt` already told this reminder's recipient about it. */
export function listedInDigest(r: Pick<Reminder, 'kind' | 'dueAt'>, digestSentAt: Date | undefined): boolean {
  return !!digestSentAt && LISTED_KINDS.has(r.kind) && r.dueAt.getTime() <= digestSentAt.getTime();
}

/** Marks the person's pending task and cadence reminders that are due by now as folded into the digest. */
export async function foldIntoDigest(c: DomainContext, userId: number): Promise<void> {
  await c.tx.createQueryBuilder().update(Reminder).set({ status: 'folded', outcome: 'digest', updatedAt: c.now })
    .where(`recipient_id = :userId AND status = 'pending' AND kind IN ('task_due', 'followup_due') AND send_at <= :now`, { userId, now: dbTime(c.db, c.now) })
    .execute();
}
