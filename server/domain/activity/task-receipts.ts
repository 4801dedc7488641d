// A task made in chat answers with a receipt card (完成, 撤销). Whatever closes the task — the card's own buttons, its
// reminder card, "…做完了" in chat, the mini-program or REST — every copy of that receipt still open is updated in place
// to say so, through the outbox like every other card update (bot/core/deliver.ts re-renders the copy from its data).
import type { DomainContext } from '../shared/with-tx.js';
import { CardInstance } from '../card/card-instance.entity.js';

export const TASK_RECEIPT_TEMPLATE = 'task-receipt';

/** How a task's receipt ends: the task done, cancelled, or taken back (undone). */
export type ReceiptEnd = 'done' | 'cancelled' | 'undone';

/**
 * Closes `card` (one copy of a receipt) if it is still open: one conditional UPDATE, so of two closings racing (a tap
 * and a REST call) only one wins, and each copy is updated once — a WeCom response_code works once.
 */
export async function takeReceipt(c: DomainContext, cardId: number): Promise<boolean> {
  const res = await c.tx.createQueryBuilder().update(CardInstance).set({ state: 'done', updatedAt: c.now } as never)
    .where("id = :id AND state = 'active'", { id: cardId }).execute();
  return (res.affected ?? 0) === 1;
}

/**
 * Every open receipt card of the task shows how it ended, at `c.now`; copies closed already (the one tapped, or one
 * closed by an earlier end) are left alone. Quietly: a WeCom copy can be changed only while the code of its send (or
 * of its last tap) is fresh, and a message saying "done" where the person did it elsewhere would be noise.
 */
export async function closeTaskReceipts(c: DomainContext, taskId: number, end: ReceiptEnd): Promise<void> {
  const open = await c.tx.find(CardInstance, { where: { subjectType: 'task', subjectId: taskId, template: TASK_RECEIPT_TEMPLATE, state: 'active' } });
  for (const card of open) {
    if (!(await takeReceipt(c, card.id))) continue;
    await c.outbox.push({
      address: card.address as never, locale: card.locale,
      message: { kind: 'card_update', cardId: card.cardId, data: { [end]: { at: c.now } }, quiet: true },
      dedupeKey: `task-${end}:${card.cardId}`.slice(0, 128),
    });
  }
}
