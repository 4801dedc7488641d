import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str, Text, Time, Updated } from '../shared/columns.js';
import type { Address } from '../../../bot/core/message.js';

export type TaskStatus = 'pending' | 'approved' | 'rejected' | 'transferred' | 'returned' | 'cancelled' | 'withdrawn';

/** One card copy sent for a task: its id and where it went (to update it in place later). */
export interface TaskCard { cardId: string; address: Address }

/**
 * One approver's part in one run of a step. `slot` is the approver position in the step: 转办 and escalation put
 * someone else in the same slot, and in 会签 a slot counts once, whoever in it decided.
 */
@Entity('approval_task')
export class ApprovalTask {
  @Id() id: number;
  @Ref(false) instanceId: number;
  @Ref(false) stepId: number;
  @Int({ nullable: false }) activation: number;
  @Int({ nullable: false }) slot: number;
  @Ref(false) userId: number;
  @Str(16, false) status: TaskStatus;
  @Text() comment: string | null;
  /** Who closed it (themselves, or the approver whose decision ended the step). */
  @Ref() closedById: number | null;
  @Ref() fromTaskId: number | null;
  @Str(16) via: 'transfer' | 'escalation' | null;
  @Json() cards: TaskCard[] | null;
  /** A card tap that needs words (reason, transfer target) waits for this user's next chat message. */
  @Str(16) awaiting: 'reject' | 'transfer' | 'return' | null;
  @Time() awaitingUntil: Date | null;
  @Time() decidedAt: Date | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
