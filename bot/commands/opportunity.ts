// "华为 新商机 5G基站项目 50万 预计下月底成交" creates an opportunity; "5G基站项目 推进到 商务谈判" moves it.
import { createRecord, listRecords } from '../../server/domain/shared/records.js';
import { opportunityObject } from '../../server/domain/opportunity/opportunity.object.js';
import { moveStage } from '../../server/domain/opportunity/move-stage.js';
import { getSetting } from '../../server/domain/settings/settings.js';
import { formatMoney, formatDate } from '../../cards/format.js';
import { parseWall, zonedToUtc } from '../understand/zoned-time.js';
import { t, type Locale } from '../../locales/index.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { reply, text, type Command } from './command.js';
import { withCustomer } from './with-customer.js';

async function stageLabel(c: DomainContext, key: string, locale: Locale): Promise<string> {
  if (key === 'won' || key === 'lost') return t(locale, `bot.stage.${key}`);
  return (await getSetting(c, 'stages')).find((s) => s.key === key)?.label[locale] ?? key;
}

export const createOpportunityCommand: Command<'opportunity.create'> = {
  intent: 'opportunity.create',
  run: (c, turn, u) => withCustomer(c, turn, u.entities.customerName, u, async (customer) => {
    const e = u.entities;
    // A close date said as a day means the end of that business day in the company's zone.
    const wall = e.expectedCloseDate ? parseWall(`${e.expectedCloseDate} 18:00:00`) : undefined;
    const opp = await createRecord(c, opportunityObject, {
      customerId: customer.id, name: e.name?.trim() || t(turn.locale, 'bot.opportunity.default_name', { customer: customer.name }),
      amountCents: e.amountCents ?? 0, expectedCloseAt: wall ? zonedToUtc(wall, turn.timeZone) : undefined,
    });
    await reply(c, turn, text('bot.opportunity.created', {
      name: opp.name, customer: customer.name, amount: formatMoney(opp.amountCents),
      close: opp.expectedCloseAt ? formatDate(opp.expectedCloseAt, turn.locale, turn.timeZone) : '-',
      stage: await stageLabel(c, opp.stage, turn.locale),
    }));
  }),
};

export const moveStageCommand: Command<'opportunity.move_stage'> = {
  intent: 'opportunity.move_stage',
  async run(c, turn, u) {
    const name = u.entities.opportunityName?.trim();
    if (!name) {
      await reply(c, turn, text('bot.opportunity.which'));
      return;
    }
    const page = await listRecords(c, opportunityObject, { q: name, filters: { status: 'open' }, limit: 6 });
    const exact = page.items.filter((o) => o.name === name);
    const hits = exact.length ? exact : page.items;
    if (hits.length === 0) {
      await reply(c, turn, text('bot.opportunity.not_found', { name }));
      return;
    }
    if (hits.length > 1) {
      await reply(c, turn, text('bot.opportunity.ambiguous', { names: hits.map((o) => o.name).join(t(turn.locale, 'bot.list_separator')) }));
      return;
    }
    const moved = await moveStage(c, hits[0].id as number, { stage: u.entities.stage, lostReason: u.entities.reason });
    await reply(c, turn, text(u.entities.stageKind === 'won' ? 'bot.opportunity.won' : u.entities.stageKind === 'lost' ? 'bot.opportunity.lost' : 'bot.opportunity.moved', {
      name: String(moved.name), stage: await stageLabel(c, u.entities.stage, turn.locale), reason: u.entities.reason ?? '',
    }));
  },
};
