import { Entity } from 'typeorm';
import { Created, Id, Money, Ref, Time } from '../shared/columns.js';

/**
 * 回款入账: one sum of money arriving on one instalment — one row per allocation of a receipt (apply-receipt.ts), or,
 * for money recorded before receipts were kept, one row for the rest at the instalment's receivedAt. The payments
 * leaderboard and the month's figures count each credit on the day it arrived, for the instalment's owner (kept in
 * step when the instalment changes hands); an undone receipt stamps its credits undoneAt, and they stop counting.
 */
@Entity('payment_credit')
export class PaymentCredit {
  @Id() id: number;
  /** The receipt this credit is a share of; null for a back-filled credit (money recorded before receipts). */
  @Ref() receiptId: number | null;
  @Ref(false) paymentId: number;
  /** The instalment's owner (payment.owner_id), moved with it. */
  @Ref() ownerId: number | null;
  /** The receipt's day of arrival. */
  @Time(false) receivedAt: Date;
  @Money(false) amountCents: number;
  @Time() undoneAt: Date | null;
  @Created() createdAt: Date;
}
