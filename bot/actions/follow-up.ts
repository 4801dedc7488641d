// "撤销" on a follow-up receipt: the undo use case takes the follow-up back (server/domain/activity/undo-follow-up.ts,
// which says who may and until when); this only closes the card and updates every copy in place.
import { undoFollowUp as undo } from '../../server/domain/activity/undo-follow-up.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { reply, text } from '../commands/command.js';
import { lockCard, type ActionHandler } from './action.js';

export const undoFollowUp: ActionHandler = async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  // Double taps and platform retries: the first undo closed the card.
  if (card.state !== 'active') return;
  // Gone already (deleted in the mini-program): there is nothing left to undo, and the card says so all the same.
  await undo(c, Number(data.i));
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { undone: { at: c.now } } }, card.address as never);
};
