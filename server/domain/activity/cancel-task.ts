// 取消待办: a task that is no longer to be done (the customer called it off, it was planned twice) is closed without
// being done — kept, unlike undo (undo-task.ts), which takes a task just made by mistake back as if never made.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { Task } from './task.entity.js';
import { canChangeTask, taskObject } from './task.object.js';
import { closeTaskCards } from './task-cards.js';

/**
 * Cancel a task. Who: its owner, their manager chain, admins (as completing it). Writes: status cancelled, snooze
 * cleared, audit `cancel`, event `task.cancelled`; its reminder is not sent (reminder-still-due.ts finds it closed);
 * its receipt and reminder cards still open show it cancelled. Idempotent: cancelling a cancelled task returns it unchanged; a done
 * task stays done (409 task.done).
 */
export async function cancelTask(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const row = await findVisible(c, taskObject, id, true);
  if (!(await canChangeTask(c, row))) throw forbidden('task.cancel');
  if (row.status === 'cancelled') return present(c, taskObject, row);
  if (row.status === 'done') throw conflict('task.done');
  const before = { status: row.status, snoozedUntil: row.snoozedUntil };
  const changes: Partial<Task> = { status: 'cancelled', snoozedUntil: null, updatedAt: c.now };
  await c.tx.update(Task, { id }, changes as never);
  await audit(c, 'cancel', 'task', id, before, { status: 'cancelled', snoozedUntil: null });
  c.emit({ type: 'task.cancelled', entity: 'task', id, data: { ownerId: row.ownerId } });
  await closeTaskCards(c, id, 'cancelled');
  return present(c, taskObject, Object.assign(row, changes));
}
