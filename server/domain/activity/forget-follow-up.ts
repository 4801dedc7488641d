// Taking a follow-up back (undo on the receipt, DELETE /activities/:id) puts back what logging it changed on its
// customer or lead, recomputed from the follow-ups that remain — as if it had never been logged.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { parseJsonText } from '../shared/columns.js';
import { dbTime } from '../shared/sql.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { reopenStoppedReminders } from '../reminder/reopen-reminders.js';
import type { Activity } from './activity.entity.js';
import { forgetFailedFollowUp } from './forget-failed-follow-up.js';
import { firstOtherFollowUpAt, followUpSubject, lastOtherFollowUpAt, lockSubject, type FollowUpSubject } from './follow-up-subject.js';

/**
 * Before a follow-up is deleted (the activity object's beforeDelete, so no path can skip it):
 * - the failed-follow-up streak it added (forget-failed-follow-up.ts);
 * - a customer's last follow-up: when this one was the newest, the newest that remains (or none);
 * - a lead's first contact: when it was this one's, the earliest that remains (or none); and its status back to
 *   'new' when no other follow-up remains, the lead is still 'contacted', and logging this one is what moved it there;
 * - reminders it stopped are due again (reopen-reminders.ts), so the cadence, first-contact and pool-return reminders
 *   go out as if it had never been logged.
 * Each change is audited (action 'update', the field's before and after).
 */
export async function forgetFollowUp(c: DomainContext, row: Activity): Promise<void> {
  await forgetFailedFollowUp(c, row);
  const subject = followUpSubject(row);
  if (!subject) return;
  if (subject.object === 'customer') await restoreLastFollowUp(c, subject, row);
  else await restoreFirstContact(c, subject, row);
  await reopenStoppedReminders(c, subject, row.createdAt);
}

async function restoreLastFollowUp(c: DomainContext, subject: FollowUpSubject, row: Activity): Promise<void> {
  const customer = await lockSubject(c, subject) as Customer | null;
  // Only moved forward when logged: a newer follow-up set it since, and stays.
  if (!customer?.lastFollowUpAt || customer.lastFollowUpAt.getTime() > row.occurredAt.getTime()) return;
  const last = await lastOtherFollowUpAt(c, subject, row.id);
  if (last?.getTime() === customer.lastFollowUpAt.getTime()) return;
  await c.tx.update(Customer, { id: customer.id }, { lastFollowUpAt: last, updatedAt: c.now });
  await audit(c, 'update', 'customer', customer.id, { lastFollowUpAt: customer.lastFollowUpAt }, { lastFollowUpAt: last });
}

async function restoreFirstContact(c: DomainContext, subject: FollowUpSubject, row: Activity): Promise<void> {
  const lead = await lockSubject(c, subject) as Lead | null;
  if (!lead) return;
  const changes: Partial<Pick<Lead, 'firstContactAt' | 'status'>> = {};
  const first = await firstOtherFollowUpAt(c, subject, row.id);
  if (lead.firstContactAt?.getTime() === row.occurredAt.getTime() && first?.getTime() !== lead.firstContactAt.getTime()) changes.firstContactAt = first;
  if (!first && lead.status === 'contacted' && await movedToContacted(c, lead.id, row)) changes.status = 'new';
  if (!Object.keys(changes).length) return;
  await c.tx.update(Lead, { id: lead.id }, { ...changes, updatedAt: c.now });
  const before = { firstContactAt: lead.firstContactAt, status: lead.status };
  await audit(c, 'update', 'lead', lead.id, before, { ...before, ...changes });
}

/**
 * Did logging `row` move its lead from 'new' to 'contacted'? Its own audit row says (written by its author at the instant
 * it was logged); a lead marked contacted by hand before stays contacted.
 */
async function movedToContacted(c: DomainContext, leadId: number, row: Activity): Promise<boolean> {
  const rows = await c.tx.createQueryBuilder(AuditLog, 'a').select('a.diff', 'diff')
    .where("a.entity_type = 'lead' AND a.entity_id = :leadId AND a.action = 'update' AND a.actor_id = :author AND a.at = :at",
      { leadId, author: row.authorId, at: dbTime(c.db, row.createdAt) })
    .getRawMany<{ diff: unknown }>();
  return rows.some((r) => {
    const status = (parseJsonText(r.diff) as Record<string, unknown[]> | null)?.status;
    return status?.[0] === 'new' && status?.[1] === 'contacted';
  });
}
