// A task made in chat answers with a receipt card (完成, 撤销); a task due comes as a reminder card (已完成, 推迟). Taps on
// them close the copy tapped here (takeReceipt); closing the task anywhere closes the others (task-cards.ts). A tap on a
// copy of a task deleted since is answered from its deletion (taskDeleted).
import type { DomainContext } from '../shared/with-tx.js';
import { CardInstance } from '../card/card-instance.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { User } from '../user/user.entity.js';
import { Task } from './task.entity.js';

export const TASK_RECEIPT_TEMPLATE = 'task-receipt';

/** How a task's receipt ends: the task done, cancelled, taken back (undone) or deleted. */
export type ReceiptEnd = 'done' | 'cancelled' | 'undone' | 'deleted';

/** When a task ended, and by whom (a person's name; none for the system). */
export interface TaskEnd { at: Date; byName?: string }

/**
 * Closes `card` (one copy of a receipt) if it is still open: one conditional UPDATE, so of two closings racing (a tap
 * and a REST call) only one wins, and each copy is updated once — a WeCom response_code works once.
 */
export async function takeReceipt(c: DomainContext, cardId: number): Promise<boolean> {
  const res = await c.tx.createQueryBuilder().update(CardInstance).set({ state: 'done', updatedAt: c.now } as never)
    .where("id = :id AND state = 'active'", { id: cardId }).execute();
  return (res.affected ?? 0) === 1;
}

/** A person's name, if `userId` is a person (null: the system). */
async function userName(c: DomainContext, userId: number | null): Promise<string | undefined> {
  if (userId === null) return undefined;
  return (await c.tx.findOne(User, { where: { id: userId }, select: { id: true, name: true } }))?.name;
}

/** The name of the person acting, if a person is. */
export const actorName = (c: DomainContext): Promise<string | undefined> => userName(c, c.actor.userId);

/**
 * A task that is gone: when and by whom it was deleted (its audit), or null while it exists. What a tap on a card of it
 * (a receipt, a reminder) answers with.
 */
export async function taskDeleted(c: DomainContext, taskId: number): Promise<TaskEnd | null> {
  if (await c.tx.exists(Task, { where: { id: taskId } })) return null;
  const log = await c.tx.findOne(AuditLog, { where: { entityType: 'task', entityId: taskId, action: 'delete' }, order: { id: 'DESC' } });
  if (!log) return { at: c.now };
  const byName = await userName(c, log.actorId);
  return { at: log.at, ...(byName ? { byName } : {}) };
}
