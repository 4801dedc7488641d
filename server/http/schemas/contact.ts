import { z } from 'zod';
import { customValues, email, phone, ref, requiredText, text } from './common.js';

export const ContactCreate = z.strictObject({
  customerId: ref,
  name: requiredText(64),
  title: text(64).optional(),
  phone: phone.optional(),
  email: email.optional(),
  wechat: text(64).optional(),
  isPrimary: z.boolean().optional(),
  custom: customValues,
});

export const ContactUpdate = ContactCreate.omit({ customerId: true }).partial();
