// 客户 360: one customer with everything a rep needs before a call, in a handful of indexed queries.
import type { DomainContext } from '../shared/with-tx.js';
import { findVisible, present, presentAll } from '../shared/records.js';
import { hiddenFields } from '../shared/permissions.js';
import { customerObject } from './customer.object.js';
import { contactObject } from './contact.object.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { activityObject } from '../activity/activity.object.js';
import { taskObject } from '../activity/task.object.js';
import { contractObject } from '../contract/contract.object.js';
import { Contact } from './contact.entity.js';
import { Opportunity } from '../opportunity/opportunity.entity.js';
import { Activity } from '../activity/activity.entity.js';
import { Task } from '../activity/task.entity.js';
import { Contract } from '../contract/contract.entity.js';
import { Payment } from '../contract/payment.entity.js';

export interface PaymentsSummary { count: number; plannedCents?: number; receivedCents?: number }
export interface Customer360 {
  customer: Record<string, unknown>;
  contacts: Record<string, unknown>[];
  openOpportunities: Record<string, unknown>[];
  followUps: Record<string, unknown>[];
  openTasks: Record<string, unknown>[];
  contracts: (Record<string, unknown> & { payments: PaymentsSummary })[];
}

export const FOLLOW_UPS_IN_360 = 20;
/** Caps for the other pieces: a 360 is a glance, the lists have paging. */
const CAP = 100;

/** A customer's newest follow-ups: ix_activity_customer_id_occurred_at read backwards, stopping after `limit` rows (no sort step). */
export function timelineQuery(c: DomainContext, customerId: number, limit = FOLLOW_UPS_IN_360) {
  return c.tx.createQueryBuilder(Activity, 'r').where('r.customer_id = :id', { id: customerId })
    .orderBy('r.occurred_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit);
}

/**
 * The customer with its contacts, open opportunities, last 20 follow-ups (newest first), open tasks and contracts
 * with a payments summary. Who: anyone who may see the customer (others get not-found). Writes nothing.
 * Every piece goes through its own object's row scope and field rules, except follow-ups and contacts, which
 * are visible exactly when their customer is (checked first).
 */
export async function customer360(c: DomainContext, customerId: number): Promise<Customer360> {
  const customer = await findVisible(c, customerObject, customerId);

  // Contacts: ix_contact_customer_id.
  const contacts = await c.tx.createQueryBuilder(Contact, 'r').where('r.customer_id = :id', { id: customer.id })
    .orderBy('r.is_primary', 'DESC').addOrderBy('r.name', 'ASC').take(CAP).getMany();

  // Open opportunities: ix_opportunity_customer_id_status, then the actor's owner scope.
  const oppQb = c.tx.createQueryBuilder(Opportunity, 'r').where('r.customer_id = :id AND r.status = :open', { id: customer.id, open: 'open' });
  await opportunityObject.scope(c, oppQb);
  const opportunities = await oppQb.orderBy('r.updated_at', 'DESC').addOrderBy('r.id', 'DESC').take(CAP).getMany();

  const followUps = await timelineQuery(c, customer.id).getMany();

  // Open tasks: ix_task_customer_id, then the owner scope.
  const taskQb = c.tx.createQueryBuilder(Task, 'r').where('r.customer_id = :id AND r.status = :open', { id: customer.id, open: 'open' });
  await taskObject.scope(c, taskQb);
  const tasks = await taskQb.orderBy('r.due_at', 'ASC').addOrderBy('r.id', 'ASC').take(CAP).getMany();

  // Contracts: ix_contract_customer_id, then the money scope; payments aggregated in one grouped query.
  const ctQb = c.tx.createQueryBuilder(Contract, 'r').where('r.customer_id = :id', { id: customer.id });
  await contractObject.scope(c, ctQb);
  const contracts = await ctQb.orderBy('r.updated_at', 'DESC').addOrderBy('r.id', 'DESC').take(CAP).getMany();
  const sums = new Map<number, { n: number; planned: number; received: number }>();
  if (contracts.length) {
    const raw = await c.tx.createQueryBuilder(Payment, 'p')
      .select('p.contract_id', 'contractId').addSelect('COUNT(*)', 'n')
      .addSelect('SUM(p.planned_amount_cents)', 'planned').addSelect('SUM(p.received_amount_cents)', 'received')
      .where('p.contract_id IN (:...ids)', { ids: contracts.map((x) => x.id) }).groupBy('p.contract_id')
      .getRawMany<{ contractId: number; n: number; planned: string | number; received: string | number }>();
    for (const r of raw) sums.set(Number(r.contractId), { n: Number(r.n), planned: Number(r.planned), received: Number(r.received) });
  }

  return {
    customer: await present(c, customerObject, customer),
    contacts: await Promise.all(contacts.map((r) => present(c, contactObject, r))),
    openOpportunities: await Promise.all(opportunities.map((r) => present(c, opportunityObject, r))),
    followUps: await Promise.all(followUps.map((r) => present(c, activityObject, r))),
    openTasks: await Promise.all(tasks.map((r) => present(c, taskObject, r))),
    contracts: await Promise.all((await presentAll(c, contractObject, contracts)).map(async (out, i) => {
      const r = contracts[i];
      const s = sums.get(r.id) ?? { n: 0, planned: 0, received: 0 };
      // Payment sums reveal the contract amount: they follow the contract's field rule and the payment's own.
      const hidden = 'amountCents' in out ? await hiddenFields(c, 'payment', r.ownerId) : ['plannedAmountCents', 'receivedAmountCents'];
      const payments: PaymentsSummary = { count: s.n };
      if (!hidden.includes('plannedAmountCents')) payments.plannedCents = s.planned;
      if (!hidden.includes('receivedAmountCents')) payments.receivedCents = s.received;
      return { ...out, payments };
    })),
  };
}
