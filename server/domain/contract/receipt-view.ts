// A receipt as its recorder is answered (chat receipt card, REST): the contract and customer, the amount, and each
// instalment it went onto with its state right after this receipt.
import { In } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { Contract } from './contract.entity.js';
import { Payment, type PaymentStatus } from './payment.entity.js';
import type { PaymentReceipt } from './payment-receipt.entity.js';
import { contractCustomerNames } from './contract-customer.js';
import { paymentAmountsHidden } from './payment-amounts.js';

/** How long after recording a receipt its recorder may take it back (the card says until when). */
export const RECEIPT_UNDO_WINDOW_MS = 5 * 60_000;
export const receiptUndoDeadline = (recordedAt: Date): Date => new Date(recordedAt.getTime() + RECEIPT_UNDO_WINDOW_MS);

export interface ReceiptInstalment {
  paymentId: number;
  /** The instalment's own note, e.g. "第1期（30%）". */
  note: string | null;
  plannedAt: Date | null;
  /** What this receipt put on it. */
  amountCents: number;
  /** Absent where field rules hide the instalment's amounts. */
  plannedAmountCents?: number;
  receivedAmountCents?: number;
  remainingCents?: number;
  /** Right after this receipt. */
  status: PaymentStatus;
}

export interface ReceiptView {
  id: number;
  contractId: number;
  contractTitle: string;
  customerId: number;
  /** Absent where a field rule hides the customer from the reader (contract-customer.ts). */
  customerName?: string;
  amountCents: number;
  receivedAt: Date;
  recordedById: number | null;
  recordedAt: Date;
  undoUntil: Date;
  undoneAt: Date | null;
  instalments: ReceiptInstalment[];
  /** True when this answers a repeat of a receipt already recorded (same idempotency key): nothing was written. */
  duplicate: boolean;
}

export async function receiptView(c: DomainContext, r: PaymentReceipt, duplicate = false): Promise<ReceiptView> {
  const contract = await c.tx.findOneByOrFail(Contract, { id: r.contractId });
  const ids = r.allocations.map((a) => a.paymentId);
  const payments = new Map((ids.length ? await c.tx.findBy(Payment, { id: In(ids) }) : []).map((p) => [p.id, p]));
  const hidden = await paymentAmountsHidden(c, contract.ownerId);
  const customerName = (await contractCustomerNames(c, [contract])).get(contract.id);
  return {
    id: r.id, contractId: contract.id, contractTitle: contract.title, customerId: contract.customerId, ...(customerName !== undefined ? { customerName } : {}),
    amountCents: r.amountCents, receivedAt: r.receivedAt, recordedById: r.recordedById, recordedAt: r.createdAt,
    undoUntil: receiptUndoDeadline(r.createdAt), undoneAt: r.undoneAt, duplicate,
    instalments: r.allocations.map((a) => {
      const p = payments.get(a.paymentId);
      const planned = p?.plannedAmountCents ?? 0;
      return {
        paymentId: a.paymentId, note: p?.note ?? null, plannedAt: p?.plannedAt ?? null, amountCents: a.amountCents, status: a.statusAfter,
        ...(hidden ? {} : { plannedAmountCents: planned, receivedAmountCents: a.receivedAfterCents, remainingCents: Math.max(0, planned - a.receivedAfterCents) }),
      };
    }),
  };
}
