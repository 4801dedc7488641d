// What a tap on a reminder card does, through the same use cases as the app: done completes the task, snooze
// moves the task (or, for other kinds, plans the same reminder again later), claim takes the customer or lead from the pool.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden, notFound } from '../shared/domain-error.js';
import { completeTask } from '../activity/complete-task.js';
import { snoozeTask } from '../activity/snooze-task.js';
import { claimFromPool } from '../pool/claim-from-pool.js';
import { Reminder } from './reminder.entity.js';
import { insertReminders } from './insert-reminders.js';
import { reminderSettings } from './reminder-config.js';
import { snoozeUntil } from './local-time.js';
import { taskDeleted, type TaskEnd } from '../activity/task-receipts.js';

async function mine(c: DomainContext, id: number): Promise<Reminder> {
  const r = await c.tx.findOne(Reminder, { where: { id } });
  if (!r) throw notFound('reminder');
  if (r.recipientId !== c.actor.userId) throw forbidden('reminder.act');
  return r;
}

const mark = (c: DomainContext, id: number, outcome: string) => c.tx.update(Reminder, { id }, { outcome, updatedAt: c.now });

/**
 * Complete the task a task reminder is about. Who: the reminder's recipient (completeTask checks the task too).
 * Writes: the task (done, audited), the reminder's outcome. Idempotent: completing a done task changes nothing.
 */
export async function completeFromReminder(c: DomainContext, id: number): Promise<Reminder> {
  const r = await mine(c, id);
  if (r.kind !== 'task_due' && !(r.kind === 'escalation' && r.subjectType === 'task')) throw forbidden('reminder.done');
  await completeTask(c, r.subjectId);
  await mark(c, r.id, 'done');
  return r;
}

/**
 * Snooze a reminder by a day or to 09:00 on next week's first work day. Who: its recipient. Writes: a task's
 * snoozedUntil (audited), or a new reminder row of the same kind due then; the outcome `snoozed` (no escalation for
 * it). Idempotent: the new row's key is (kind, subject, until, recipient), and snoozeTask ignores the same time again.
 */
export async function snoozeFromReminder(c: DomainContext, id: number, span: 'day' | 'week'): Promise<{ reminder: Reminder; until: Date }> {
  const r = await mine(c, id);
  const cfg = await reminderSettings(c);
  const until = snoozeUntil(c.now, cfg.timeZone, span, cfg.workDays);
  if (r.kind === 'task_due') await snoozeTask(c, r.subjectId, until);
  else await insertReminders(c, [{ kind: r.kind, subjectType: r.subjectType, subjectId: r.subjectId, recipientId: r.recipientId, dueAt: until, data: r.data ?? undefined }], cfg);
  await mark(c, r.id, 'snoozed');
  return { reminder: r, until };
}

/**
 * Claim the customer (or lead) a pool notice offers. Who: the notice's recipient, within the claim limit. Writes: the
 * owner (claimFromPool: one conditional UPDATE, audited), the outcome. Race-safe: a second claimer gets pool.already_claimed.
 */
export async function claimFromReminder(c: DomainContext, id: number): Promise<Reminder> {
  const r = await mine(c, id);
  if (r.kind !== 'pool_notice') throw forbidden('reminder.claim');
  await claimFromPool(c, r.subjectType === 'lead' ? 'lead' : 'customer', r.subjectId);
  await mark(c, r.id, 'claimed');
  return r;
}

/**
 * When and by whom the task a task reminder is about was deleted, or null (not about a task, or the task is still
 * there). A tap on its card is answered with this instead of failing on a task that is gone.
 */
export async function deletedTaskOf(c: DomainContext, id: number): Promise<TaskEnd | null> {
  const r = await c.tx.findOne(Reminder, { where: { id }, select: { id: true, subjectType: true, subjectId: true } });
  return r?.subjectType === 'task' ? taskDeleted(c, r.subjectId) : null;
}
