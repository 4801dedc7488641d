// The user picked one customer on a choice card: resume the command that asked, with that customer fixed.
import { findVisible } from '../../server/domain/shared/records.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { reply, text } from '../commands/command.js';
import type { Understanding } from '../understand/types.js';
import { lockCard, type ActionHandler } from './action.js';
import { resumeWithCustomer } from '../commands/resume.js';

export const pickCustomer: ActionHandler = async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card) return reply(c, turn, text('bot.card.invalid'));
  if (card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  // Double taps and platform retries: the first pick closed the card.
  if (card.state !== 'active') return;
  const optionId = data.o ?? tap.selected?.[0];
  const candidates = (card.data.candidates as { id: string; name: string }[]) ?? [];
  const chosen = candidates.find((x) => x.id === optionId);
  if (!chosen) return reply(c, turn, text('bot.card.invalid'));
  const customer = await findVisible(c, customerObject, Number(chosen.id));
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { chosen: { id: chosen.id, name: chosen.name } } }, card.address as never);
  await resumeWithCustomer(c, turn, card.data.pending as unknown as Understanding, customer);
};
