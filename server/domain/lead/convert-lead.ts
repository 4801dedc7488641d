// 线索转化: a lead becomes a customer (or joins an existing one) with a contact and, optionally, an opportunity.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { createRecord, findVisible, present } from '../shared/records.js';
import { canWriteOwned, customerObject } from '../customer/customer.object.js';
import { writableCustomer } from '../customer/through-customer.js';
import { contactObject } from '../customer/contact.object.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { Contact } from '../customer/contact.entity.js';
import { Activity } from '../activity/activity.entity.js';
import { Task } from '../activity/task.entity.js';
import type { CustomerLevel } from '../customer/customer.entity.js';
import { Lead } from './lead.entity.js';
import { leadObject } from './lead.object.js';

export interface ConvertLeadInput {
  /** Convert into this existing customer (dedupe) instead of creating one. */
  customerId?: number;
  /** Overrides for the new customer; its name defaults to the lead's company. */
  customer?: { name?: string; level?: CustomerLevel; industry?: string };
  opportunity?: { name: string; amountCents?: number; expectedCloseAt?: Date };
}

export interface ConvertLeadResult {
  lead: Record<string, unknown>;
  customer: Record<string, unknown>;
  contact: Record<string, unknown> | null;
  opportunity: Record<string, unknown> | null;
}

/**
 * Convert a lead, all in the caller's one transaction. Who: the lead's owner, their manager chain, admins (pool leads
 * must be claimed first: 403). Writes: customer (unless converting into an existing one, which must be writable),
 * contact from the lead's person (skipped when that customer already has them), optional opportunity, the lead's
 * follow-ups and tasks re-linked to the customer, lead status `converted`, audit `convert`.
 * Not repeatable: a converted lead answers `lead.already_converted` (409) naming its customer.
 */
export async function convertLead(c: DomainContext, leadId: number, input: ConvertLeadInput): Promise<ConvertLeadResult> {
  const lead = await findVisible(c, leadObject, leadId, true);
  if (!(await canWriteOwned(c, lead.ownerId, 'update'))) throw forbidden('lead.convert');
  if (lead.status === 'converted') throw conflict('lead.already_converted', { customerId: lead.convertedCustomerId });
  if (lead.status === 'invalid') throw conflict('lead.invalid_status');

  const customer = input.customerId !== undefined
    ? await writableCustomer(c, input.customerId, 'lead.convert')
    : await createRecord(c, customerObject, {
      name: input.customer?.name ?? lead.company, level: input.customer?.level, industry: input.customer?.industry,
      region: lead.region ?? undefined, source: lead.source ?? undefined, ownerId: lead.ownerId ?? undefined,
    });

  let contact: Contact | null = null;
  const personName = lead.contactName ?? lead.phone ?? lead.email;
  if (personName) {
    const existing = await c.tx.find(Contact, { where: { customerId: customer.id } });
    const same = existing.find((x) => (lead.phone && x.phone === lead.phone) || (lead.email && x.email === lead.email) || (lead.contactName && x.name === lead.contactName));
    contact = same ?? await createRecord(c, contactObject, {
      customerId: customer.id, name: personName, phone: lead.phone ?? undefined, email: lead.email ?? undefined, isPrimary: existing.length === 0,
    });
  }

  const opportunity = input.opportunity
    ? await createRecord(c, opportunityObject, { customerId: customer.id, name: input.opportunity.name, amountCents: input.opportunity.amountCents, expectedCloseAt: input.opportunity.expectedCloseAt })
    : null;

  // The lead's history stays readable from the customer's timeline.
  await c.tx.createQueryBuilder().update(Activity).set({ customerId: customer.id }).where('lead_id = :id AND customer_id IS NULL', { id: lead.id }).execute();
  await c.tx.createQueryBuilder().update(Task).set({ customerId: customer.id }).where('lead_id = :id AND customer_id IS NULL', { id: lead.id }).execute();

  const before = { status: lead.status, convertedCustomerId: lead.convertedCustomerId };
  await c.tx.update(Lead, { id: lead.id }, { status: 'converted', convertedCustomerId: customer.id, updatedAt: c.now });
  await audit(c, 'convert', 'lead', lead.id, before, { status: 'converted', convertedCustomerId: customer.id, contactId: contact?.id ?? null, opportunityId: opportunity?.id ?? null });
  c.emit({ type: 'lead.converted', entity: 'lead', id: lead.id, data: { customerId: customer.id, opportunityId: opportunity?.id ?? null, ownerId: lead.ownerId } });
  Object.assign(lead, { status: 'converted', convertedCustomerId: customer.id, updatedAt: c.now });

  return {
    lead: await present(c, leadObject, lead),
    customer: await present(c, customerObject, customer),
    contact: contact ? await present(c, contactObject, contact) : null,
    opportunity: opportunity ? await present(c, opportunityObject, opportunity) : null,
  };
}
