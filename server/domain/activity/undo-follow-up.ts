// 撤销: the receipt card's undo takes a follow-up back as if it had never been logged — the follow-up and the next-step
// task it created are removed, and what logging it changed on its customer or lead is put back (forget-follow-up.ts).
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError, conflict, forbidden } from '../shared/domain-error.js';
import { deleteRecord, findVisible } from '../shared/records.js';
import { Activity } from './activity.entity.js';
import { activityObject } from './activity.object.js';
import { Task } from './task.entity.js';
import { taskObject } from './task.object.js';
import { followUpSubject, lockSubject } from './follow-up-subject.js';

/** How long after logging a follow-up its author may undo it (the receipt says until when). */
export const UNDO_WINDOW_MS = 5 * 60_000;

/** Until when a follow-up logged at `loggedAt` may be undone. */
export const undoDeadline = (loggedAt: Date): Date => new Date(loggedAt.getTime() + UNDO_WINDOW_MS);

export interface UndoFollowUpResult {
  /** False when it was gone already (undone before, or deleted): nothing was written. */
  undone: boolean;
}

/**
 * Who: the follow-up's author only (others may see it but not undo it: 403; a manager deletes it instead, see
 * delete-follow-up.ts). When: until undoDeadline of its logging (409 activity.undo_expired after). Writes: its next-step
 * task deleted (unless it is gone or no longer the author's to change), the activity deleted, and what logging it
 * changed put back from the follow-ups that remain (last follow-up, a lead's first contact and status, the failed
 * streak, reminders it stopped), all audited; the leaderboard rollups subtract it from its deletion event.
 * Idempotent: a second undo finds nothing and writes nothing.
 */
export async function undoFollowUp(c: DomainContext, activityId: number): Promise<UndoFollowUpResult> {
  if (c.actor.userId === null) throw forbidden('activity.undo');
  const seen = await c.tx.findOneBy(Activity, { id: activityId });
  if (!seen) return { undone: false };
  if (seen.authorId !== c.actor.userId) {
    await findVisible(c, activityObject, activityId);
    throw forbidden('activity.undo');
  }
  if (c.now.getTime() > undoDeadline(seen.createdAt).getTime()) throw conflict('activity.undo_expired');
  // The customer or lead first, then the follow-up, as logging one locks them; a twin undo waits here and finds it gone.
  const subject = followUpSubject(seen);
  if (subject) await lockSubject(c, subject);
  const qb = c.tx.createQueryBuilder(Activity, 'a').where('a.id = :id', { id: activityId });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) return { undone: false };
  const task = row.taskId ? await c.tx.findOneBy(Task, { id: row.taskId }) : null;
  if (task) {
    await deleteRecord(c, taskObject, task.id).catch((e: unknown) => {
      // Handed to someone else since: theirs to close, the follow-up still goes.
      if (!(e instanceof DomainError)) throw e;
    });
  }
  await deleteRecord(c, activityObject, row.id);
  return { undone: true };
}
