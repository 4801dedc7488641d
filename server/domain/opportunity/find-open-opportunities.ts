// Which open opportunity does a mention mean ("5G基站项目", "长安汽车", "长安汽车那单")? Reps name a deal by its own
// name or by its customer's: the deal's name first, then the customer's open deals. Only what the reader may see.
import { listRecords } from '../shared/records.js';
import type { DomainContext } from '../shared/with-tx.js';
import { resolveCustomer } from '../customer/resolve-customer.js';
import { opportunityObject } from './opportunity.object.js';

/** An open opportunity as the reader may see it (field rules applied: a hidden amount is absent). */
export type OpenOpportunity = Record<string, unknown> & { id: number; name: string; customerId: number };

export type OpportunityMatch =
  | { kind: 'one'; opportunity: OpenOpportunity }
  | { kind: 'many'; candidates: OpenOpportunity[] }
  /** `customer`: the one customer the mention names, when it has no open deal the reader may see. */
  | { kind: 'none'; customer?: { id: number; name: string } };

const asMatch = (items: OpenOpportunity[]): OpportunityMatch =>
  items.length === 1 ? { kind: 'one', opportunity: items[0] } : items.length ? { kind: 'many', candidates: items } : { kind: 'none' };

/**
 * The open opportunities `mention` means: an exact name wins; else names containing it; else the open deals of the
 * customers it names (resolve-customer.ts: exact, alias, then fuzzy). At most `limit` candidates, soonest to close first.
 */
export async function findOpenOpportunities(c: DomainContext, mention: string, limit = 6): Promise<OpportunityMatch> {
  const q = mention.trim();
  if (!q) return { kind: 'none' };
  const open = (filters: Record<string, string>, search?: string) =>
    listRecords(c, opportunityObject, { q: search, filters: { status: 'open', ...filters }, sort: 'expectedCloseAt', limit }).then((p) => p.items as OpenOpportunity[]);
  const named = await open({}, q);
  const exact = named.filter((o) => o.name === q);
  if (exact.length || named.length) return asMatch(exact.length ? exact : named);
  const customers = await resolveCustomer(c, q, limit);
  if (customers.kind === 'none') return { kind: 'none' };
  const ids = customers.kind === 'one' ? [customers.customer.id] : customers.candidates.map((x) => x.id);
  const match = asMatch(await open({ customerId: ids.join(',') }));
  return match.kind === 'none' && customers.kind === 'one' ? { kind: 'none', customer: { id: customers.customer.id, name: customers.customer.name } } : match;
}
