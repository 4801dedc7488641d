import { z } from 'zod';
import { customValues, email, phone, ref, requiredText, text } from './common.js';

export const LeadCreate = z.strictObject({
  company: requiredText(128),
  contactName: text(64).optional(),
  phone: phone.optional(),
  email: email.optional(),
  region: text(64).optional(),
  source: text(32).optional(),
  note: text(2000).optional(),
  ownerId: ref.nullable().optional(),
  custom: customValues,
});

export const LeadUpdate = LeadCreate.omit({ ownerId: true }).extend({
  status: z.enum(['new', 'contacted', 'qualified', 'invalid']).optional(),
}).partial();
