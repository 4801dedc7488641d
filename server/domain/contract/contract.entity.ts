import { Entity } from 'typeorm';
import { Created, Id, Json, Money, Ref, Str, Time, Updated } from '../shared/columns.js';

export type ContractStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** 合同: needs approval (draft → pending → approved / rejected / withdrawn). */
@Entity('contract')
export class Contract {
  @Id() id: number;
  @Str(64) number: string | null;
  @Str(128, false) title: string;
  @Ref(false) customerId: number;
  @Ref() opportunityId: number | null;
  @Money(false) amountCents: number;
  @Time() signedAt: Date | null;
  @Time() startAt: Date | null;
  @Time() endAt: Date | null;
  @Str(16, false) status: ContractStatus;
  @Ref() ownerId: number | null;
  @Time() submittedAt: Date | null;
  @Time() decidedAt: Date | null;
  @Ref() approvalId: number | null;
  @Json() custom: Record<string, unknown> | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
