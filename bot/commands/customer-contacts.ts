// "长安汽车的联系人是谁", "华为的电话", "contacts at Huawei" → the customer's contacts as a short list: name, title,
// phone and e-mail where the reader's field rules show them (server/domain/customer/customer-contacts.ts, as the
// customer 360 presents them). A customer the asker may not see is not found, as for any lookup.
import { customerContacts } from '../../server/domain/customer/customer-contacts.js';
import type { Customer } from '../../server/domain/customer/customer.entity.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { t } from '../../locales/index.js';
import { markdown, reply, type Command, type Turn } from './command.js';
import { replyInPrivate } from './in-private.js';
import { LIST_LINES } from './list-reply.js';
import { withCustomer } from './with-customer.js';

export async function sendContacts(c: DomainContext, turn: Turn, found: Pick<Customer, 'id'>): Promise<void> {
  const { customer, contacts, total } = await customerContacts(c, found.id);
  if (!contacts.length) return reply(c, turn, markdown('bot.contacts.empty', { customer: customer.name }));
  const lines = contacts.slice(0, LIST_LINES).map((x, i) => {
    // Absent means hidden from this reader (or never filled in): either way, not said.
    const facts = [x.title, x.phone, x.email].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (x.isPrimary) facts.unshift(t(turn.locale, 'bot.contacts.primary'));
    return t(turn.locale, 'bot.contacts.line', {
      n: i + 1, name: String(x.name), facts: facts.length ? t(turn.locale, 'bot.contacts.facts', { facts: facts.join(t(turn.locale, 'bot.contacts.separator')) }) : '',
    });
  });
  const more = total > LIST_LINES ? `\n${t(turn.locale, 'bot.contacts.more', { total })}` : '';
  await replyInPrivate(c, turn, markdown('bot.contacts.list', { customer: customer.name, count: total, lines: lines.join('\n'), more }));
}

export const customerContactsCommand: Command<'customer.contacts'> = {
  intent: 'customer.contacts',
  run: (c, turn, u) => withCustomer(c, turn, u.entities.customerName, u, (customer) => sendContacts(c, turn, customer)),
};
