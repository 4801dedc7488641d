// The asker picked one of several colleagues of the same name on a choice card ("张伟这周的跟进"): answer for that one.
import { User } from '../../server/domain/user/user.entity.js';
import { reply, text, type UnderstandingOf } from '../commands/command.js';
import { personFollowUpsFor } from '../commands/person-follow-ups.js';
import type { ActionHandler } from './action.js';
import { closeChoice, takeChoice } from './choice-card.js';

export const pickPerson: ActionHandler = async (c, turn, tap) => {
  const choice = await takeChoice(c, turn, tap);
  if (!choice) return;
  const pending = choice.pending as UnderstandingOf<'activity.person'> | undefined;
  const person = await c.tx.findOne(User, { where: { id: Number(choice.chosen.id), active: true } });
  if (!person || pending?.intent !== 'activity.person') return reply(c, turn, text('bot.card.invalid'));
  await closeChoice(c, turn, choice);
  await personFollowUpsFor(c, turn, pending, person);
};
