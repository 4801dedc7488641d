// 完成待办.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { Task } from './task.entity.js';
import { canChangeTask, taskObject } from './task.object.js';
import { closeTaskCards } from './task-cards.js';

/**
 * Mark a task done. Who: its owner, their manager chain, admins. Writes: status done, doneAt, audit `complete`; its
 * receipt and reminder cards still open show it done (task-cards.ts), wherever it was completed.
 * Idempotent: completing a done task returns it unchanged (a double tap on a reminder card is harmless).
 */
export async function completeTask(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const row = await findVisible(c, taskObject, id, true);
  if (!(await canChangeTask(c, row))) throw forbidden('task.complete');
  if (row.status === 'done') return present(c, taskObject, row);
  if (row.status === 'cancelled') throw conflict('task.cancelled');
  const before = { status: row.status, doneAt: row.doneAt, snoozedUntil: row.snoozedUntil };
  const changes: Partial<Task> = { status: 'done', doneAt: c.now, snoozedUntil: null, updatedAt: c.now };
  await c.tx.update(Task, { id }, changes as never);
  await audit(c, 'complete', 'task', id, before, { ...before, status: 'done', doneAt: c.now, snoozedUntil: null });
  c.emit({ type: 'task.completed', entity: 'task', id, data: { ownerId: row.ownerId } });
  await closeTaskCards(c, id, 'done');
  return present(c, taskObject, Object.assign(row, changes));
}
