// Which customer does a mention mean, among those this user may see? Exact first, then fuzzy; never a guess.
import type { DomainContext } from '../shared/with-tx.js';
import { matchName } from '../shared/match-name.js';
import { Customer } from './customer.entity.js';
import { customerObject } from './customer.object.js';

export type Resolution =
  | { kind: 'one'; customer: Customer }
  | { kind: 'many'; candidates: Customer[] }
  | { kind: 'none' };

/**
 * Resolve a customer mention for the actor. Order: exact name or normalized name; then a unique alias; then
 * substring of name / normalized name / aliases (both ways round for short mentions). Several → 'many' (a choice
 * card), none → 'none'. Only records the actor may see are considered (pool records included when visible).
 */
export async function resolveCustomer(c: DomainContext, mention: string, limit = 8): Promise<Resolution> {
  const found = await matchName(async () => {
    const qb = c.tx.createQueryBuilder(Customer, 'r');
    await customerObject.scope(c, qb);
    return qb;
  }, mention, {
    names: ['r.name'], normalized: 'r.normalized_name', alsoContaining: ['r.aliases'],
    // An alias that equals the mention exactly beats other substring hits.
    exactly: (x, raw) => (x.aliases ?? '').split(/[,，、]/).map((a) => a.trim()).includes(raw),
  }, limit);
  if (found.kind === 'one') return { kind: 'one', customer: found.row };
  if (found.kind === 'many') return { kind: 'many', candidates: found.rows };
  return found;
}
