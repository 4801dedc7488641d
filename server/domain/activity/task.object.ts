// 待办: owner-scoped (the owner and their manager chain see and change it). complete/snooze are their own use cases.
import { type ObjectDef, STAMPS, findVisible, ownerScope } from '../shared/records.js';
import { canSeeOwner, visibleOwnerIds } from '../shared/permissions.js';
import { assertAssignable, customerObject } from '../customer/customer.object.js';
import { leadObject } from '../lead/lead.object.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { forbidden, invalid } from '../shared/domain-error.js';
import { Task } from './task.entity.js';
import type { DomainContext } from '../shared/with-tx.js';
import { closeTaskCards, settleReminderCards } from './task-cards.js';

/** Longest task title (the column's size). */
export const TITLE_MAX = 255;

export async function canChangeTask(c: DomainContext, row: Task): Promise<boolean> {
  return canSeeOwner(c, row.ownerId);
}

export const taskObject: ObjectDef<Task> = {
  name: 'task',
  entity: Task,
  scope: async (c, qb) => ownerScope(await visibleOwnerIds(c), qb as never),
  ownerOf: async (_c, row) => row.ownerId,
  canWrite: (c, row) => canChangeTask(c, row),
  canCreate: (c) => c.actor.userId !== null || c.actor.role === 'system',
  filters: {
    status: { column: 'r.status', type: 'string' },
    dueAt: { column: 'r.due_at', type: 'time' },
    customerId: { column: 'r.customer_id', type: 'ref' },
    leadId: { column: 'r.lead_id', type: 'ref' },
    opportunityId: { column: 'r.opportunity_id', type: 'ref' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
    snoozedUntil: { column: 'r.snoozed_until', type: 'time' },
  },
  sorts: {
    dueAt: { column: 'r.due_at', type: 'time' },
    ...STAMPS,
  },
  defaultSort: 'dueAt',
  search: ['r.title'],
  readOnly: ['status', 'doneAt', 'snoozedUntil', 'remindedAt', 'activityId', 'ownerId'],
  async prepareCreate(c, input) {
    // The same rules whoever creates it (REST's schema says them too; the bot and other use cases come here directly).
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title) throw invalid('validation.required', 'title');
    if ([...title].length > TITLE_MAX) throw invalid('validation.too_long', 'title', { max: TITLE_MAX });
    if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime())) throw invalid('validation.date', 'dueAt');
    const ownerId = input.ownerId === undefined ? c.actor.userId : await assertAssignable(c, input.ownerId);
    if (ownerId === null) throw forbidden('assign');
    // A related record must be one the creator may see (404 otherwise, like any other read).
    if (input.customerId !== undefined && input.customerId !== null) await findVisible(c, customerObject, Number(input.customerId));
    if (input.leadId !== undefined && input.leadId !== null) await findVisible(c, leadObject, Number(input.leadId));
    if (input.opportunityId !== undefined && input.opportunityId !== null) await findVisible(c, opportunityObject, Number(input.opportunityId));
    return {
      title,
      dueAt: input.dueAt as Date,
      ownerId,
      status: 'open',
      snoozedUntil: null,
      doneAt: null,
      customerId: (input.customerId as number) ?? null,
      leadId: (input.leadId as number) ?? null,
      opportunityId: (input.opportunityId as number) ?? null,
      activityId: null,
      remindedAt: null,
    };
  },
  // However it goes (DELETE /tasks/:id, the mini-program, a follow-up's undo), its open receipts say it was deleted, by whom.
  beforeDelete: (c, row) => closeTaskCards(c, row.id, 'deleted'),
  async prepareUpdate(c, row, patch) {
    const out = { ...patch } as Partial<Task>;
    // A new due time is a new reminder; the cards of the old one say it moved.
    if (patch.dueAt !== undefined) {
      out.remindedAt = null;
      if (row.snoozedUntil) out.snoozedUntil = null;
      if (patch.dueAt instanceof Date && patch.dueAt.getTime() !== row.dueAt.getTime()) await settleReminderCards(c, row.id, 'rescheduled', patch.dueAt);
    }
    return out;
  },
};
