// "我的商机" / "my deals" → the rep's open opportunities, the soonest expected to close first, with customer, stage,
// amount (where field rules show it) and expected close date. The pipeline as a whole is "销售漏斗".
import { In } from 'typeorm';
import { listRecords } from '../../server/domain/shared/records.js';
import { opportunityObject } from '../../server/domain/opportunity/opportunity.object.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { getSetting } from '../../server/domain/settings/settings.js';
import { formatDate, formatMoney } from '../../cards/format.js';
import { t } from '../../locales/index.js';
import type { Command } from './command.js';
import { LIST_LINES, replyList } from './list-reply.js';

export const myOpportunitiesCommand: Command<'opportunity.mine'> = {
  intent: 'opportunity.mine',
  async run(c, turn) {
    const page = await listRecords(c, opportunityObject, { filters: { ownerId: String(turn.user.id), status: 'open' }, sort: 'expectedCloseAt', limit: LIST_LINES });
    const ids = [...new Set(page.items.map((o) => Number(o.customerId)))];
    const names = new Map(ids.length ? (await c.tx.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } })).map((x) => [x.id, x.name]) : []);
    const stages = new Map((await getSetting(c, 'stages')).map((s) => [s.key, s.label[turn.locale] ?? s.label['zh-CN'] ?? s.key]));
    await replyList(c, turn, 'bot.deals', page, (o, n) => {
      const facts = [
        names.get(Number(o.customerId)) ?? '',
        stages.get(String(o.stage)) ?? String(o.stage),
        ...(o.amountCents != null ? [formatMoney(Number(o.amountCents))] : []),
        ...(o.expectedCloseAt ? [t(turn.locale, 'bot.deals.closes', { date: formatDate(new Date(String(o.expectedCloseAt)), turn.locale, turn.timeZone) })] : []),
      ];
      return t(turn.locale, 'bot.deals.line', { n, name: String(o.name), facts: facts.join(' · ') });
    });
  },
};
