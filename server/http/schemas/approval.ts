// Inputs of the approval routes (the same schemas feed /api/v1/openapi.json).
import { z } from 'zod';
import { ref, text } from './common.js';

export const ApprovalListQuery = z.object({
  status: z.enum(['pending', 'done']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const ApprovalDecide = z.strictObject({
  action: z.enum(['approve', 'reject', 'transfer', 'return']),
  comment: text(1000).optional(),
  /** 转办 target. */
  toUserId: ref.optional(),
  /** 退回: 0 or absent = the submitter; n = step n (1-based), before the current one. */
  toStep: z.number().int().min(0).max(20).optional(),
});

export const ApprovalDefinitionsPut = z.union([
  z.strictObject({ shipped: z.string().min(1).max(64) }),
  z.strictObject({ definition: z.record(z.string(), z.unknown()) }),
]);
