import { Entity } from 'typeorm';
import { Created, Id, Ref, Str, Text } from '../shared/columns.js';

export type ApprovalEventType = 'submit' | 'approve' | 'reject' | 'transfer' | 'return' | 'withdraw' | 'remind' | 'escalate' | 'override' | 'complete';

/** The history shown in the mini-program: who did what to which step, from which channel. */
@Entity('approval_event')
export class ApprovalEvent {
  @Id() id: number;
  @Ref(false) instanceId: number;
  @Ref() stepId: number | null;
  @Ref() actorId: number | null;
  @Str(16, false) type: ApprovalEventType;
  @Str(16, false) channel: string;
  @Text() comment: string | null;
  @Ref() toUserId: number | null;
  @Created() createdAt: Date;
}
