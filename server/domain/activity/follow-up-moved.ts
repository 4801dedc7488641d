// What a customer or lead derives from the dates of its follow-ups, recomputed when one of them moves (an edit of its
// occurredAt) or goes (undo, delete): one place for both, so an edit leaves the record exactly as logging the follow-up
// at its new date would have, and a deletion as if it had never been logged.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { parseJsonText } from '../shared/columns.js';
import { dbTime } from '../shared/sql.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { reopenStoppedReminders } from '../reminder/reopen-reminders.js';
import type { Activity } from './activity.entity.js';
import { firstOtherFollowUpAt, followUpSubject, lastOtherFollowUpAt, lockSubject, type FollowUpSubject } from './follow-up-subject.js';

const ms = (d: Date | null | undefined): number | null => d?.getTime() ?? null;
const later = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : a.getTime() >= b.getTime() ? a : b);
const earlier = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : a.getTime() <= b.getTime() ? a : b);

/**
 * `row` (as stored, with its old occurredAt) now happens at `to`, or is going (`to` null). Call before the activity is
 * written or deleted, inside its transaction (the subject's row is locked here, as logging a follow-up locks it):
 * - a customer's last follow-up: the newest of its follow-ups with this one at `to` (when this one was the newest;
 *   a newer one that set it stays, as logging only ever moves it forward);
 * - a lead's first contact: the earliest, when it was this one's (or none was recorded); one set earlier by hand stays
 *   unless this one now comes before it. Going: the lead's status back to 'new' when no follow-up remains, it is still
 *   'contacted', and logging this one is what moved it there;
 * - reminders this follow-up stopped are due again when its customer's or lead's last follow-up moved earlier (or it
 *   went): the sender checks each again, so the cadence, first-contact and pool-return reminders go out as they would
 *   have without it (reopen-reminders.ts). A later last follow-up needs nothing: the sender drops those of the old one.
 * Each change is audited (action 'update', the field's before and after). The failed-follow-up streak is not here
 * (forget-failed-follow-up.ts): an edit of the date does not replay it.
 */
export async function followUpMoved(c: DomainContext, row: Activity, to: Date | null): Promise<void> {
  const subject = followUpSubject(row);
  if (!subject) return;
  if (to && to.getTime() === row.occurredAt.getTime()) return;
  const movedEarlier = subject.object === 'customer' ? await settleLastFollowUp(c, subject, row, to) : await settleFirstContact(c, subject, row, to);
  if (movedEarlier) await reopenStoppedReminders(c, subject, row.createdAt);
}

/** The customer's lastFollowUpAt; true when it moved earlier (or this one went). */
async function settleLastFollowUp(c: DomainContext, subject: FollowUpSubject, row: Activity, to: Date | null): Promise<boolean> {
  const customer = await lockSubject(c, subject) as Customer | null;
  if (!customer) return false;
  const was = customer.lastFollowUpAt;
  // Only moved forward when logged: when a newer follow-up set it, it stays (and this one may now pass it).
  const ownOrNone = !was || was.getTime() <= row.occurredAt.getTime();
  // Going (as before this file): a customer with no last follow-up recorded is left so.
  if (!was && !to) return true;
  const next = later(ownOrNone ? await lastOtherFollowUpAt(c, subject, row.id) : was, to);
  if (ms(next) !== ms(was)) {
    await c.tx.update(Customer, { id: customer.id }, { lastFollowUpAt: next, updatedAt: c.now });
    await audit(c, 'update', 'customer', customer.id, { lastFollowUpAt: was }, { lastFollowUpAt: next });
  }
  return !to || (was !== null && (next === null || next.getTime() < was.getTime()));
}

/** The lead's first contact (and status, when this one goes); true when its last follow-up moved earlier (or this one went). */
async function settleFirstContact(c: DomainContext, subject: FollowUpSubject, row: Activity, to: Date | null): Promise<boolean> {
  const lead = await lockSubject(c, subject) as Lead | null;
  if (!lead) return false;
  const changes: Partial<Pick<Lead, 'firstContactAt' | 'status'>> = {};
  const was = lead.firstContactAt;
  const own = ms(was) === row.occurredAt.getTime();
  const firstOther = own || !to ? await firstOtherFollowUpAt(c, subject, row.id) : null;
  // Going: only its own first contact gives way (a lead with none recorded, or one set by hand, is left so).
  const first = !to ? (own ? firstOther : was) : earlier(own ? firstOther : was, to);
  if (ms(first) !== ms(was)) changes.firstContactAt = first;
  if (!to && !firstOther && lead.status === 'contacted' && await movedToContacted(c, lead.id, row)) changes.status = 'new';
  if (Object.keys(changes).length) {
    await c.tx.update(Lead, { id: lead.id }, { ...changes, updatedAt: c.now });
    const before = { firstContactAt: lead.firstContactAt, status: lead.status };
    await audit(c, 'update', 'lead', lead.id, before, { ...before, ...changes });
  }
  if (!to) return true;
  // A lead keeps no last follow-up of its own: its clocks read the newest of its follow-ups (lead-anchor.ts).
  if (to.getTime() > row.occurredAt.getTime()) return false;
  const lastOther = await lastOtherFollowUpAt(c, subject, row.id);
  return !lastOther || lastOther.getTime() < row.occurredAt.getTime();
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
