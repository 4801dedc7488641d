import { Entity } from 'typeorm';
import { Created, Id, Int, Json, Money, Ref, Str, Text, Time, Updated } from '../shared/columns.js';

export type OpportunityStatus = 'open' | 'won' | 'lost';

/** 商机: an amount moving through the configured stages. */
@Entity('opportunity')
export class Opportunity {
  @Id() id: number;
  @Ref(false) customerId: number;
  @Str(128, false) name: string;
  @Money(false) amountCents: number;
  @Str(32, false) stage: string;
  @Str(8, false) status: OpportunityStatus;
  @Text() lostReason: string | null;
  @Time() expectedCloseAt: Date | null;
  /** Win probability in percent, from the stage unless overridden. */
  @Int({ nullable: false, default: 0 }) probability: number;
  @Ref() ownerId: number | null;
  @Time() stageChangedAt: Date | null;
  @Time() closedAt: Date | null;
  @Json() custom: Record<string, unknown> | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
