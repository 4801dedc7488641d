// Writes planned reminder rows once: the unique dedupe key turns a second planner's identical row into a no-op,
// on both engines and under concurrency (MariaDB waits on the key's lock, then skips).
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import type { ReminderKind, ReminderSubject } from './reminder.entity.js';
import { nextPushTime, type PushWindow } from './local-time.js';

export interface PlannedReminder {
  kind: ReminderKind;
  subjectType: ReminderSubject;
  subjectId: number;
  recipientId: number;
  dueAt: Date;
  data?: Record<string, unknown>;
}

export const reminderKey = (r: Pick<PlannedReminder, 'kind' | 'subjectType' | 'subjectId' | 'dueAt' | 'recipientId'>) =>
  `${r.kind}:${r.subjectType}:${r.subjectId}:${r.dueAt.getTime()}:${r.recipientId}`;

/** Inserts the rows that are not there yet; returns how many were new. `send_at` = due (or now), out of quiet hours (and days off, when quiet). */
export async function insertReminders(c: DomainContext, rows: PlannedReminder[], quiet: PushWindow): Promise<number> {
  if (!rows.length) return 0;
  // One order for every planner keeps two concurrent multi-row inserts from deadlocking on the unique index.
  const sorted = [...rows].sort((a, b) => (reminderKey(a) < reminderKey(b) ? -1 : 1));
  let added = 0;
  for (let i = 0; i < sorted.length; i += 200) {
    // Skip what is there already (the count of new rows drives the planner's loop; MariaDB's affected-rows for
    // ON DUPLICATE KEY depends on client flags), and let the unique key settle races with another planner.
    const keys = sorted.slice(i, i + 200).map(reminderKey);
    const have = new Set((await c.tx.query(`SELECT dedupe_key AS k FROM reminder WHERE dedupe_key IN (${keys.map(() => '?').join(',')})`, keys) as { k: string }[]).map((r) => r.k));
    const chunk = sorted.slice(i, i + 200).filter((r) => !have.has(reminderKey(r)));
    if (!chunk.length) continue;
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      const sendAt = nextPushTime(new Date(Math.max(r.dueAt.getTime(), c.now.getTime())), quiet);
      params.push(r.kind, r.subjectType, r.subjectId, r.recipientId, dbTime(c.db, r.dueAt), dbTime(c.db, sendAt), 'pending',
        reminderKey(r), r.data ? JSON.stringify(r.data) : null, dbTime(c.db, c.now), dbTime(c.db, c.now));
      return '(?,?,?,?,?,?,?,?,?,?,?)';
    }).join(',');
    const cols = 'kind, subject_type, subject_id, recipient_id, due_at, send_at, status, dedupe_key, data, created_at, updated_at';
    const tail = c.db.kind === 'sqlite' ? ' ON CONFLICT(dedupe_key) DO NOTHING' : ' ON DUPLICATE KEY UPDATE id = id';
    await c.tx.query(`INSERT INTO reminder (${cols}) VALUES ${values}${tail}`, params);
    added += chunk.length;
  }
  return added;
}
