// A task made in chat answers with a receipt card (完成, 撤销). Whatever closes the task — the card's own buttons, its
// reminder card, "…做完了" in chat, the mini-program or REST, or deleting it — every copy of that receipt still open is
// updated in place to say so, through the outbox like every other card update (bot/core/deliver.ts re-renders the copy
// from its data).
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

/** The name of the person acting, if a person is. */
export async function actorName(c: DomainContext): Promise<string | undefined> {
  if (c.actor.userId === null) return undefined;
  return (await c.tx.findOne(User, { where: { id: c.actor.userId }, select: { id: true, name: true } }))?.name;
}

/**
 * Every open receipt card of the task shows how it ended, at `c.now` (a deletion also by whom); copies closed already
 * (the one tapped, or one closed by an earlier end) are left alone. The copy's stored data says so at once, so a late
 * tap on it is answered from it. Quietly: a WeCom copy can be changed only while the code of its send (or of its last
 * tap) is fresh, and a message saying "done" where the person did it elsewhere would be noise.
 */
export async function closeTaskReceipts(c: DomainContext, taskId: number, end: ReceiptEnd): Promise<void> {
  const open = await c.tx.find(CardInstance, { where: { subjectType: 'task', subjectId: taskId, template: TASK_RECEIPT_TEMPLATE, state: 'active' } });
  if (!open.length) return;
  const ended: TaskEnd = end === 'deleted' ? { at: c.now, byName: await actorName(c) } : { at: c.now };
  for (const card of open) {
    if (!(await takeReceipt(c, card.id))) continue;
    const data = { [end]: JSON.parse(JSON.stringify(ended)) as Record<string, unknown> };
    await c.tx.update(CardInstance, { id: card.id }, { data: { ...card.data, ...data } as never });
    await c.outbox.push({
      address: card.address as never, locale: card.locale,
      message: { kind: 'card_update', cardId: card.cardId, data, quiet: true },
      dedupeKey: `task-${end}:${card.cardId}`.slice(0, 128),
    });
  }
}

/**
 * A task that is gone: when and by whom it was deleted (its audit), or null while it exists. What a tap on a card of it
 * (a receipt, a reminder) answers with.
 */
export async function taskDeleted(c: DomainContext, taskId: number): Promise<TaskEnd | null> {
  if (await c.tx.exists(Task, { where: { id: taskId } })) return null;
  const log = await c.tx.findOne(AuditLog, { where: { entityType: 'task', entityId: taskId, action: 'delete' }, order: { id: 'DESC' } });
  if (!log) return { at: c.now };
  const by = log.actorId === null ? null : await c.tx.findOne(User, { where: { id: log.actorId }, select: { id: true, name: true } });
  return { at: log.at, ...(by ? { byName: by.name } : {}) };
}
