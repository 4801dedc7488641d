import type { Api } from '../api.js';
import { resource } from '../resource.js';
import { customerObject } from '../../domain/customer/customer.object.js';
import { staleCustomers } from '../../domain/customer/stale-customers.js';
import { parseInput } from '../validate.js';
import { pageQueryDoc } from '../schemas/common.js';
import { CustomerCreate, CustomerStaleQuery, CustomerUpdate } from '../schemas/customer.js';

export function customerRoutes(api: Api): void {
  // Before /customers/:id, which would take "stale" for an id.
  api.route('get', '/customers/stale', {
    summary: 'Customers past their follow-up cadence or about to go back to the pool: mine, my team\'s (a manager) or everyone\'s (an admin), most urgent first (the bot\'s "哪些客户很久没跟进了"), a page at a time; total and owners count the whole list', tag: 'customers',
    query: { ownerId: 'only this owner\'s (yourself or someone whose customers you may see; otherwise 403)', ...pageQueryDoc() },
  }, (ctx) => {
    const q = parseInput(CustomerStaleQuery, ctx.query);
    return ctx.state.read((c) => staleCustomers(c, q));
  });
  resource(api, { path: '/customers', tag: 'customers', def: customerObject, create: CustomerCreate, update: CustomerUpdate });
}
