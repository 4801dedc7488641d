// Whatever closes a task — a tap on its receipt or its reminder card, "…做完了" in chat, the mini-program, REST, or
// deleting it — every copy of its chat cards still open (its receipts, its reminder cards) is updated in place to say
// so, through the outbox like every other card update (bot/core/deliver.ts re-renders a copy from its data; a WeCom
// copy whose code has run out keeps the new data quietly). A task snoozed or given a new due time keeps its receipts,
// but the reminder cards for the old time are settled: they say until when, and the reminder comes again then.
import type { DomainContext } from '../shared/with-tx.js';
import { CardInstance } from '../card/card-instance.entity.js';
import { storeOnCard } from '../card/card-data.js';
import { Reminder } from '../reminder/reminder.entity.js';
import { actorName, takeReceipt, TASK_RECEIPT_TEMPLATE, type ReceiptEnd, type TaskEnd } from './task-receipts.js';

const REMINDER_TEMPLATE = 'reminder';

/** Open copies of the task's reminder cards (a reminder card's subject is its reminder row). */
function openReminderCards(c: DomainContext, taskId: number): Promise<CardInstance[]> {
  return c.tx.createQueryBuilder(CardInstance, 'k')
    .innerJoin(Reminder, 'r', "r.id = k.subject_id AND r.subject_type = 'task' AND r.subject_id = :taskId", { taskId })
    .where("k.subject_type = 'reminder' AND k.template = :template AND k.state = 'active'", { template: REMINDER_TEMPLATE })
    .getMany();
}

/**
 * Every open card of the task shows how it ended, at `c.now`, and who ended it where the card names people (a reminder
 * card; a receipt only for a deletion). Copies closed already (the one tapped, or one closed by an earlier end) are left
 * alone; each is taken with one conditional UPDATE, so of two closings racing only one updates it — a WeCom
 * response_code works once. The copy's stored data says so at once, so a late tap on it is answered from it. Quietly: a
 * message saying "done" where the person did it elsewhere would be noise.
 */
export async function closeTaskCards(c: DomainContext, taskId: number, end: ReceiptEnd): Promise<void> {
  const receipts = await c.tx.find(CardInstance, { where: { subjectType: 'task', subjectId: taskId, template: TASK_RECEIPT_TEMPLATE, state: 'active' } });
  const reminders = await openReminderCards(c, taskId);
  if (!receipts.length && !reminders.length) return;
  const byName = await actorName(c);
  const ended: TaskEnd = { at: c.now, ...(byName ? { byName } : {}) };
  for (const card of receipts) await closeCopy(c, card, { [end]: end === 'deleted' ? ended : { at: c.now } }, end);
  // A task taken back (undone) is gone for its reminder as for any deletion. The id tells the person's own double tap.
  for (const card of reminders) await closeCopy(c, card, { state: { outcome: end === 'undone' ? 'deleted' : end, ...ended, ...byIdOf(c) } }, end);
}

/** How a task still open moved on from its reminder: snoozed, or due at another time. */
export type TaskMove = 'snoozed' | 'rescheduled';

/**
 * The task's open reminder cards show it was snoozed or given a new due time (`until`), by whom, at `c.now`: their
 * buttons are for a reminder that is over (the next one comes at `until`). The copy tapped to snooze is closed already
 * and left alone. Receipts stay open: the task is still to do.
 */
export async function settleReminderCards(c: DomainContext, taskId: number, move: TaskMove, until: Date): Promise<void> {
  const reminders = await openReminderCards(c, taskId);
  if (!reminders.length) return;
  const byName = await actorName(c);
  const state = { outcome: move, at: c.now, until, ...(byName ? { byName } : {}), ...byIdOf(c) };
  for (const card of reminders) await closeCopy(c, card, { state }, `${move}-${until.getTime()}`);
}

const byIdOf = (c: DomainContext) => (c.actor.userId !== null ? { byId: c.actor.userId } : {});

async function closeCopy(c: DomainContext, card: CardInstance, change: Record<string, unknown>, end: string): Promise<void> {
  if (!(await takeReceipt(c, card.id))) return;
  const data = await storeOnCard(c, card, change);
  await c.outbox.push({
    address: card.address as never, locale: card.locale,
    message: { kind: 'card_update', cardId: card.cardId, data, quiet: true },
    dedupeKey: `task-${end}:${card.cardId}`.slice(0, 128),
  });
}
