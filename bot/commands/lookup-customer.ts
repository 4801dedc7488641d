// "查一下 华为" / "who is ACME" → a customer summary card, filtered by what this reader may see.
import { customer360 } from '../../server/domain/customer/customer-360.js';
import { cardIdFor } from '../../cards/spec.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { User } from '../../server/domain/user/user.entity.js';
import { reply, type Command, type Turn } from './command.js';
import { replyInPrivate } from './in-private.js';
import { withCustomer } from './with-customer.js';

export async function sendCustomerCard(c: DomainContext, turn: Turn, customer: Customer): Promise<void> {
  const view = await customer360(c, customer.id);
  const owner = customer.ownerId ? await c.tx.findOne(User, { where: { id: customer.ownerId }, select: { id: true, name: true } }) : null;
  const last = view.followUps[0];
  const lastAuthor = last ? await c.tx.findOne(User, { where: { id: last.authorId as number }, select: { id: true, name: true } }) : null;
  const amountsVisible = view.openOpportunities.every((o) => 'amountCents' in o);
  await replyInPrivate(c, turn, {
    kind: 'card', template: 'customer', cardId: cardIdFor('cust', customer.id, turn.inbound.platform, turn.inbound.eventId), recipientUserId: turn.user.id,
    data: {
      timeZone: turn.timeZone,
      customer: { id: String(customer.id), name: customer.name, level: customer.level, ownerName: owner?.name, region: customer.region ?? undefined },
      lastFollowUp: last ? { at: last.occurredAt as Date, text: String(last.content).slice(0, 80), byName: lastAuthor?.name } : undefined,
      openOpportunities: view.openOpportunities.length,
      openAmountCents: amountsVisible ? view.openOpportunities.reduce((s, o) => s + Number(o.amountCents ?? 0), 0) : null,
    },
  });
}

export const lookupCustomerCommand: Command<'customer.lookup'> = {
  intent: 'customer.lookup',
  run: (c, turn, u) => withCustomer(c, turn, u.entities.customerName, u, (customer) => sendCustomerCard(c, turn, customer)),
};
