import { Entity } from 'typeorm';
import { Created, Id, Money, Ref, Str, Text, Time, Updated } from '../shared/columns.js';

export type PaymentStatus = 'planned' | 'partial' | 'received';

/** 回款: a planned instalment against a contract and what was actually received. */
@Entity('payment')
export class Payment {
  @Id() id: number;
  @Ref(false) contractId: number;
  @Money(false) plannedAmountCents: number;
  @Time() plannedAt: Date | null;
  @Money(false) receivedAmountCents: number;
  @Time() receivedAt: Date | null;
  @Str(16, false) status: PaymentStatus;
  @Text() note: string | null;
  @Ref() ownerId: number | null;
  @Created() createdAt: Date;
  @Updated() updatedAt: Date;
}
