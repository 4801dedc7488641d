// "张伟最近跟进了哪些客户" / "张伟这周的跟进" / "我这周的跟进" / "what did Emily do this week" → that person's follow-ups in the
// period (server/domain/activity/person-follow-ups.ts): the person is found by name among the users (several → a
// choice card), then a manager may read the people of their team, an admin anyone, everyone else only themselves;
// otherwise a refusal that says why. A name that is nobody's but a customer's ("华为这周的跟进") gets that customer.
import { findPeople } from '../../server/domain/user/find-people.js';
import { mayReadPersonFollowUps, personFollowUps, type PersonFollowUp } from '../../server/domain/activity/person-follow-ups.js';
import { resolveCustomer } from '../../server/domain/customer/resolve-customer.js';
import { Team } from '../../server/domain/user/team.entity.js';
import type { User } from '../../server/domain/user/user.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { cardIdFor } from '../../cards/spec.js';
import { formatDateTime } from '../../cards/format.js';
import { t, type Locale } from '../../locales/index.js';
import { markdown, reply, text, type Command, type Turn, type UnderstandingOf } from './command.js';
import { lookupCustomerCommand } from './lookup-customer.js';
import { replyInPrivate } from './in-private.js';
import { In } from 'typeorm';

/** Follow-ups listed at most (with the title and the "N more" line, about 15 lines). */
export const PERSON_LINES = 12;
/** Characters of a follow-up's text shown. */
const FIRST_WORDS = 30;

export const periodKey = (e: Pick<UnderstandingOf<'activity.person'>['entities'], 'period' | 'offset'>) => `bot.followups.period.${e.period}${e.offset < 0 ? '_previous' : ''}`;

/** One follow-up as a list line: when, how, on which customer or lead, not reached, its first words. */
export function followUpLine(locale: Locale, timeZone: string, a: PersonFollowUp): string {
  const words = a.content.length > FIRST_WORDS ? `${a.content.slice(0, FIRST_WORDS)}…` : a.content;
  const subject = a.subjectName ? t(locale, a.customerId !== null ? 'bot.followups.customer' : 'bot.followups.lead', { name: a.subjectName }) : '';
  return t(locale, 'bot.followups.line', {
    at: formatDateTime(a.occurredAt, locale, timeZone), type: t(locale, `card.activity.${a.type}`), subject,
    failed: a.outcome === 'failed' ? t(locale, 'bot.followups.failed') : '', words,
  });
}

/**
 * The follow-ups of `person` (already found), or the refusal. `note` (a locale key) goes first: why the asker gets
 * these rather than what they asked for ("我们这周的跟进" asked by a rep).
 */
export async function personFollowUpsFor(c: DomainContext, turn: Turn, u: UnderstandingOf<'activity.person'>, person: User, note?: string): Promise<void> {
  const self = person.id === turn.user.id;
  if (!(await mayReadPersonFollowUps(c, person.id))) {
    return reply(c, turn, text(turn.user.role === 'manager' ? 'bot.followups.not_in_team' : 'bot.followups.only_own', { name: person.name }));
  }
  const { locale } = turn;
  const found = await personFollowUps(c, person.id, { period: u.entities.period, offset: u.entities.offset }, PERSON_LINES);
  const period = t(locale, periodKey(u.entities));
  const first = note ? `${t(locale, note)}\n` : '';
  if (!found.total) {
    const none = self ? 'bot.followups.none_self' : 'bot.followups.none';
    const params = { name: person.name, period };
    return replyInPrivate(c, turn, note ? text('bot.followups.noted', { note: t(locale, note), text: t(locale, none, params) }) : text(none, params));
  }
  const lines = found.items.map((a) => followUpLine(locale, turn.timeZone, a));
  const more = found.total - found.items.length;
  await replyInPrivate(c, turn, markdown('bot.followups.list', {
    title: first + t(locale, self ? 'bot.followups.title_self' : 'bot.followups.title', { name: person.name, period, count: found.total }),
    lines: lines.join('\n'), more: more > 0 ? `\n${t(locale, 'bot.followups.more', { more })}` : '',
  }));
}

export const personFollowUpsCommand: Command<'activity.person'> = {
  intent: 'activity.person',
  async run(c, turn, u) {
    const mention = u.entities.person;
    if (mention === null) return personFollowUpsFor(c, turn, u, turn.user);
    const found = await findPeople(c, mention);
    if (found.kind === 'one') return personFollowUpsFor(c, turn, u, found.user);
    if (found.kind === 'none') {
      // "华为这周的跟进": nobody is called that, but a customer is — its card has its latest follow-up.
      if ((await resolveCustomer(c, mention)).kind !== 'none') return lookupCustomerCommand.run(c, turn, { ...u, intent: 'customer.lookup', entities: { customerName: mention } });
      return reply(c, turn, text('bot.followups.no_person', { name: mention }));
    }
    const teams = new Map((await c.tx.find(Team, { where: { id: In(found.candidates.map((x) => x.teamId).filter((id): id is number => id !== null)) }, select: { id: true, name: true } }))
      .map((x) => [Number(x.id), x.name]));
    await reply(c, turn, {
      kind: 'card', template: 'choice', cardId: cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId), recipientUserId: turn.user.id,
      data: {
        of: 'person', query: mention, action: 'choice.person', turnId: turn.inbound.eventId.slice(0, 64),
        candidates: found.candidates.map((x) => ({ id: String(x.id), name: x.name, detail: [x.teamId !== null ? teams.get(Number(x.teamId)) : null, x.username].filter(Boolean).join(' · ') })),
        pending: u as unknown as Record<string, unknown>,
      },
    });
  },
};
