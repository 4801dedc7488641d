import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str, Time, Updated } from '../shared/columns.js';
import type { StepSpec } from '../../rules/approval-routing.js';

export type StepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';

/** One step of an instance, with the spec it was planned from (the instance never re-reads the rule set). */
@Entity('approval_step')
export class ApprovalStep {
  @Id() id: number;
  @Ref(false) instanceId: number;
  @Int({ nullable: false }) idx: number;
  @Str(64, false) name: string;
  @Str(8, false) mode: 'all' | 'any';
  @Json() spec: StepSpec;
  @Str(16, false) status: StepStatus;
  /** Counts (re)starts (退回 to this step starts it again), so timers of an earlier run are ignored. */
  @Int({ nullable: false, default: 0 }) activation: number;
  @Time() startedAt: Date | null;
  @Time() dueAt: Date | null;
  @Time() decidedAt: Date | null;
  @Ref() decidedById: number | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
