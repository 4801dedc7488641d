// "新建客户 重庆某某机械有限公司" → a customer owned by the rep (the answer to "not found, create it?").
import { createRecord } from '../../server/domain/shared/records.js';
import { customerObject } from '../../server/domain/customer/customer.object.js';
import { reply, text, type Command } from './command.js';

export const createCustomerCommand: Command<'customer.create'> = {
  intent: 'customer.create',
  async run(c, turn, u) {
    const customer = await createRecord(c, customerObject, { name: u.entities.name, source: 'chat' });
    await reply(c, turn, text('bot.customer.created', { name: customer.name }));
  },
};
