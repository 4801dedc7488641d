// 跟进记录 for list/get/update/delete; new follow-ups are created only by logFollowUp().
// A follow-up is visible to whoever may see its customer or lead (the timeline survives a change of owner)
// and to its author's manager chain; it is changed by its author, their managers, or admins.
import { findVisible, type ObjectDef } from '../shared/records.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { visibleOwnerIds } from '../shared/permissions.js';
import { visibleCustomerSql } from '../customer/through-customer.js';
import { forbidden, invalid } from '../shared/domain-error.js';
import { Activity } from './activity.entity.js';
import { forgetFollowUp } from './forget-follow-up.js';
import { followUpMoved } from './follow-up-moved.js';
import { checkNotInFuture } from './follow-up-time.js';
import type { DomainContext } from '../shared/with-tx.js';

export async function canChangeActivity(c: DomainContext, row: Activity): Promise<boolean> {
  if (c.actor.role === 'admin' || c.actor.role === 'system') return true;
  if (row.authorId === c.actor.userId) return true;
  if (c.actor.role !== 'manager') return false;
  const ids = await visibleOwnerIds(c);
  return ids === 'all' || ids.includes(row.authorId);
}

export const activityObject: ObjectDef<Activity> = {
  name: 'activity',
  entity: Activity,
  hasCustom: true,
  async scope(c, qb) {
    const ids = await visibleOwnerIds(c);
    if (ids === 'all') return;
    const cust = (await visibleCustomerSql(c, 'r.customer_id'))!;
    const lead = (await visibleCustomerSql(c, 'r.lead_id', 'lead'))!;
    qb.andWhere(`(r.author_id IN (:...visibleOwners) OR ${cust.sql} OR ${lead.sql})`, { visibleOwners: ids.length ? ids : [-1] });
  },
  ownerOf: async (_c, row) => row.authorId,
  canWrite: (c, row) => canChangeActivity(c, row),
  // Creation goes through logFollowUp (lastFollowUpAt, lead status, next-step task, idempotency).
  canCreate: () => false,
  filters: {
    customerId: { column: 'r.customer_id', type: 'ref' },
    leadId: { column: 'r.lead_id', type: 'ref' },
    opportunityId: { column: 'r.opportunity_id', type: 'ref' },
    type: { column: 'r.type', type: 'string' },
    outcome: { column: 'r.outcome', type: 'string' },
    authorId: { column: 'r.author_id', type: 'ref' },
    channel: { column: 'r.channel', type: 'string' },
    occurredAt: { column: 'r.occurred_at', type: 'time' },
  },
  sorts: {
    occurredAt: { column: 'r.occurred_at', type: 'time' },
    createdAt: { column: 'r.created_at', type: 'time' },
  },
  defaultSort: '-occurredAt',
  search: ['r.content'],
  // The outcome fed the customer's (or lead's) failed-follow-up streak when it was logged: changing it later would not.
  readOnly: ['customerId', 'leadId', 'authorId', 'channel', 'taskId', 'idempotencyKey', 'outcome'],
  async prepareCreate() {
    throw forbidden('activity.create');
  },
  // A follow-up taken back leaves its customer or lead as if it had never been logged: last follow-up, a lead's first
  // contact and status, the failed streak (a mistaken "没人接" must not leave it a step closer to the pool), reminders.
  beforeDelete: (c, row) => forgetFollowUp(c, row),
  // A follow-up moved to another date leaves its customer or lead as if it had been logged at that date: the last
  // follow-up, a lead's first contact, and the reminders that hang on them (follow-up-moved.ts). Not into the future,
  // as when logged. Callers lock the customer or lead first (edit-follow-up.ts), as logging one does.
  async prepareUpdate(c, row, patch) {
    const out = { ...patch } as Partial<Activity>;
    delete (out as Record<string, unknown>).custom;
    // As when logged: a follow-up names only an opportunity of its own customer (a lead's follow-up names none).
    if (patch.opportunityId != null && Number(patch.opportunityId) !== row.opportunityId) {
      const opp = await findVisible(c, opportunityObject, Number(patch.opportunityId));
      if (row.customerId === null || opp.customerId !== row.customerId) throw invalid('activity.opportunity_mismatch', 'opportunityId');
    }
    if (patch.occurredAt !== undefined) {
      const to = patch.occurredAt instanceof Date ? patch.occurredAt : new Date(String(patch.occurredAt));
      if (patch.occurredAt === null || Number.isNaN(to.getTime())) throw invalid('validation.date', 'occurredAt');
      out.occurredAt = to;
      // Sent back unchanged (a form saving every field): nothing moves, and nothing to check.
      if (to.getTime() !== row.occurredAt.getTime()) {
        checkNotInFuture(c, to);
        await followUpMoved(c, row, to);
      }
    }
    return out;
  },
};
