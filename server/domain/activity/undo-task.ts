// 撤销 on a task receipt: a task just created by mistake (a misheard time, the wrong customer) is taken back as if it
// had never been made — the same window and the same rule as a follow-up's undo (undo-follow-up.ts).
import type { DomainContext } from '../shared/with-tx.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { deleteRecord, findVisible } from '../shared/records.js';
import { Task } from './task.entity.js';
import { taskObject } from './task.object.js';
import { undoDeadline } from './undo-follow-up.js';
import { closeTaskCards } from './task-cards.js';

/**
 * Who: the person the task was made for, who made it (others who may see it get 403; a manager deletes it instead).
 * When: until undoDeadline of its creation (409 task.undo_expired after), and only while open (409 task.undo_closed once done or cancelled). Writes: the task deleted (audited, event
 * `task.deleted`); a reminder planned for it is not sent (reminder-still-due.ts finds the task gone). Idempotent: a
 * second undo finds nothing and writes nothing.
 */
export async function undoTask(c: DomainContext, taskId: number): Promise<{ undone: boolean }> {
  if (c.actor.userId === null) throw forbidden('task.undo');
  const qb = c.tx.createQueryBuilder(Task, 't').where('t.id = :id', { id: taskId });
  // A twin undo (a double tap on two instances) waits here and then finds it gone.
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) return { undone: false };
  if (row.ownerId !== c.actor.userId) {
    await findVisible(c, taskObject, taskId);
    throw forbidden('task.undo');
  }
  if (c.now.getTime() > undoDeadline(row.createdAt).getTime()) throw conflict('task.undo_expired');
  // Done (or cancelled) since, from a reminder card, the mini-program or REST: taking it back would lose that.
  if (row.status !== 'open') throw conflict('task.undo_closed');
  // Any other copy of its receipt says so too (the tapped one is closed by its tap), and a reminder card of it.
  await closeTaskCards(c, row.id, 'undone');
  await deleteRecord(c, taskObject, row.id);
  return { undone: true };
}
