// Taps on a task receipt: "完成" completes the task (server/domain/activity/complete-task.ts, who may: its owner and
// their managers), "撤销" takes it back (server/domain/activity/undo-task.ts: the person it was made for, five
// minutes). Either closes the card and updates it in place with the tap's code; a double tap or a platform retry finds
// it closed. The tapped copy is closed before the use case runs, which closes the task's other open copies
// (task-receipts.ts): each copy is updated once.
import { completeTask } from '../../server/domain/activity/complete-task.js';
import { undoTask } from '../../server/domain/activity/undo-task.js';
import { takeReceipt } from '../../server/domain/activity/task-receipts.js';
import { Task } from '../../server/domain/activity/task.entity.js';
import { reply, text } from '../commands/command.js';
import { lockCard, type ActionHandler } from './action.js';

type Context = Parameters<ActionHandler>[0];

/**
 * `closed`: what a tap on a copy already closed says, if anything (a double tap says nothing; a 撤销 seen before the
 * copy showed the task completed elsewhere is told why it cannot be).
 */
function onReceipt(step: (c: Context, taskId: number) => Promise<Record<string, unknown>>, closed?: (c: Context, taskId: number) => Promise<string | null>): ActionHandler {
  return async (c, turn, { data, tap }) => {
    const card = await lockCard(c, tap);
    if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
    if (card.state !== 'active' || !(await takeReceipt(c, card.id))) {
      const why = await closed?.(c, Number(data.i));
      return why ? reply(c, turn, text(why)) : undefined;
    }
    const state = await step(c, Number(data.i));
    await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: state }, card.address as never);
  };
}

export const taskActions: Record<string, ActionHandler> = {
  'task.done': onReceipt(async (c, id) => {
    await completeTask(c, id);
    return { done: { at: c.now } };
  }),
  // Gone already (deleted in the mini-program): nothing is left to undo, and the card says so all the same.
  'task.undo': onReceipt(async (c, id) => {
    await undoTask(c, id);
    return { undone: { at: c.now } };
  }, async (c, id) => {
    // Taken back already (a double tap): nothing to say. Completed or cancelled elsewhere: why it stays.
    const task = await c.tx.findOne(Task, { where: { id }, select: { id: true, status: true } });
    return task && task.status !== 'open' ? 'error.task.undo_closed' : null;
  }),
};
