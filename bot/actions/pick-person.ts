// The asker picked one of several colleagues of the same name on a choice card ("张伟这周的跟进"): answer for that one.
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { User } from '../../server/domain/user/user.entity.js';
import { reply, text, type UnderstandingOf } from '../commands/command.js';
import { personFollowUpsFor } from '../commands/person-follow-ups.js';
import { lockCard, type ActionHandler } from './action.js';

export const pickPerson: ActionHandler = async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card) return reply(c, turn, text('bot.card.invalid'));
  if (card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  // Double taps and platform retries: the first pick closed the card.
  if (card.state !== 'active') return;
  const optionId = data.o ?? tap.selected?.[0];
  const chosen = ((card.data.candidates as { id: string; name: string }[]) ?? []).find((x) => x.id === optionId);
  const pending = card.data.pending as unknown as UnderstandingOf<'activity.person'> | undefined;
  const person = chosen ? await c.tx.findOne(User, { where: { id: Number(chosen.id), active: true } }) : null;
  if (!chosen || !person || pending?.intent !== 'activity.person') return reply(c, turn, text('bot.card.invalid'));
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { chosen: { id: chosen.id, name: chosen.name } } }, card.address as never);
  await personFollowUpsFor(c, turn, pending, person);
};
