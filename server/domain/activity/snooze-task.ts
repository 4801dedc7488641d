// 稍后提醒: push a task's reminder to a later time.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { Task } from './task.entity.js';
import { canChangeTask, taskObject } from './task.object.js';
import { settleReminderCards } from './task-cards.js';

/**
 * Snooze an open task until a future time. Who: its owner, their manager chain, admins.
 * Writes: snoozedUntil, clears remindedAt (so the reminder fires again then), audit `snooze`; the task's open reminder
 * cards say until when (task-cards.ts).
 * Idempotent: snoozing to the same time again changes nothing.
 */
export async function snoozeTask(c: DomainContext, id: number, until: Date): Promise<Record<string, unknown>> {
  const row = await findVisible(c, taskObject, id, true);
  if (!(await canChangeTask(c, row))) throw forbidden('task.snooze');
  if (row.status !== 'open') throw conflict('task.not_open');
  if (until.getTime() <= c.now.getTime()) throw invalid('validation.future', 'until');
  if (row.snoozedUntil?.getTime() === until.getTime()) return present(c, taskObject, row);
  const before = { snoozedUntil: row.snoozedUntil, remindedAt: row.remindedAt };
  const changes: Partial<Task> = { snoozedUntil: until, remindedAt: null, updatedAt: c.now };
  await c.tx.update(Task, { id }, changes as never);
  await audit(c, 'snooze', 'task', id, before, { snoozedUntil: until, remindedAt: null });
  await settleReminderCards(c, id, 'snoozed', until);
  c.emit({ type: 'task.snoozed', entity: 'task', id, data: { ownerId: row.ownerId, until: until.toISOString() } });
  return present(c, taskObject, Object.assign(row, changes));
}
