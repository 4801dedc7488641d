// "华为 新商机 5G基站项目 50万 预计下月底成交" creates an opportunity; "5G基站项目 推进到 商务谈判" (or "长安汽车那单 推进到
// 商务谈判", by its customer) moves it; several matches → a choice card of them.
import { In } from 'typeorm';
import { createRecord, updateRecord } from '../../server/domain/shared/records.js';
import { opportunityObject } from '../../server/domain/opportunity/opportunity.object.js';
import { moveStage } from '../../server/domain/opportunity/move-stage.js';
import { findOpenOpportunities } from '../../server/domain/opportunity/find-open-opportunities.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { cardIdFor } from '../../cards/spec.js';
import { MAX_CHOICES } from '../../cards/templates/choice.js';
import { getSetting } from '../../server/domain/settings/settings.js';
import { formatMoney, formatDate } from '../../cards/format.js';
import { parseWall, zonedToUtc } from '../understand/zoned-time.js';
import { t, type Locale } from '../../locales/index.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { reply, text, type Command, type Turn, type UnderstandingOf } from './command.js';
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

/** Moves `opportunity` as `u` says (the amount said with it first: a stage may require one), and says so. */
export async function moveStageFor(c: DomainContext, turn: Turn, u: UnderstandingOf<'opportunity.move_stage'>, opportunity: { id: number }): Promise<void> {
  const e = u.entities;
  if (e.amountCents !== undefined) await updateRecord(c, opportunityObject, opportunity.id, { amountCents: e.amountCents });
  const moved = await moveStage(c, opportunity.id, { stage: e.stage, lostReason: e.reason });
  const key = e.stageKind === 'won' ? 'bot.opportunity.won' : e.stageKind === 'lost' ? 'bot.opportunity.lost'
    : e.amountCents !== undefined ? 'bot.opportunity.moved_with_amount' : 'bot.opportunity.moved';
  await reply(c, turn, text(key, {
    name: String(moved.name), stage: await stageLabel(c, e.stage, turn.locale), reason: e.reason ?? '', amount: formatMoney(e.amountCents ?? 0),
  }));
}

export const moveStageCommand: Command<'opportunity.move_stage'> = {
  intent: 'opportunity.move_stage',
  async run(c, turn, u) {
    const name = u.entities.opportunityName?.trim();
    if (!name) {
      await reply(c, turn, text('bot.opportunity.which'));
      return;
    }
    // By the deal's name, else by its customer's ("长安汽车那单推进到商务谈判").
    const found = await findOpenOpportunities(c, name, MAX_CHOICES);
    if (found.kind === 'none') {
      await reply(c, turn, found.customer ? text('bot.opportunity.none_open_for_customer', { customer: found.customer.name }) : text('bot.opportunity.not_found', { name }));
      return;
    }
    if (found.kind === 'one') return moveStageFor(c, turn, u, found.opportunity);
    // Several: which one, with its customer and stage.
    const customers = new Map((await c.tx.find(Customer, { where: { id: In([...new Set(found.candidates.map((o) => o.customerId))]) }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
    const cardId = cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId);
    await reply(c, turn, {
      kind: 'card', template: 'choice', cardId, recipientUserId: turn.user.id,
      data: {
        of: 'opportunity', query: name, action: 'choice.opportunity', turnId: turn.inbound.eventId.slice(0, 64),
        candidates: await Promise.all(found.candidates.map(async (o) => ({
          id: String(o.id), name: o.name,
          detail: [t(turn.locale, 'bot.opportunity.choice_detail', { customer: customers.get(o.customerId) ?? '', stage: await stageLabel(c, String(o.stage), turn.locale) }), ...(o.amountCents != null ? [formatMoney(Number(o.amountCents))] : [])].join(' · '),
        }))),
        pending: u as unknown as Record<string, unknown>,
      },
    });
  },
};
