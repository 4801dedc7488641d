import { Column, Entity } from 'typeorm';
import { Created, Id, Json, Ref, Str, Text, Time } from '../shared/columns.js';

export type ActivityType = 'call' | 'visit' | 'wechat' | 'meeting' | 'email' | 'other';
export const ACTIVITY_TYPES: ActivityType[] = ['call', 'visit', 'wechat', 'meeting', 'email', 'other'];
/** Did the rep get through: 'failed' is no answer, switched off, busy, refused, not interested. */
export type ActivityOutcome = 'reached' | 'failed';
export const ACTIVITY_OUTCOMES: ActivityOutcome[] = ['reached', 'failed'];
export type Channel = 'api' | 'bot' | 'card' | 'miniapp' | 'system';

/** 跟进记录 (a follow-up). The UI says 跟进; code says Activity. */
@Entity('activity')
export class Activity {
  @Id() id: number;
  @Str(16, false) type: ActivityType;
  @Text(false) content: string;
  @Time(false) occurredAt: Date;
  @Ref() customerId: number | null;
  @Ref() leadId: number | null;
  @Ref() opportunityId: number | null;
  @Ref(false) authorId: number;
  /** Counts toward the customer's (or lead's) failedFollowUps streak when 'failed' (see logFollowUp). */
  @Column({ type: 'varchar', length: 16, nullable: false, default: 'reached' }) outcome: ActivityOutcome;
  @Str(16, false) channel: Channel;
  @Text() nextStep: string | null;
  @Ref() taskId: number | null;
  /** Client-chosen key (offline drafts, retried chat turns): one follow-up per key per author. */
  @Str(64) idempotencyKey: string | null;
  @Json() custom: Record<string, unknown> | null;
  @Created() createdAt: Date;
}
