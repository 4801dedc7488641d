// 回款 beyond the payment resource: receipts on a contract, the open instalments, the month's summary.
import { z } from 'zod';
import { cents, isoTime, pageQuery, requiredText, text } from './common.js';

export const ReceiveOnContract = z.strictObject({
  amountCents: cents,
  receivedAt: isoTime.optional(),
  note: text(1000).optional(),
  idempotencyKey: requiredText(64).optional(),
});

export const OutstandingQuery = z.object({
  overdue: z.enum(['true', 'false']).optional(),
  ...pageQuery(),
});

export const SummaryQuery = z.object({ offset: z.enum(['0', '-1']).optional() });

const at = z.iso.datetime();
const money = cents.optional().describe('absent where field rules hide the amount from the reader');

/** A receipt as POST /contracts/:id/receive and POST /payment-receipts/:id/undo answer it. */
export const ReceiptRecord = z.object({
  id: z.number().int(),
  contractId: z.number().int(),
  contractTitle: z.string(),
  customerId: z.number().int(),
  customerName: z.string().optional(),
  amountCents: cents,
  receivedAt: at,
  recordedById: z.number().int().nullable(),
  recordedAt: at,
  undoUntil: at.describe('its recorder may take it back until then (POST /payment-receipts/:id/undo)'),
  undoneAt: at.nullable(),
  duplicate: z.boolean().describe('true when this repeats a receipt already recorded under the same idempotency key: nothing was written'),
  instalments: z.array(z.object({
    paymentId: z.number().int(), note: z.string().nullable(), plannedAt: at.nullable(), amountCents: cents.describe('what this receipt put on it'),
    plannedAmountCents: money, receivedAmountCents: money, remainingCents: money, status: z.enum(['planned', 'partial', 'received']).describe('right after this receipt'),
  })),
});
