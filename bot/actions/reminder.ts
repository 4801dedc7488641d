// Taps on reminder cards: done, snooze a day / to next week, log a follow-up (continues in chat), claim from a
// pool notice. Each tap applies once: the tapped copy is locked and closed in the same transaction, so a double
// tap or a platform retry finds it closed and does nothing. The card is then updated in place. A tap on a copy
// settled otherwise (someone else claimed it, the task was done or moved elsewhere, and the copy could not show it
// yet) is told what became of it.
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { CardInstance } from '../../server/domain/card/card-instance.entity.js';
import { storeOnCard } from '../../server/domain/card/card-data.js';
import { completeFromReminder, snoozeFromReminder, claimFromReminder, deletedTaskOf } from '../../server/domain/reminder/reminder-actions.js';
import { takeReceipt } from '../../server/domain/activity/task-receipts.js';
import { saidDeleted } from './task-deleted.js';
import { expectFollowUp, EXPECT_MINUTES } from '../../server/domain/bot/expect-follow-up.js';
import { reply, text, type Turn } from '../commands/command.js';
import { reminderStatus, type ReminderOutcome, type ReminderState } from '../../cards/templates/reminder.js';
import { lockCard, type ActionHandler, type Tap } from './action.js';

type Step = (c: DomainContext, turn: Turn, reminderId: number, card: CardInstance) => Promise<Record<string, unknown> | null>;

/**
 * Shared shape: lock the copy, check it is the tapper's and still open, run the step, close and update the card. A
 * copy that closes is taken before its step runs (the step may close the task's other cards: task-cards.ts), so each
 * copy is updated once. A card of a task deleted since says so and is closed, whatever was tapped.
 */
function onReminder(step: Step, intent: ReminderOutcome, close = true): ActionHandler {
  return async (c, turn, { data, tap }: Tap) => {
    const card = await lockCard(c, tap);
    if (!card) return reply(c, turn, text('bot.card.invalid'));
    if (card.recipientUserId !== turn.user.id) return reply(c, turn, text('bot.card.not_yours'));
    const deleted = await deletedTaskOf(c, Number(data.i));
    if (card.state !== 'active' || ((close || deleted) && !(await takeReceipt(c, card.id)))) {
      return deleted ? saidDeleted(c, turn, deleted) : saidSettled(c, turn, card, intent);
    }
    const state = deleted ? { outcome: 'deleted', ...deleted } : await step(c, turn, Number(data.i), card);
    if (!state || !(close || deleted)) return;
    await storeOnCard(c, card, { state });
    await reply(c, turn, { kind: 'card_update', cardId: card.cardId, data: { state } }, card.address as never);
    if (deleted) await saidDeleted(c, turn, deleted);
  };
}

/**
 * A tap on a copy settled already: what became of it, as the copy itself says once updated. Nothing for the person's
 * own double tap (the copy settled as this tap asks, by them), nor for a copy closed before copies kept how.
 */
async function saidSettled(c: DomainContext, turn: Turn, card: CardInstance, intent: ReminderOutcome): Promise<void> {
  const stored = card.data.state as (Omit<ReminderState, 'at' | 'until'> & { at: string; until?: string }) | undefined;
  if (!stored) return;
  const own = stored.byId !== undefined ? stored.byId === turn.user.id : stored.byName === turn.user.name;
  if (stored.outcome === intent && own) return;
  const { at, until, ...rest } = stored;
  const state: ReminderState = { ...rest, at: new Date(at), ...(until ? { until: new Date(until) } : {}) };
  const status = reminderStatus(state, turn.locale, (card.data.timeZone as string | undefined) ?? turn.timeZone, c.now);
  await reply(c, turn, text('reminder.already_handled', { status: status.text }));
}

/** Who tapped, as a settled copy keeps it. */
const tapper = (c: DomainContext, turn: Turn) => ({ byName: turn.user.name, byId: turn.user.id, at: c.now });

const done: Step = async (c, turn, id) => {
  await completeFromReminder(c, id);
  return { outcome: 'done', ...tapper(c, turn) };
};

const snooze = (span: 'day' | 'week'): Step => async (c, turn, id) => {
  const { until } = await snoozeFromReminder(c, id, span);
  return { outcome: 'snoozed', ...tapper(c, turn), until };
};

/** Every other open copy of the same pool notice shows who claimed it. */
const claim: Step = async (c, turn, id, card) => {
  await claimFromReminder(c, id);
  const state = { outcome: 'claimed', ...tapper(c, turn) };
  if (card.subjectType && card.subjectId !== null) {
    const others = await c.tx.find(CardInstance, { where: { subjectType: card.subjectType, subjectId: card.subjectId, state: 'active' } });
    for (const o of others.filter((x) => x.id !== card.id)) {
      await c.tx.update(CardInstance, { id: o.id }, { state: 'done', updatedAt: c.now });
      // Kept on the copy too: a tap on it before the update lands is told who claimed it.
      const stored = await storeOnCard(c, o, { state });
      await c.outbox.push({ address: o.address as never, message: { kind: 'card_update', cardId: o.cardId, data: stored }, locale: o.locale as never, dedupeKey: `claim:${card.cardId}:${o.cardId}`.slice(0, 128) });
    }
  }
  return state;
};

/**
 * Logging a follow-up continues in chat: the next 1:1 message is taken as the follow-up on the card's customer or
 * lead (bot/commands/continue-follow-up.ts). The card stays open until the follow-up stops the clock.
 */
const logFollowUp: Step = async (c, turn, _id, card) => {
  const data = card.data as { subject?: string; customerId?: string; customerName?: string; leadId?: string };
  const subject = data.customerId ? { subjectType: 'customer' as const, subjectId: Number(data.customerId), subjectName: data.customerName ?? data.subject ?? null }
    : data.leadId ? { subjectType: 'lead' as const, subjectId: Number(data.leadId), subjectName: data.subject ?? null } : null;
  if (!subject) {
    await reply(c, turn, text('reminder.prompt.log_followup_anywhere'));
    return null;
  }
  await expectFollowUp(c, turn.user.id, subject);
  await reply(c, turn, text('reminder.prompt.log_followup', { subject: subject.subjectName ?? '', minutes: EXPECT_MINUTES }));
  return null;
};

export const reminderActions: Record<string, ActionHandler> = {
  'reminder.done': onReminder(done, 'done'),
  'reminder.snooze_day': onReminder(snooze('day'), 'snoozed'),
  'reminder.snooze_week': onReminder(snooze('week'), 'snoozed'),
  'reminder.log_followup': onReminder(logFollowUp, 'logged', false),
  'reminder.claim': onReminder(claim, 'claimed'),
};
