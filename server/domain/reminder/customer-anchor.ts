// When a customer's clocks (cadence, pool return) start: its last follow-up, or when its current owner got it
// (a claim or an assignment, from the audit log), or its creation — whichever is latest.
import type { DomainContext } from '../shared/with-tx.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import type { Customer } from '../customer/customer.entity.js';
import { fromDbTime } from '../shared/sql.js';

/** Anchors for many customers at once (one audit query). */
export async function customerAnchors(c: DomainContext, customers: Customer[]): Promise<Map<number, Date>> {
  const out = new Map<number, Date>();
  if (!customers.length) return out;
  const owned = await c.tx.createQueryBuilder(AuditLog, 'a').select('a.entity_id', 'id').addSelect('MAX(a.at)', 'at')
    .where("a.entity_type = 'customer' AND a.action IN ('claim', 'assign') AND a.entity_id IN (:...ids)", { ids: customers.map((x) => x.id) })
    .groupBy('a.entity_id').getRawMany<{ id: number; at: string | Date }>();
  const since = new Map(owned.map((r) => [Number(r.id), fromDbTime(r.at)]));
  for (const x of customers) {
    const base = (x.lastFollowUpAt ?? x.createdAt).getTime();
    out.set(x.id, new Date(Math.max(base, since.get(x.id)?.getTime() ?? 0)));
  }
  return out;
}
