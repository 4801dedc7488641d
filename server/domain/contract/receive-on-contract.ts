// 回款到账: money that arrived from a customer, recorded against the open instalments of one of its approved contracts
// ("华为回款50万到账了" in chat, POST /contracts/:id/receive).
import type { DomainContext } from '../shared/with-tx.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { findVisible } from '../shared/records.js';
import { seesAllMoney } from '../shared/permissions.js';
import { contractObject } from './contract.object.js';
import { Payment } from './payment.entity.js';
import { applyReceipt, findReceiptByKey, type ReceiptShare } from './apply-receipt.js';
import { receiptView, type ReceiptView } from './receipt-view.js';
import { yuan } from './payment-amounts.js';

export interface ReceiveOnContractInput {
  amountCents: number;
  receivedAt?: Date;
  note?: string;
  /** One chat message (or API call) is one receipt: a repeat returns the first receipt and writes nothing. */
  idempotencyKey?: string;
}

/**
 * Record `amountCents` received against the contract's open instalments, the oldest planned first (undated ones
 * last). Who: finance and admins (others 403; 404 when they cannot see the contract). The contract must be approved
 * (409 payment.contract_not_approved) and have an instalment not yet received in full (409 payment.nothing_outstanding).
 *
 * More than the oldest instalment's remainder goes on to the next ones of the same contract: a transfer often settles
 * one instalment and starts (or settles) the next, and finance would split it the same way by hand. More than all the
 * contract's open instalments together is refused (409 payment.exceeds_outstanding, with what is open): money beyond
 * the plan is an overpayment, a wrong contract or a missing instalment, which a person must look at (plan the
 * instalment in the app, or record it against the right contract) rather than the bot guess.
 *
 * Writes: one payment_receipt row (undo-receipt.ts takes exactly it back) and, per instalment, receivedAmountCents,
 * receivedAt, status, audit `receive`, event `payment.received`, and a payment_credit on the receipt's day (the payments
 * leaderboard adds it). Idempotent per (recorder, idempotencyKey).
 */
export async function receiveOnContract(c: DomainContext, contractId: number, input: ReceiveOnContractInput): Promise<ReceiptView> {
  const contract = await findVisible(c, contractObject, contractId, true);
  if (!seesAllMoney(c)) throw forbidden('payment.receive');
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw invalid('validation.positive', 'amountCents');
  const receivedAt = input.receivedAt ?? c.now;
  if (receivedAt.getTime() > c.now.getTime()) throw invalid('payment.received_in_future', 'receivedAt');
  const replay = await findReceiptByKey(c, input.idempotencyKey);
  if (replay) return receiptView(c, replay, true);
  if (contract.status !== 'approved') throw conflict('payment.contract_not_approved');

  const qb = c.tx.createQueryBuilder(Payment, 'p').where('p.contract_id = :id AND p.received_amount_cents < p.planned_amount_cents', { id: contract.id })
    .orderBy('CASE WHEN p.planned_at IS NULL THEN 1 ELSE 0 END', 'ASC').addOrderBy('p.planned_at', 'ASC').addOrderBy('p.id', 'ASC');
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const open = await qb.getMany();
  if (!open.length) throw conflict('payment.nothing_outstanding', { contract: contract.title });
  const outstanding = open.reduce((s, p) => s + p.plannedAmountCents - p.receivedAmountCents, 0);
  if (input.amountCents > outstanding) {
    throw conflict('payment.exceeds_outstanding', { contract: contract.title, outstandingCents: outstanding, outstanding: yuan(outstanding), amount: yuan(input.amountCents) });
  }
  const shares: ReceiptShare[] = [];
  let left = input.amountCents;
  for (const p of open) {
    if (!left) break;
    const take = Math.min(left, p.plannedAmountCents - p.receivedAmountCents);
    shares.push({ payment: p, amountCents: take });
    left -= take;
  }
  const { receipt, duplicate } = await applyReceipt(c, contract, shares, { receivedAt, note: input.note, idempotencyKey: input.idempotencyKey });
  return receiptView(c, receipt, duplicate);
}
