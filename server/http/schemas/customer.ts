import { z } from 'zod';
import { customValues, level, pageQuery, ref, requiredText, text } from './common.js';

export const CustomerCreate = z.strictObject({
  name: requiredText(128),
  aliases: text(255).optional(),
  level: level.optional(),
  industry: text(64).optional(),
  region: text(64).optional(),
  address: text(255).optional(),
  source: text(32).optional(),
  /** Managers and admins may create for someone else; null puts the customer straight into the pool. */
  ownerId: ref.nullable().optional(),
  custom: customValues,
});

export const CustomerUpdate = CustomerCreate.omit({ ownerId: true }).partial();

/** GET /customers/stale: one owner's (the reader or someone they may see), a page at a time. */
export const CustomerStaleQuery = z.object({
  ownerId: z.coerce.number().int().positive().optional(),
  ...pageQuery(),
});
