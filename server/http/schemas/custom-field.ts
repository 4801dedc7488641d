// Custom field definitions as admins send them.
import { z } from 'zod';
import { CUSTOM_FIELD_OBJECTS, CUSTOM_FIELD_TYPES } from '../../domain/custom-field/custom-field-rules.js';

const label = z.strictObject({ 'zh-CN': z.string().trim().min(1).max(64), 'en-US': z.string().trim().min(1).max(64).optional() });
const option = z.strictObject({
  value: z.string().trim().min(1).max(64),
  label: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(64), 'en-US': z.string().trim().min(1).max(64).optional() }),
});
const validation = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
  pattern: z.string().max(200).optional(),
}).nullable();

export const CustomFieldCreate = z.strictObject({
  object: z.enum(CUSTOM_FIELD_OBJECTS),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'validation.key' }),
  label,
  type: z.enum(CUSTOM_FIELD_TYPES as [string, ...string[]]) as unknown as z.ZodType<(typeof CUSTOM_FIELD_TYPES)[number]>,
  options: z.array(option).max(200).nullable().optional(),
  required: z.boolean().optional(),
  validation: validation.optional(),
  position: z.number().int().min(0).max(10000).optional(),
});

export const CustomFieldUpdate = CustomFieldCreate.omit({ object: true, key: true }).partial().extend({ active: z.boolean().optional() });
