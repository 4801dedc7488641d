// "新建客户 重庆某某机械有限公司" (the answer to "not found, create it?"), or with its region and first contact
// ("新客户 重庆银行 渝中区 联系人 王行长 13800138000") → a customer owned by the rep.
import { createCustomer } from '../../server/domain/customer/create-customer.js';
import { t } from '../../locales/index.js';
import { reply, text, type Command } from './command.js';

export const createCustomerCommand: Command<'customer.create'> = {
  intent: 'customer.create',
  async run(c, turn, u) {
    const { name, region, contactName, phone, email } = u.entities;
    if (!name) return reply(c, turn, text('bot.customer.name_missing'));
    // A phone number said without a name is still kept: on a contact the rep can rename.
    const person = contactName ?? (phone || email ? t(turn.locale, 'bot.customer.contact_unnamed') : undefined);
    const { customer, contact } = await createCustomer(c, {
      name, region, source: 'chat', contact: person ? { name: person, phone, email } : undefined,
    });
    const reach = [contact?.phone, contact?.email].filter(Boolean).join(' ');
    await reply(c, turn, contact
      ? text('bot.customer.created_with_contact', { name: customer.name, contact: reach ? `${contact.name} ${reach}` : contact.name })
      : text('bot.customer.created', { name: customer.name }));
  },
};
