// What every choice card's tap does before and after its own part: lock the tapped copy, check it is the asker's and
// still open (a double tap or a platform retry finds it closed and does nothing), find the option picked, and close
// the card showing that pick.
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { reply, text, type Turn } from '../commands/command.js';
import type { Understanding } from '../understand/types.js';
import { lockCard, type Tap } from './action.js';

export interface Choice { card: CardInstance; chosen: { id: string; name: string }; pending: Understanding | undefined }

/** The option picked on the tapped card, or null once the tapper has been told why not (or the card was closed). */
export async function takeChoice(c: DomainContext, turn: Turn, { data, tap }: Tap): Promise<Choice | null> {
  const card = await lockCard(c, tap);
  if (!card) { await reply(c, turn, text('bot.card.invalid')); return null; }
  if (card.recipientUserId !== turn.user.id) { await reply(c, turn, text('bot.card.not_yours')); return null; }
  if (card.state !== 'active') return null;
  const optionId = data.o ?? tap.selected?.[0];
  const chosen = ((card.data.candidates as { id: string; name: string }[]) ?? []).find((x) => x.id === optionId);
  if (!chosen) { await reply(c, turn, text('bot.card.invalid')); return null; }
  return { card, chosen, pending: card.data.pending as unknown as Understanding | undefined };
}

/** Closes the choice card, every reader seeing what was picked. */
export async function closeChoice(c: DomainContext, turn: Turn, { card, chosen }: Choice): Promise<void> {
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { chosen: { id: chosen.id, name: chosen.name } } }, card.address as never);
}
