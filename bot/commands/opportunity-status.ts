// "长安汽车这单到哪个阶段了" / "how is the Globex deal going" → where the deal stands: its stage and since when, amount
// (where field rules show it), expected close, and its owner when that is someone else. By the deal's name or its
// customer's (find-open-opportunities.ts); several open deals → each on a line.
import { In } from 'typeorm';
import { findOpenOpportunities, type OpenOpportunity } from '../../server/domain/opportunity/find-open-opportunities.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { User } from '../../server/domain/user/user.entity.js';
import { getSetting } from '../../server/domain/settings/settings.js';
import { formatDate, formatMoney } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import { markdown, reply, text, type Command, type Turn } from './command.js';
import { replyInPrivate } from './in-private.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';

const DAY = 86_400_000;
/** Deals in one answer; the rest are the mini-program's. */
const LINES = 8;

export const opportunityStatusCommand: Command<'opportunity.status'> = {
  intent: 'opportunity.status',
  async run(c, turn, u) {
    const name = u.entities.opportunityName;
    const found = await findOpenOpportunities(c, name, LINES + 1);
    if (found.kind === 'none') {
      return reply(c, turn, found.customer ? text('bot.opportunity.none_open_for_customer', { customer: found.customer.name }) : text('bot.opportunity.not_found', { name }));
    }
    const deals = found.kind === 'one' ? [found.opportunity] : found.candidates;
    const lines = await describe(c, turn, deals.slice(0, LINES));
    const more = deals.length > LINES ? `\n${t(turn.locale, 'bot.deals.more')}` : '';
    await replyInPrivate(c, turn, markdown('bot.opportunity.status', { name, lines: lines.join('\n'), more }));
  },
};

async function describe(c: DomainContext, turn: Turn, deals: OpenOpportunity[]): Promise<string[]> {
  const customers = new Map((await c.tx.find(Customer, { where: { id: In([...new Set(deals.map((o) => o.customerId))]) }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  const ownerIds = [...new Set(deals.map((o) => Number(o.ownerId)).filter((id) => id && id !== turn.user.id))];
  const owners = new Map(ownerIds.length ? (await c.tx.find(User, { where: { id: In(ownerIds) }, select: { id: true, name: true } })).map((x) => [x.id, x.name]) : []);
  const stages = new Map((await getSetting(c, 'stages')).map((s) => [s.key, s.label[turn.locale] ?? s.label['zh-CN'] ?? s.key]));
  return deals.map((o, i) => {
    const since = o.stageChangedAt ? Math.max(0, Math.floor((c.now.getTime() - new Date(String(o.stageChangedAt)).getTime()) / DAY)) : null;
    const stage = stages.get(String(o.stage)) ?? String(o.stage);
    const facts = [
      customers.get(o.customerId) ?? '',
      since === null ? stage : t(turn.locale, 'bot.opportunity.stage_since', { stage, days: since }),
      ...(o.amountCents != null ? [formatMoney(Number(o.amountCents))] : []),
      ...(o.expectedCloseAt ? [t(turn.locale, 'bot.deals.closes', { date: formatDate(new Date(String(o.expectedCloseAt)), turn.locale, turn.timeZone) })] : []),
      ...(owners.has(Number(o.ownerId)) ? [t(turn.locale, 'bot.opportunity.owner', { name: owners.get(Number(o.ownerId)) })] : []),
    ];
    return t(turn.locale, 'bot.deals.line', { n: i + 1, name: o.name, facts: facts.join(' · ') });
  });
}
