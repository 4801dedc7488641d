import { z } from 'zod';
import { cents, customValues, isoTime, ref, requiredText, text } from './common.js';

export const ContractCreate = z.strictObject({
  customerId: ref,
  opportunityId: ref.optional(),
  title: requiredText(128),
  number: text(64).optional(),
  amountCents: cents,
  signedAt: isoTime.optional(),
  startAt: isoTime.optional(),
  endAt: isoTime.optional(),
  ownerId: ref.optional(),
  custom: customValues,
});

export const ContractUpdate = z.strictObject({
  title: requiredText(128).optional(),
  number: text(64).nullable().optional(),
  amountCents: cents.optional(),
  signedAt: isoTime.nullable().optional(),
  startAt: isoTime.nullable().optional(),
  endAt: isoTime.nullable().optional(),
  custom: customValues,
});

const at = z.iso.datetime();

/**
 * A contract as the API answers it (list, get, and what create, update, submit and withdraw return). A field a field
 * rule hides from the reader is absent, not null.
 */
export const ContractRecord = z.object({
  id: ref,
  number: z.string().nullable(),
  title: z.string(),
  customerId: ref,
  customerName: z.string().describe('the customer\'s name, for every reader of the contract, also one who may not open the customer itself (finance; a customer since moved to another rep); absent when a field rule hides the contract\'s customerId or the customer\'s name from the reader'),
  opportunityId: ref.nullable(),
  amountCents: cents,
  signedAt: at.nullable(),
  startAt: at.nullable(),
  endAt: at.nullable(),
  status: z.enum(['draft', 'pending', 'approved', 'rejected', 'withdrawn']),
  ownerId: ref.nullable(),
  submittedAt: at.nullable(),
  decidedAt: at.nullable(),
  approvalId: ref.nullable().describe('the approval started by the latest submit'),
  custom: z.record(z.string(), z.unknown()),
  createdAt: at,
  updatedAt: at,
}).partial().required({ id: true });

export const PaymentCreate = z.strictObject({
  contractId: ref,
  plannedAmountCents: cents,
  plannedAt: isoTime.optional(),
  note: text(1000).optional(),
});

export const PaymentUpdate = z.strictObject({
  plannedAmountCents: cents.optional(),
  plannedAt: isoTime.nullable().optional(),
  note: text(1000).nullable().optional(),
});

export const ReceivePayment = z.strictObject({
  amountCents: cents,
  receivedAt: isoTime.optional(),
  note: text(1000).optional(),
});
