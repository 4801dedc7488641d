// 联系人: seen and written through their customer. A rep may delete contacts of their own customers.
import { type ObjectDef, STAMPS } from '../shared/records.js';
import { canWriteOwned } from './customer.object.js';
import { throughCustomerScope, writableCustomer } from './through-customer.js';
import { Customer } from './customer.entity.js';
import { Contact } from './contact.entity.js';

export const contactObject: ObjectDef<Contact> = {
  name: 'contact',
  entity: Contact,
  hasCustom: true,
  scope: (c, qb) => throughCustomerScope(c, qb as never),
  async ownerOf(c, row) {
    // Memoised per transaction: a list of one customer's contacts asks the same question many times.
    const key = `customerOwner:${row.customerId}`;
    if (!c.memo.has(key)) {
      const cu = await c.tx.findOne(Customer, { where: { id: row.customerId }, select: { id: true, ownerId: true } });
      c.memo.set(key, cu?.ownerId ?? null);
    }
    return c.memo.get(key) as number | null;
  },
  async canWrite(c, row) {
    // Deleting a contact is an edit of the customer, so "update" rights decide both.
    return canWriteOwned(c, await contactObject.ownerOf(c, row), 'update');
  },
  canCreate: (c) => c.actor.role !== 'finance',
  filters: {
    customerId: { column: 'r.customer_id', type: 'ref' },
    isPrimary: { column: 'r.is_primary', type: 'bool' },
    updatedAt: { column: 'r.updated_at', type: 'time' },
  },
  sorts: {
    name: { column: 'r.name', type: 'string' },
    ...STAMPS,
  },
  defaultSort: 'name',
  search: ['r.name', 'r.phone', 'r.email'],
  readOnly: ['customerId'],
  async prepareCreate(c, input) {
    const customer = await writableCustomer(c, Number(input.customerId), 'contact.create');
    return {
      customerId: customer.id,
      name: String(input.name),
      title: (input.title as string) ?? null,
      phone: (input.phone as string) ?? null,
      email: (input.email as string) ?? null,
      wechat: (input.wechat as string) ?? null,
      isPrimary: input.isPrimary === true,
    };
  },
  async prepareUpdate(_c, _row, patch) {
    const out = { ...patch } as Partial<Contact>;
    delete (out as Record<string, unknown>).custom;
    return out;
  },
};
