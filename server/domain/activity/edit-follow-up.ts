// Editing a follow-up (PATCH /activities/:id): its text, type, opportunity or date; a new date carries its customer's or
// lead's last follow-up, first contact and reminders with it (follow-up-moved.ts, the activity object's prepareUpdate).
import type { DomainContext } from '../shared/with-tx.js';
import { findVisible, updateRecord } from '../shared/records.js';
import type { Activity } from './activity.entity.js';
import { activityObject } from './activity.object.js';
import { followUpSubject, lockSubject } from './follow-up-subject.js';

/**
 * Who: its author, their managers, admins (404 when invisible, 403 when visible but not theirs to change). Writes: the
 * activity (audited; the leaderboard rollups follow its date from the update event) and, when its date changes, what
 * its customer or lead derives from it (audited too). 400 activity.occurred_in_future for a date past now, as when
 * logged. The customer or lead is locked before the follow-up, in the order logging one does, so the two queue.
 */
export async function editFollowUp(c: DomainContext, id: number, patch: Record<string, unknown>): Promise<Activity> {
  if (patch.occurredAt !== undefined) {
    const subject = followUpSubject(await findVisible(c, activityObject, id));
    if (subject) await lockSubject(c, subject);
  }
  return updateRecord(c, activityObject, id, patch);
}
