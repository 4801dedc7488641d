// A follow-up naming no customer the rep may see may name a lead (its company or its contact's name): one → act on
// it (or on the customer it became); several → a choice card of those leads that resumes the follow-up once picked;
// none → false, and the caller answers as before.
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { resolveLead, type LeadMatch } from '../../server/domain/lead/resolve-lead.js';
import { cardIdFor } from '../../cards/spec.js';
import { t } from '../../locales/index.js';
import type { Understanding } from '../understand/types.js';
import { reply, type Turn } from './command.js';

export async function withLead(
  c: DomainContext, turn: Turn, mention: string, pending: Understanding, act: (match: LeadMatch) => Promise<void>,
): Promise<boolean> {
  const found = await resolveLead(c, mention);
  if (found.kind === 'none') return false;
  if (found.kind === 'one') {
    await act(found.match);
    return true;
  }
  const cardId = cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId);
  await reply(c, turn, {
    kind: 'card', template: 'choice', cardId, recipientUserId: turn.user.id,
    data: {
      of: 'lead', query: mention, action: 'choice.lead', turnId: turn.inbound.eventId.slice(0, 64),
      candidates: found.candidates.map((x) => ({
        id: String(x.id), name: x.company,
        detail: [x.contactName, x.region, x.status === 'converted' ? t(turn.locale, 'card.choice.converted') : null].filter(Boolean).join(' · ') || undefined,
      })),
      pending: pending as unknown as Record<string, unknown>,
    },
  });
  return true;
}
