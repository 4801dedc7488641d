import { z } from 'zod';
import { cents, customValues, isoTime, ref, requiredText, text } from './common.js';

export const OpportunityCreate = z.strictObject({
  customerId: ref,
  name: requiredText(128),
  amountCents: cents.optional(),
  expectedCloseAt: isoTime.optional(),
  /** A configured stage key; the first configured stage when omitted. */
  stage: text(32).optional(),
  probability: z.number().int().min(0).max(100).optional(),
  ownerId: ref.optional(),
  custom: customValues,
});

export const OpportunityUpdate = z.strictObject({
  name: requiredText(128).optional(),
  amountCents: cents.optional(),
  expectedCloseAt: isoTime.nullable().optional(),
  probability: z.number().int().min(0).max(100).optional(),
  custom: customValues,
});

export const MoveStage = z.strictObject({
  stage: requiredText(32),
  lostReason: text(500).optional(),
});
