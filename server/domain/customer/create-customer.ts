// 新建客户 with its first contact, in one transaction: a rep who just met someone names the company and the person
// together (the bot's "新客户 重庆银行 联系人 王行长 138…"). Who: anyone who may create customers; the customer is
// theirs (or whom `ownerId` names, as customerObject allows), the contact its primary one.
import { createRecord } from '../shared/records.js';
import type { DomainContext } from '../shared/with-tx.js';
import { customerObject } from './customer.object.js';
import { contactObject } from './contact.object.js';
import type { Customer } from './customer.entity.js';
import type { Contact } from './contact.entity.js';

export interface NewCustomer {
  name: string;
  region?: string;
  source?: string;
  ownerId?: number | null;
  contact?: { name: string; phone?: string; email?: string; title?: string };
}

export async function createCustomer(c: DomainContext, input: NewCustomer): Promise<{ customer: Customer; contact: Contact | null }> {
  const customer = await createRecord(c, customerObject, {
    name: input.name, region: input.region, source: input.source, ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
  });
  const contact = input.contact
    ? await createRecord(c, contactObject, { customerId: customer.id, ...input.contact, isPrimary: true })
    : null;
  return { customer, contact };
}
