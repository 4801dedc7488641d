import { Entity } from 'typeorm';
import { Created, Id, Json, Ref, Str, Time, Updated } from '../shared/columns.js';

/** Card kinds (cards/templates/reminder.ts) plus the kinds that carry no card of their own. */
export type ReminderKind = 'task_due' | 'followup_due' | 'lead_sla' | 'pool_return' | 'pool_notice' | 'pool_release' | 'escalation' | 'digest';
/** pending → sending (claimed, lease in send_at) → sent | cancelled (no longer due) | folded (went out in a digest). */
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'cancelled' | 'folded';
export type ReminderSubject = 'task' | 'customer' | 'lead' | 'user';

/** One nudge owed to one person about one thing at one instant. */
@Entity('reminder')
export class Reminder {
  @Id() id: number;
  @Str(24, false) kind: ReminderKind;
  @Str(16, false) subjectType: ReminderSubject;
  @Ref(false) subjectId: number;
  @Ref(false) recipientId: number;
  /** The instant the subject fell due (part of the dedupe key). */
  @Time(false) dueAt: Date;
  /** Not before (quiet hours push it to the morning); while claimed, the lease's end. */
  @Time(false) sendAt: Date;
  @Str(12, false) status: ReminderStatus;
  /** kind:subjectType:subjectId:dueAt(ms):recipient — unique. */
  @Str(128, false) dedupeKey: string;
  /** Facts fixed when planned: the anchor the due instant was computed from, rule ids, the original kind. */
  @Json() data: Record<string, unknown> | null;
  /** Why it ended: sent, the reason it was cancelled, or what a card tap did (done, snoozed, claimed). */
  @Str(32) outcome: string | null;
  @Time() sentAt: Date | null;
  /** Set once the recipient's manager was told (escalation happens once). */
  @Time() escalatedAt: Date | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
