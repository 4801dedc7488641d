// "Undo" on a follow-up receipt: within the window, the follow-up and the task it created are removed (audited).
import { deleteRecord, findVisible } from '../../server/domain/shared/records.js';
import { activityObject } from '../../server/domain/activity/activity.object.js';
import { taskObject } from '../../server/domain/activity/task.object.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { reply, text } from '../commands/command.js';
import { lockCard, type ActionHandler } from './action.js';

export const undoFollowUp: ActionHandler = async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  if (card.state !== 'active') return;
  if (c.now.getTime() > Number(data.u) * 1000) return reply(c, turn, text('bot.followup.undo_expired'));
  const activity = await findVisible(c, activityObject, Number(data.i));
  if (activity.authorId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  if (activity.taskId) await deleteRecord(c, taskObject, activity.taskId).catch(() => undefined);
  await deleteRecord(c, activityObject, activity.id);
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { undone: { at: c.now } } }, card.address as never);
};
