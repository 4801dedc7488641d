// Taps on a task receipt: "完成" completes the task (server/domain/activity/complete-task.ts, who may: its owner and
// their managers), "撤销" takes it back (server/domain/activity/undo-task.ts: the person it was made for, five
// minutes). Either closes the card and updates it in place with the tap's code; a double tap or a platform retry finds
// it closed. The tapped copy is closed before the use case runs, which closes the task's other open copies
// (task-receipts.ts): each copy is updated once. A tap on a copy of a task deleted since is told so, and a copy still
// showing its buttons then shows who deleted it.
import { completeTask } from '../../server/domain/activity/complete-task.js';
import { undoTask } from '../../server/domain/activity/undo-task.js';
import { takeReceipt, taskDeleted } from '../../server/domain/activity/task-receipts.js';
import { Task } from '../../server/domain/activity/task.entity.js';
import { storeOnCard } from '../../server/domain/card/card-data.js';
import { reply, text } from '../commands/command.js';
import { lockCard, type ActionHandler } from './action.js';
import { saidDeleted } from './task-deleted.js';

type Context = Parameters<ActionHandler>[0];

/**
 * `closed`: what a tap on a copy already closed says, if anything (a double tap says nothing; a 撤销 seen before the
 * copy showed the task completed elsewhere is told why it cannot be).
 */
function onReceipt(step: (c: Context, taskId: number) => Promise<Record<string, unknown>>, closed?: (c: Context, taskId: number) => Promise<string | null>): ActionHandler {
  return async (c, turn, { data, tap }) => {
    const card = await lockCard(c, tap);
    if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
    const taskId = Number(data.i);
    // Gone, and not by this receipt's own 撤销 (whose double tap says nothing).
    const deleted = card.data.undone ? null : await taskDeleted(c, taskId);
    if (card.state !== 'active' || !(await takeReceipt(c, card.id))) {
      if (deleted) return saidDeleted(c, turn, deleted);
      const why = await closed?.(c, taskId);
      return why ? reply(c, turn, text(why)) : undefined;
    }
    const state = deleted ? { deleted } : await step(c, taskId);
    // The copy's data says how it ended at once: a tap before the update is delivered is answered from it.
    await storeOnCard(c, card, state);
    await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: state }, card.address as never);
    if (deleted) await saidDeleted(c, turn, deleted);
  };
}

export const taskActions: Record<string, ActionHandler> = {
  'task.done': onReceipt(async (c, id) => {
    await completeTask(c, id);
    return { done: { at: c.now } };
  }),
  'task.undo': onReceipt(async (c, id) => {
    await undoTask(c, id);
    return { undone: { at: c.now } };
  }, async (c, id) => {
    // Taken back already (a double tap): nothing to say. Completed or cancelled elsewhere: why it stays.
    const task = await c.tx.findOne(Task, { where: { id }, select: { id: true, status: true } });
    return task && task.status !== 'open' ? 'error.task.undo_closed' : null;
  }),
};
