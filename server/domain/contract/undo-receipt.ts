// 撤销 on a receipt card: takes one receipt back exactly — each instalment it went onto loses that amount, gets back
// the receivedAt it had (unless a later receipt on it set one since) and the status that follows.
import { IsNull } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden, notFound } from '../shared/domain-error.js';
import { findVisible } from '../shared/records.js';
import { contractObject } from './contract.object.js';
import { Contract } from './contract.entity.js';
import { Payment } from './payment.entity.js';
import { PaymentReceipt } from './payment-receipt.entity.js';
import { PaymentCredit } from './payment-credit.entity.js';
import { paymentStatus } from './payment-status.js';
import { receiptUndoDeadline, receiptView, type ReceiptView } from './receipt-view.js';

export interface UndoReceiptResult {
  /** False when it was undone already (a second tap, a retried callback): nothing was written. */
  undone: boolean;
  receipt: ReceiptView;
}

const lockOne = async <T extends object>(c: DomainContext, entity: new () => T, id: number): Promise<T | null> => {
  const qb = c.tx.createQueryBuilder(entity, 'r').where('r.id = :id', { id });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  return qb.getOne();
};

/**
 * Who: the receipt's recorder only (404 when they cannot see its contract any more, 403 for anyone else). When: until
 * five minutes after it was recorded (409 payment.undo_expired after). Writes, per instalment: receivedAmountCents
 * less this receipt's share, receivedAt as before it (kept when a later receipt on the instalment is still in force),
 * status, audit `undo_receive`, event `payment.updated` with the row before; the receipt's credits stamped undoneAt,
 * each with an event `payment_credit.updated` (the payments leaderboard takes it off the day it was counted on, for
 * whoever it counts for now); the receipt stamped undoneAt, audit `undo`. A note recordPayment appended to an
 * instalment stays (it is history, and the audit says it was taken back). Idempotent: a second undo finds it undone and writes nothing.
 */
export async function undoReceipt(c: DomainContext, receiptId: number): Promise<UndoReceiptResult> {
  if (c.actor.userId === null) throw forbidden('payment.undo');
  const seen = Number.isInteger(receiptId) && receiptId > 0 ? await c.tx.findOneBy(PaymentReceipt, { id: receiptId }) : null;
  if (!seen) throw notFound('payment_receipt');
  await findVisible(c, contractObject, seen.contractId);
  if (seen.recordedById !== c.actor.userId) throw forbidden('payment.undo');
  // The contract first, as recording one locks it; a twin undo waits here and then finds the receipt undone.
  await lockOne(c, Contract, seen.contractId);
  const receipt = (await lockOne(c, PaymentReceipt, receiptId))!;
  if (receipt.undoneAt) return { undone: false, receipt: await receiptView(c, receipt) };
  if (c.now.getTime() > receiptUndoDeadline(receipt.createdAt).getTime()) throw conflict('payment.undo_expired');

  // Receipts on the same instalments recorded after this one and still in force (oldest first) set receivedAt since.
  const later = await c.tx.createQueryBuilder(PaymentReceipt, 'r')
    .where('r.contract_id = :k AND r.id > :id AND r.undone_at IS NULL', { k: receipt.contractId, id: receipt.id }).orderBy('r.id', 'ASC').getMany();
  for (const a of receipt.allocations) {
    const p = await lockOne(c, Payment, a.paymentId);
    if (!p) continue;
    const received = Math.max(0, p.receivedAmountCents - a.amountCents);
    const next = later.find((r) => r.allocations.some((x) => x.paymentId === p.id));
    let receivedAt: Date | null = a.previousReceivedAt ? new Date(a.previousReceivedAt) : null;
    if (next) {
      // The instalment keeps the later receipt's date, and that receipt, if taken back in turn, goes back to the date
      // before this one (this one is gone from the chain).
      receivedAt = p.receivedAt;
      const allocations = next.allocations.map((x) => (x.paymentId === p.id ? { ...x, previousReceivedAt: a.previousReceivedAt } : x));
      await c.tx.update(PaymentReceipt, { id: next.id }, { allocations } as never);
      next.allocations = allocations;
    }
    const changes: Partial<Payment> = { receivedAmountCents: received, receivedAt, status: paymentStatus(p.plannedAmountCents, received), updatedAt: c.now };
    const before = { ownerId: p.ownerId, receivedAmountCents: p.receivedAmountCents, receivedAt: p.receivedAt, status: p.status };
    await c.tx.update(Payment, { id: p.id }, changes as never);
    await audit(c, 'undo_receive', 'payment', p.id, before, { ownerId: p.ownerId, receivedAmountCents: received, receivedAt, status: changes.status });
    c.emit({ type: 'payment.updated', entity: 'payment', id: p.id, data: { contractId: receipt.contractId, ownerId: p.ownerId, receiptId: receipt.id, before } });
  }
  const credits = await c.tx.find(PaymentCredit, { where: { receiptId: receipt.id } });
  const standing = credits.filter((x) => !x.undoneAt);
  if (standing.length) await c.tx.update(PaymentCredit, { receiptId: receipt.id, undoneAt: IsNull() }, { undoneAt: c.now });
  for (const cr of standing) {
    c.emit({ type: 'payment_credit.updated', entity: 'payment_credit', id: cr.id, data: { before: { ...cr } } });
  }
  await c.tx.update(PaymentReceipt, { id: receipt.id }, { undoneAt: c.now });
  receipt.undoneAt = c.now;
  await audit(c, 'undo', 'payment_receipt', receipt.id, { undoneAt: null }, { undoneAt: c.now });
  return { undone: true, receipt: await receiptView(c, receipt) };
}
