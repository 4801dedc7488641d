// Which customer does a mention mean, among those this user may see? Exact first, then fuzzy; never a guess.
import type { DomainContext } from '../shared/with-tx.js';
import { Customer } from './customer.entity.js';
import { customerObject } from './customer.object.js';
import { normalizeCompanyName } from '../shared/normalize-name.js';
import { LIKE_ESCAPE, likeEscape } from '../shared/sql.js';

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
  const raw = mention.trim();
  if (!raw) return { kind: 'none' };
  const norm = normalizeCompanyName(raw);
  const base = async () => {
    const qb = c.tx.createQueryBuilder(Customer, 'r');
    await customerObject.scope(c, qb);
    return qb;
  };
  const exact = await (await base()).andWhere('(r.name = :raw OR r.normalized_name = :norm)', { raw, norm }).take(limit).getMany();
  if (exact.length === 1) return { kind: 'one', customer: exact[0] };
  if (exact.length > 1) return { kind: 'many', candidates: exact };
  const like = `%${likeEscape(norm)}%`;
  const likeRaw = `%${likeEscape(raw)}%`;
  const fuzzy = await (await base())
    .andWhere(`(r.normalized_name LIKE :like ${LIKE_ESCAPE} OR r.name LIKE :likeRaw ${LIKE_ESCAPE} OR r.aliases LIKE :likeRaw ${LIKE_ESCAPE})`, { like, likeRaw })
    .orderBy('r.updated_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
  // An alias that equals the mention exactly beats other substring hits.
  const aliasHit = fuzzy.filter((x) => (x.aliases ?? '').split(/[,，、]/).map((a) => a.trim()).includes(raw));
  if (aliasHit.length === 1) return { kind: 'one', customer: aliasHit[0] };
  if (fuzzy.length === 1) return { kind: 'one', customer: fuzzy[0] };
  if (fuzzy.length > 1) return { kind: 'many', candidates: fuzzy.slice(0, limit) };
  return { kind: 'none' };
}
