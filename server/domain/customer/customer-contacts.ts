// 联系人 of one customer, as the customer 360 shows them: for the bot's "长安汽车的联系人是谁" / "contacts at Huawei".
import type { DomainContext } from '../shared/with-tx.js';
import { findVisible, present } from '../shared/records.js';
import { Contact } from './contact.entity.js';
import { contactObject } from './contact.object.js';
import type { Customer } from './customer.entity.js';
import { customerObject } from './customer.object.js';

/** More than a chat answer needs; the mini-program's customer page has them all. */
const CAP = 100;

/**
 * A customer's contacts, primary first, then by name. Who: anyone who may see the customer (others get not-found);
 * contacts are visible exactly when their customer is, and each is presented through the contact's field rules (a
 * hidden phone is absent, not empty), as in customer360. Writes nothing.
 */
export async function customerContacts(c: DomainContext, customerId: number): Promise<{ customer: Customer; contacts: Record<string, unknown>[]; total: number }> {
  const customer = await findVisible(c, customerObject, customerId);
  const qb = c.tx.createQueryBuilder(Contact, 'r').where('r.customer_id = :id', { id: customer.id })
    .orderBy('r.is_primary', 'DESC').addOrderBy('r.name', 'ASC').addOrderBy('r.id', 'ASC');
  const [rows, total] = await qb.take(CAP).getManyAndCount();
  return { customer, contacts: await Promise.all(rows.map((r) => present(c, contactObject, r))), total };
}
