// "跟进 华为 今天电话沟通了方案，下周三发报价" → one follow-up, a task for the next step, and a receipt card with undo,
// on the customer named — or, when no customer has that name, on the lead of that company or contact; the same
// receipt answers a follow-up told on a reminder card's customer or lead (continue-follow-up.ts).
import { logFollowUp, type LogFollowUpInput } from '../../server/domain/activity/log-follow-up.js';
import { undoDeadline } from '../../server/domain/activity/undo-follow-up.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import type { Lead } from '../../server/domain/lead/lead.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { cardIdFor } from '../../cards/spec.js';
import { t } from '../../locales/index.js';
import { reply, text, type Command, type Turn, type UnderstandingOf } from './command.js';
import { withCustomer } from './with-customer.js';
import { withLead } from './with-lead.js';

/** What one chat message says of a follow-up, as logFollowUp takes it (the record it is on is the caller's). */
export function followUpInput(turn: Turn, u: UnderstandingOf<'followup.log'>): Omit<LogFollowUpInput, 'customerId' | 'leadId'> & { due?: Date } {
  const e = u.entities;
  const next = e.nextStep;
  // A pending turn resumed from a choice card travelled as JSON: its due date is a string again.
  const due = next?.due ? new Date(next.due) : undefined;
  return {
    type: e.activityType,
    // A turn parked before outcomes existed has none: it was a reached one.
    outcome: e.outcome ?? 'reached',
    content: e.content?.trim() || u.text,
    nextStep: next && due ? { title: next.text || t(turn.locale, 'bot.followup.default_next_step'), dueAt: due } : undefined,
    // One chat message is one follow-up, however often the platform delivers it.
    idempotencyKey: `${turn.inbound.platform}:${turn.inbound.eventId}`.slice(0, 64),
    due,
  };
}

/** What a follow-up told in chat is logged on: a customer, or a lead (the receipt names its company and contact). */
export type FollowUpTarget =
  | { customer: Pick<Customer, 'id' | 'name'> }
  | { lead: Pick<Lead, 'id' | 'company' | 'contactName'> };

/** Logs the follow-up one chat message tells on `target` and answers with the receipt card, its undo button included. */
export async function logFollowUpFor(c: DomainContext, turn: Turn, u: UnderstandingOf<'followup.log'>, target: FollowUpTarget): Promise<void> {
  const e = u.entities;
  const next = e.nextStep;
  const { due, ...input } = followUpInput(turn, u);
  const content = input.content;
  const on = 'customer' in target ? { customerId: target.customer.id } : { leadId: target.lead.id };
  const done = await logFollowUp(c, { ...on, ...input });
  if (done.duplicate) return;
  const activity = done.activity;
  await reply(c, turn, {
    kind: 'card', template: 'follow-up-receipt', recipientUserId: turn.user.id,
    cardId: cardIdFor('fu', activity.id as number), subject: { type: 'activity', id: activity.id as number },
    data: {
      timeZone: turn.timeZone,
      activityId: String(activity.id),
      ...('customer' in target
        ? { customer: { id: String(target.customer.id), name: target.customer.name } }
        : { lead: { id: String(target.lead.id), company: target.lead.company, ...(target.lead.contactName ? { contact: target.lead.contactName } : {}) } }),
      activityType: e.activityType,
      outcome: e.outcome ?? 'reached',
      failedStreak: done.failedFollowUps,
      content,
      nextStep: next && due ? { text: next.text, due } : next ? { text: next.text } : undefined,
      undoUntil: undoDeadline(activity.createdAt as Date),
    },
  });
}

export const logFollowUpCommand: Command<'followup.log'> = {
  intent: 'followup.log',
  async run(c, turn, u) {
    // "跟进 华为" and nothing more: an empty follow-up would only count; ask for what happened instead.
    const customer = u.entities.customerName?.trim();
    if (customer && !u.entities.content.trim()) return reply(c, turn, text('bot.followup.what_happened', { customer }));
    // No customer of that name: an open lead of that company or contact (a converted one stands for its customer).
    // Neither: say both were looked for, and how to create either.
    return withCustomer(c, turn, customer, u, (found) => logFollowUpFor(c, turn, u, { customer: found }),
      async (mention) => {
        if (await withLead(c, turn, mention, u, (match) => logFollowUpFor(c, turn, u, match))) return true;
        await reply(c, turn, text('bot.followup.not_found', { name: mention }));
        return true;
      });
  },
};
