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
