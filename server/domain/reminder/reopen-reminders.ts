// Reminders a follow-up stopped come back when the follow-up is taken back (undo, delete).
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import type { PoolObject } from '../pool/pool-objects.js';
import { Reminder } from './reminder.entity.js';
import { reminderSettings } from './reminder-config.js';
import { nextPushTime } from './local-time.js';

/** Why the sender cancels a reminder about a customer or lead when a follow-up has been logged (reminder-still-due.ts). */
const STOPPED_BY_A_FOLLOW_UP = ['followed_up', 'contacted'];

/**
 * Reminders about `subject` cancelled since `since` because a follow-up had been logged go back to pending. The sender
 * checks each again when it comes to it: those due once more (the follow-up that stopped them is gone) are sent, as if
 * it had never been logged, the others are cancelled again. The planner cannot plan them anew: a cancelled row keeps
 * its dedupe key. Who: the caller's use case (no check here). Writes: the reminders' status, outcome and send time.
 */
export async function reopenStoppedReminders(c: DomainContext, subject: { object: PoolObject; id: number }, since: Date): Promise<number> {
  const stopped = await c.tx.createQueryBuilder(Reminder, 'r').select('r.id', 'id')
    .where("r.subject_type = :type AND r.subject_id = :id AND r.status = 'cancelled' AND r.outcome IN (:...why) AND r.updated_at >= :since",
      { type: subject.object, id: subject.id, why: STOPPED_BY_A_FOLLOW_UP, since: dbTime(c.db, since) })
    .getRawMany<{ id: number }>();
  if (!stopped.length) return 0;
  const cfg = await reminderSettings(c);
  await c.tx.createQueryBuilder().update(Reminder)
    .set({ status: 'pending', outcome: null, sendAt: nextPushTime(c.now, cfg), updatedAt: c.now })
    .where("id IN (:...ids) AND status = 'cancelled'", { ids: stopped.map((r) => Number(r.id)) }).execute();
  return stopped.length;
}
