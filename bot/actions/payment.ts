// Taps on 回款 cards: the contract picked when a receipt named a customer with several contracts awaiting payment, and
// 撤销 on the receipt card (server/domain/contract/undo-receipt.ts says who may and until when). Each applies once: the
// tapped copy is locked and closed in the same transaction, so a double tap or a platform retry finds it closed.
import { findVisible } from '../../server/domain/shared/records.js';
import { contractObject } from '../../server/domain/contract/contract.object.js';
import { undoReceipt } from '../../server/domain/contract/undo-receipt.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { reply, text, type UnderstandingOf } from '../commands/command.js';
import { receiveFor } from '../commands/payment.js';
import { lockCard, type ActionHandler } from './action.js';
import { closeChoice, takeChoice } from './choice-card.js';

const pickContract: ActionHandler = async (c, turn, tap) => {
  const choice = await takeChoice(c, turn, tap);
  if (!choice) return;
  if (choice.pending?.intent !== 'payment.receive') return reply(c, turn, text('bot.card.invalid'));
  const contract = await findVisible(c, contractObject, Number(choice.chosen.id));
  await closeChoice(c, turn, choice);
  // The receipt is the original message's: its id keys it, whoever taps how often.
  await receiveFor(c, turn, choice.pending as UnderstandingOf<'payment.receive'>, contract.id, String(choice.card.data.turnId));
};

const undo: ActionHandler = async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card || card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  // Double taps and platform retries: the first undo closed the card.
  if (card.state !== 'active') return;
  const { receipt } = await undoReceipt(c, Number(data.i));
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { undone: { at: receipt.undoneAt ?? c.now } } }, card.address as never);
};

export const paymentActions: Record<string, ActionHandler> = {
  'choice.contract': pickContract,
  'payment.undo': undo,
};
