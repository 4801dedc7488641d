// Resolve the customer a sentence names before acting: one → act; several → a choice card that resumes the same
// command once picked; none → what the command looks at next (a follow-up: a lead), else say so and offer to create
// it. Never a guess.
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { resolveCustomer } from '../../server/domain/customer/resolve-customer.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import { cardIdFor } from '../../cards/spec.js';
import type { Understanding } from '../understand/types.js';
import { reply, text, type Turn } from './command.js';

export async function withCustomer(
  c: DomainContext, turn: Turn, mention: string | undefined, pending: Understanding, act: (customer: Customer) => Promise<void>,
  /** When no customer matches: true when it handled the mention. */
  otherwise?: (mention: string) => Promise<boolean>,
): Promise<void> {
  if (!mention?.trim()) {
    await reply(c, turn, text('bot.customer.which'));
    return;
  }
  const found = await resolveCustomer(c, mention);
  if (found.kind === 'one') return act(found.customer);
  if (found.kind === 'none') {
    if (otherwise && await otherwise(mention.trim())) return;
    // Only a line that would have written something says that nothing was written.
    await reply(c, turn, text(pending.intent === 'customer.lookup' || pending.intent === 'customer.contacts' ? 'bot.customer.not_found' : 'bot.customer.not_found_offer', { name: mention.trim() }));
    return;
  }
  const cardId = cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId);
  await reply(c, turn, {
    kind: 'card', template: 'choice', cardId, recipientUserId: turn.user.id,
    data: {
      query: mention.trim(), action: 'choice.customer', turnId: turn.inbound.eventId.slice(0, 64),
      candidates: found.candidates.map((x) => ({ id: String(x.id), name: x.name, detail: [x.region, x.level].filter(Boolean).join(' · ') || undefined })),
      pending: pending as unknown as Record<string, unknown>,
    },
  });
}
