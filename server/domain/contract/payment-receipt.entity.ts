import { Entity } from 'typeorm';
import { Created, Id, Json, Money, Ref, Str, Text, Time } from '../shared/columns.js';
import type { Channel } from '../activity/activity.entity.js';
import type { PaymentStatus } from './payment.entity.js';

/** What one receipt did to one instalment: enough to take exactly that back (undo-receipt.ts). */
export interface ReceiptAllocation {
  paymentId: number;
  amountCents: number;
  /** The instalment's receivedAt before this receipt (ISO), put back on undo unless a later receipt set it since. */
  previousReceivedAt: string | null;
  /** The instalment after this receipt. */
  receivedAfterCents: number;
  statusAfter: PaymentStatus;
}

/**
 * 到账记录: one sum of money received against a contract, as finance recorded it, and how it went onto the contract's
 * instalments (payment rows keep only the running total). Undone receipts stay, stamped with undoneAt.
 */
@Entity('payment_receipt')
export class PaymentReceipt {
  @Id() id: number;
  @Ref(false) contractId: number;
  @Money(false) amountCents: number;
  @Time(false) receivedAt: Date;
  @Json() allocations: ReceiptAllocation[];
  @Text() note: string | null;
  @Ref() recordedById: number | null;
  @Str(16, false) channel: Channel;
  /** One chat message (or API call) is one receipt, however often it is delivered: unique per recorder. */
  @Str(64) idempotencyKey: string | null;
  @Time() undoneAt: Date | null;
  @Created() createdAt: Date;
}
