// Taps on a task receipt: "完成" completes the task (server/domain/activity/complete-task.ts, who may: its owner and
// their managers), "撤销" takes it back (server/domain/activity/undo-task.ts: the person it was made for, five
// minutes). Either closes the card and updates it in place; a double tap or a platform retry finds it closed.
import { completeTask } from '../../server/domain/activity/complete-task.js';
import { undoTask } from '../../server/domain/activity/undo-task.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { reply, text } from '../commands/command.js';
import { lockCard, type ActionHandler } from './action.js';

function onReceipt(step: (c: Parameters<ActionHandler>[0], taskId: number) => Promise<Record<string, unknown>>): ActionHandler {
  return async (c, turn, { data, tap }) => {
    const card = await lockCard(c, tap);
    if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
    if (card.state !== 'active') return;
    const state = await step(c, Number(data.i));
    await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
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
  }),
};
