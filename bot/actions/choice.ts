// The user picked one customer (or lead, or task) on a choice card: resume the command that asked, with it fixed.
import { findVisible, type ObjectDef } from '../../server/domain/shared/records.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { leadObject } from '../../server/domain/lead/lead.object.js';
import { taskObject } from '../../server/domain/activity/task.object.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { reply, text, type Turn } from '../commands/command.js';
import type { Understanding } from '../understand/types.js';
import { lockCard, type ActionHandler } from './action.js';
import { resumeWithCustomer, resumeWithLead, resumeWithTask } from '../commands/resume.js';

type Resume<T> = (c: DomainContext, turn: Turn, pending: Understanding, picked: T) => Promise<void>;

const pick = <T extends { id: number }>(object: ObjectDef<T>, resume: Resume<T>): ActionHandler => async (c, turn, { data, tap }) => {
  const card = await lockCard(c, tap);
  if (!card) return reply(c, turn, text('bot.card.invalid'));
  if (card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
  // Double taps and platform retries: the first pick closed the card.
  if (card.state !== 'active') return;
  const optionId = data.o ?? tap.selected?.[0];
  const candidates = (card.data.candidates as { id: string; name: string }[]) ?? [];
  const chosen = candidates.find((x) => x.id === optionId);
  if (!chosen) return reply(c, turn, text('bot.card.invalid'));
  const picked = await findVisible(c, object, Number(chosen.id));
  await c.tx.update(CardInstance, { id: card.id }, { state: 'done', updatedAt: c.now });
  await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { chosen: { id: chosen.id, name: chosen.name } } }, card.address as never);
  await resume(c, turn, card.data.pending as unknown as Understanding, picked);
};

export const pickCustomer = pick(customerObject, resumeWithCustomer);
export const pickLead = pick(leadObject, resumeWithLead);
export const pickTask = pick(taskObject, resumeWithTask);
