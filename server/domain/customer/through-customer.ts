// Records that live under a customer (contacts, and the customer side of follow-ups) are seen and written
// through that customer: whoever may see the customer sees them; whoever may write it writes them.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { visibleOwnerIds } from '../shared/permissions.js';
import { canWriteOwned, customerObject, poolVisible } from './customer.object.js';
import { findVisible } from '../shared/records.js';
import { forbidden } from '../shared/domain-error.js';
import type { Customer } from './customer.entity.js';

/** SQL predicate "customer (or lead) `column` is visible to the actor" (null for admins: everything is).
 *  The table name is back-quoted (both engines accept it): LEAD is a reserved word in MySQL 8. */
export async function visibleCustomerSql(c: DomainContext, column: string, table = 'customer'): Promise<{ sql: string; params: Record<string, unknown> } | null> {
  const ids = await visibleOwnerIds(c);
  if (ids === 'all') return null;
  const pool = await poolVisible(c);
  const alias = `vc_${table}`;
  return {
    sql: `${column} IN (SELECT ${alias}.id FROM \`${table}\` ${alias} WHERE ${alias}.owner_id IN (:...visibleOwners)${pool ? ` OR ${alias}.owner_id IS NULL` : ''})`,
    params: { visibleOwners: ids.length ? ids : [-1] },
  };
}

export async function throughCustomerScope(c: DomainContext, qb: SelectQueryBuilder<ObjectLiteral>, column = 'r.customer_id'): Promise<void> {
  const p = await visibleCustomerSql(c, column);
  if (p) qb.andWhere(p.sql, p.params);
}

/** The customer a new child record hangs under: 404 when invisible, 403 when visible but not writable (e.g. in the pool). */
export async function writableCustomer(c: DomainContext, customerId: number, action: string): Promise<Customer> {
  const customer = await findVisible(c, customerObject, customerId);
  if (!(await canWriteOwned(c, customer.ownerId, 'update'))) throw forbidden(action);
  return customer;
}
