// 登记回款: finance records money that arrived against a planned instalment.
import type { DomainContext } from '../shared/with-tx.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { seesAllMoney } from '../shared/permissions.js';
import { Contract } from './contract.entity.js';
import { paymentObject } from './payment.object.js';
import { applyReceipt } from './apply-receipt.js';

export interface RecordPaymentInput { amountCents: number; receivedAt?: Date; note?: string }

/**
 * Record a receipt of `amountCents` against a payment (receipts add up; the status follows: planned → partial →
 * received). Who: finance and admins (others 403; 404 if they cannot see it). The contract must be approved.
 * Writes: a payment_receipt row (what undo-receipt.ts takes back), receivedAmountCents, receivedAt, status, the note
 * appended, audit `receive`, event `payment.received`, a payment_credit on the receipt's day. Not idempotent by itself: each call is a new receipt (the row
 * lock keeps concurrent receipts from losing one another).
 */
export async function recordPayment(c: DomainContext, id: number, input: RecordPaymentInput): Promise<Record<string, unknown>> {
  const row = await findVisible(c, paymentObject, id, true);
  if (!seesAllMoney(c)) throw forbidden('payment.receive');
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw invalid('validation.positive', 'amountCents');
  const receivedAt = input.receivedAt ?? c.now;
  if (receivedAt.getTime() > c.now.getTime()) throw invalid('payment.received_in_future', 'receivedAt');
  const contract = await c.tx.findOneByOrFail(Contract, { id: row.contractId });
  if (contract.status !== 'approved') throw conflict('payment.contract_not_approved');
  await applyReceipt(c, contract, [{ payment: row, amountCents: input.amountCents }], { receivedAt, note: input.note, noteOnPayment: true });
  return present(c, paymentObject, row);
}
