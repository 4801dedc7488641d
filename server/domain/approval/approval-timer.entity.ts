import { Entity } from 'typeorm';
import { Id, Int, Ref, Str, Time } from '../shared/columns.js';

/** A due row for a step's timeout (reminder, then escalation); picked by claimDue with row locks. */
@Entity('approval_timer')
export class ApprovalTimer {
  @Id() id: number;
  @Ref(false) stepId: number;
  @Int({ nullable: false }) activation: number;
  @Str(16, false) kind: 'remind' | 'escalate';
  /** pending → claimed (lease in dueAt) → done. */
  @Str(16, false) status: string;
  @Time() dueAt: Date | null;
}
