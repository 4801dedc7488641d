// Taking a follow-up back (undo on the receipt, DELETE /activities/:id) puts back what logging it changed on its
// customer or lead, recomputed from the follow-ups that remain — as if it had never been logged.
import type { DomainContext } from '../shared/with-tx.js';
import type { Activity } from './activity.entity.js';
import { forgetFailedFollowUp } from './forget-failed-follow-up.js';
import { followUpMoved } from './follow-up-moved.js';

/**
 * Before a follow-up is deleted (the activity object's beforeDelete, so no path can skip it):
 * - the failed-follow-up streak it added (forget-failed-follow-up.ts);
 * - a customer's last follow-up: when this one was the newest, the newest that remains (or none);
 * - a lead's first contact: when it was this one's, the earliest that remains (or none); and its status back to
 *   'new' when no other follow-up remains, the lead is still 'contacted', and logging this one is what moved it there;
 * - reminders it stopped are due again (reopen-reminders.ts), so the cadence, first-contact and pool-return reminders
 *   go out as if it had never been logged.
 * The dates, status and reminders are follow-up-moved.ts's, shared with an edit of a follow-up's date. Each change is
 * audited (action 'update', the field's before and after).
 */
export async function forgetFollowUp(c: DomainContext, row: Activity): Promise<void> {
  await forgetFailedFollowUp(c, row);
  await followUpMoved(c, row, null);
}
