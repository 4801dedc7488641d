// Which lead does a mention mean — its company or its contact's name — among the leads this user may see? The same
// rules as customers (shared/match-name.ts). Open leads are found as themselves; a lead converted into a customer is
// found as that customer (when the user may see it); invalid ones are not found.
import type { DomainContext } from '../shared/with-tx.js';
import { findVisible } from '../shared/records.js';
import { matchName } from '../shared/match-name.js';
import { Customer } from '../customer/customer.entity.js';
import { customerObject } from '../customer/customer.object.js';
import { Lead, type LeadStatus } from './lead.entity.js';
import { leadObject } from './lead.object.js';
import { LEAD_POOL_STATUSES } from './lead-pool.js';

/** What a mention of a lead stands for: the lead itself, or the customer it became. */
export type LeadMatch = { lead: Lead } | { customer: Customer };

export type LeadResolution =
  | { kind: 'one'; match: LeadMatch }
  | { kind: 'many'; candidates: Lead[] }
  | { kind: 'none' };

const FOUND: LeadStatus[] = [...LEAD_POOL_STATUSES, 'converted'];

/**
 * Resolve a lead mention for the actor: exact company, normalized company or contact name; then a substring of
 * them. Only leads the actor may see (pool leads included when visible), open or converted. Several → 'many' (a
 * choice card; several leads converted into one customer count once), none → 'none'.
 */
export async function resolveLead(c: DomainContext, mention: string, limit = 8): Promise<LeadResolution> {
  const found = await matchName(async () => {
    const qb = c.tx.createQueryBuilder(Lead, 'r');
    await leadObject.scope(c, qb);
    return qb.andWhere('r.status IN (:...found)', { found: FOUND });
  }, mention, { names: ['r.company', 'r.contact_name'], normalized: 'r.normalized_company' }, limit);
  if (found.kind === 'none') return found;
  const rows = found.kind === 'one' ? [found.row] : found.rows;
  // Converted ones whose customer the actor may not see are not theirs to follow up.
  const converted = [...new Set(rows.flatMap((l) => (l.status === 'converted' && l.convertedCustomerId ? [l.convertedCustomerId] : [])))];
  const visible = new Set<number>();
  if (converted.length) {
    const qb = c.tx.createQueryBuilder(Customer, 'r').select('r.id').where('r.id IN (:...ids)', { ids: converted });
    await customerObject.scope(c, qb);
    for (const x of await qb.getMany()) visible.add(x.id);
  }
  const seen = new Set<string>();
  const candidates = rows.filter((l) => {
    const key = l.status === 'converted' ? `c${l.convertedCustomerId}` : `l${l.id}`;
    if (l.status === 'converted' && !visible.has(l.convertedCustomerId ?? -1)) return false;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!candidates.length) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'one', match: await leadMatchOf(c, candidates[0]) };
  return { kind: 'many', candidates };
}

/** A lead as what a follow-up goes on: itself while open, the customer it became once converted (404 when not visible). */
export async function leadMatchOf(c: DomainContext, lead: Lead): Promise<LeadMatch> {
  if (lead.status === 'converted' && lead.convertedCustomerId) return { customer: await findVisible(c, customerObject, lead.convertedCustomerId) };
  return { lead };
}
