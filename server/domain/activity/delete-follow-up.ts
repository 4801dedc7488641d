// Deleting a follow-up (DELETE /activities/:id): gone, and its customer or lead as if it had never been logged.
import type { DomainContext } from '../shared/with-tx.js';
import { deleteRecord, findVisible } from '../shared/records.js';
import { activityObject } from './activity.object.js';
import { followUpSubject, lockSubject } from './follow-up-subject.js';

/**
 * Who: its author, their managers, admins (404 when invisible, 403 when visible but not theirs to change). Writes: the
 * activity deleted (audited; the leaderboard rollups subtract it from its event), and what logging it changed put back
 * from the follow-ups that remain (forget-follow-up.ts, the activity object's beforeDelete). Its next-step task stays:
 * it may have been worked on since. The customer or lead is locked first, as logging a follow-up does.
 */
export async function deleteFollowUp(c: DomainContext, id: number): Promise<void> {
  const row = await findVisible(c, activityObject, id);
  const subject = followUpSubject(row);
  if (subject) await lockSubject(c, subject);
  await deleteRecord(c, activityObject, id);
}
