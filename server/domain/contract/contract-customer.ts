// What a contract's reader may know of its customer: its name, as one of the contract's key facts. The approval card
// names the customer to every approver (approval-cards.ts), and the contract's own reads do the same, so finance (who
// reads every contract) and anyone else who may open a contract but not its customer (a customer since moved to
// another rep, or returned to the pool) still see whose contract it is. Only the name: the customer itself stays
// closed to them (GET /customers/:id answers 404). Field rules still apply (DESIGN §4, every representation): no name
// when a rule hides the contract's customerId from the reader, or the customer's name.
import { In } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { hiddenFields } from '../shared/permissions.js';
import { Customer } from '../customer/customer.entity.js';
import type { Contract } from './contract.entity.js';

/** The customer's name per contract id, for the actor; a contract whose customer name they may not know is absent. */
export async function contractCustomerNames(c: DomainContext, contracts: Pick<Contract, 'id' | 'customerId' | 'ownerId'>[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const shown: typeof contracts = [];
  for (const k of contracts) if (!(await hiddenFields(c, 'contract', k.ownerId)).includes('customerId')) shown.push(k);
  const ids = [...new Set(shown.map((k) => k.customerId))];
  if (!ids.length) return out;
  const customers = new Map((await c.tx.find(Customer, { select: { id: true, name: true, ownerId: true }, where: { id: In(ids) } })).map((cu) => [cu.id, cu]));
  for (const k of shown) {
    const cu = customers.get(k.customerId);
    if (cu && !(await hiddenFields(c, 'customer', cu.ownerId)).includes('name')) out.set(k.id, cu.name);
  }
  return out;
}
