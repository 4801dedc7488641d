import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Ref, Str, Text, Time, Updated } from '../shared/columns.js';

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'converted' | 'invalid';

/** 线索. ownerId null means the lead sits in the pool (线索池). */
@Entity('lead')
export class Lead {
  @Id() id: number;
  @Str(128, false) company: string;
  @Str(128, false) normalizedCompany: string;
  @Str(64) contactName: string | null;
  @Str(32) phone: string | null;
  @Str(128) email: string | null;
  @Str(64) region: string | null;
  @Str(32) source: string | null;
  @Str(16, false) status: LeadStatus;
  @Text() note: string | null;
  @Ref() ownerId: number | null;
  @Time() assignedAt: Date | null;
  /** The assignment rule that chose the owner (null for manual assignment and claims). */
  @Str(64) assignRuleId: string | null;
  @Time() firstContactAt: Date | null;
  /** Follow-ups that did not reach anyone in a row; a lead pool-return rule reads it (as the customer's). */
  @Int({ nullable: false, default: 0 }) failedFollowUps: number;
  @Time() poolEnteredAt: Date | null;
  @Text() poolReason: string | null;
  @Ref() convertedCustomerId: number | null;
  @Json() custom: Record<string, unknown> | null;
  @Ref() createdById: number | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
