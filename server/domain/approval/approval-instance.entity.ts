import { Entity } from 'typeorm';
import { Created, Id, Int, Ref, Str, Time, Updated } from '../shared/columns.js';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn';

/** 审批实例: one submission of a contract going through its steps. A resubmission after 退回 is a new round (new row). */
@Entity('approval_instance')
export class ApprovalInstance {
  @Id() id: number;
  @Str(32, false) subjectType: 'contract';
  @Ref(false) subjectId: number;
  /** The rule set version it started with, and the rule that matched. */
  @Int({ nullable: false }) definitionVersion: number;
  @Str(64, false) ruleId: string;
  @Int({ nullable: false, default: 1 }) round: number;
  @Str(16, false) status: ApprovalStatus;
  @Ref(false) submitterId: number;
  /** Index (0-based) of the step in progress. */
  @Int({ nullable: false, default: 0 }) currentStep: number;
  @Int({ nullable: false }) stepCount: number;
  /** Bumped by every change; carried by card buttons so stale taps can be told apart. */
  @Int({ nullable: false, default: 0 }) version: number;
  @Time() decidedAt: Date | null;
  @Ref() decidedById: number | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
