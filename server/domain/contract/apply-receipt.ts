// Writing a receipt, shared by the two ways finance records one: against one instalment (recordPayment) and against a
// contract's open instalments, oldest first (receiveOnContract). The receipt row keeps what it did to each instalment,
// so that exactly this receipt can be taken back (undo-receipt.ts).
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { insertRow } from '../shared/insert-row.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import type { Contract } from './contract.entity.js';
import { Payment } from './payment.entity.js';
import { PaymentReceipt, type ReceiptAllocation } from './payment-receipt.entity.js';
import { PaymentCredit } from './payment-credit.entity.js';
import { paymentStatus } from './payment-status.js';

export interface ReceiptShare {
  /** The instalment, read with a row lock. */
  payment: Payment;
  amountCents: number;
}

export interface ReceiptWrite {
  receivedAt: Date;
  note?: string;
  /** Also append the note to each instalment's own note (recordPayment's long-standing behaviour). */
  noteOnPayment?: boolean;
  idempotencyKey?: string;
}

/** The receipt this actor already recorded under `key`, if any (a replayed chat message or API call). */
export async function findReceiptByKey(c: DomainContext, key: string | undefined, lock = false): Promise<PaymentReceipt | null> {
  if (!key || c.actor.userId === null) return null;
  const qb = c.tx.createQueryBuilder(PaymentReceipt, 'r').where('r.recorded_by_id = :by AND r.idempotency_key = :key', { by: c.actor.userId, key });
  if (lock && c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  return qb.getOne();
}

/**
 * Writes the receipt row first (a twin with the same key stops at the unique index and gets the first receipt back,
 * having written nothing), then each instalment: received total, receivedAt, status, an audit row `receive`, an event
 * `payment.received`, and a credit (payment_credit: this share, on the receipt's day, for the instalment's owner) with
 * its event `payment_credit.created` (the payments leaderboard adds it). Returns the receipt and whether it was a replay.
 */
export async function applyReceipt(c: DomainContext, contract: Contract, shares: ReceiptShare[], w: ReceiptWrite): Promise<{ receipt: PaymentReceipt; duplicate: boolean }> {
  const allocations: ReceiptAllocation[] = shares.map(({ payment: p, amountCents }) => {
    const received = p.receivedAmountCents + amountCents;
    return {
      paymentId: p.id, amountCents, previousReceivedAt: p.receivedAt ? p.receivedAt.toISOString() : null,
      receivedAfterCents: received, statusAfter: paymentStatus(p.plannedAmountCents, received),
    };
  });
  const row: Partial<PaymentReceipt> = {
    contractId: contract.id, amountCents: shares.reduce((s, x) => s + x.amountCents, 0), receivedAt: w.receivedAt, allocations,
    note: w.note ?? null, recordedById: c.actor.userId, channel: c.actor.channel, idempotencyKey: w.idempotencyKey ?? null, undoneAt: null, createdAt: c.now,
  };
  let id: number;
  try {
    id = await insertRow(c.tx, PaymentReceipt, row);
  } catch (e) {
    const first = isUniqueViolation(e) ? await findReceiptByKey(c, w.idempotencyKey, true) : null;
    if (!first) throw e;
    return { receipt: first, duplicate: true };
  }
  const receipt = Object.assign(new PaymentReceipt(), row, { id });
  await audit(c, 'create', 'payment_receipt', id, null, { contractId: contract.id, amountCents: receipt.amountCents, receivedAt: w.receivedAt, paymentIds: allocations.map((a) => a.paymentId) });
  for (const [i, { payment: p }] of shares.entries()) {
    const a = allocations[i];
    const changes: Partial<Payment> = {
      receivedAmountCents: a.receivedAfterCents, receivedAt: w.receivedAt, status: a.statusAfter, updatedAt: c.now,
      ...(w.note && w.noteOnPayment ? { note: p.note ? `${p.note}\n${w.note}` : w.note } : {}),
    };
    const before = { receivedAmountCents: p.receivedAmountCents, receivedAt: p.receivedAt, status: p.status, note: p.note };
    await c.tx.update(Payment, { id: p.id }, changes as never);
    const after: Partial<Payment> = { ...changes };
    delete after.updatedAt;
    await audit(c, 'receive', 'payment', p.id, before, after);
    c.emit({ type: 'payment.received', entity: 'payment', id: p.id, data: { contractId: contract.id, ownerId: contract.ownerId, amountCents: a.amountCents, receiptId: id, before } });
    if (a.amountCents > 0) {
      const credit: Partial<PaymentCredit> = { receiptId: id, paymentId: p.id, ownerId: p.ownerId, receivedAt: w.receivedAt, amountCents: a.amountCents, undoneAt: null, createdAt: c.now };
      const creditId = await insertRow(c.tx, PaymentCredit, credit);
      c.emit({ type: 'payment_credit.created', entity: 'payment_credit', id: creditId, data: { row: { ...credit, id: creditId } } });
    }
    Object.assign(p, changes);
  }
  return { receipt, duplicate: false };
}
