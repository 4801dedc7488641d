import { z } from 'zod';
import { cents, isoTime, level, ref, requiredText, text } from './common.js';

export const ConvertLead = z.strictObject({
  customerId: ref.optional(),
  customer: z.strictObject({ name: requiredText(128).optional(), level: level.optional(), industry: text(64).optional() }).optional(),
  opportunity: z.strictObject({ name: requiredText(128), amountCents: cents.optional(), expectedCloseAt: isoTime.optional() }).optional(),
});
