// One zod schema per setting: the settings API validates with them and the OpenAPI document shows them.
import { z } from 'zod';
import { ROLES } from '../user/user.entity.js';
import type { SettingsShape } from './settings.js';
import { reminderSettingsInput } from '../reminder/reminder-settings.js';

/** Objects a company can rename, attach custom fields to, or write field rules for. */
export const OBJECTS = ['customer', 'contact', 'lead', 'opportunity', 'activity', 'task', 'contract', 'payment'] as const;
export type ObjectName = (typeof OBJECTS)[number];

const localized = (max: number) => z.strictObject({ 'zh-CN': z.string().trim().min(1).max(max).optional(), 'en-US': z.string().trim().min(1).max(max).optional() });

const isTimeZone = (tz: string) => {
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; }
};

export const StageSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: 'validation.key' }),
  label: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(32), 'en-US': z.string().trim().min(1).max(32) }),
  probability: z.number().int().min(0).max(100),
  requiredFields: z.array(z.string().max(64)).max(20).optional(),
});

export const FieldRuleSchema = z.strictObject({
  object: z.enum(OBJECTS),
  /** A field's API name, or `custom.<key>` for a custom field. */
  field: z.string().regex(/^(custom\.)?[a-z][A-Za-z0-9_]{0,63}$/, { error: 'validation.format' }),
  hiddenFor: z.array(z.enum(ROLES)).min(1),
  exceptWhen: z.enum(['owner', 'team']).optional(),
});

const RuleSetSchema = z.object({
  set: z.string().max(64).optional(),
  version: z.number().int().min(0).optional(),
  subject: z.string().max(32).optional(),
  description: z.string().max(2000).optional(),
  rules: z.array(z.record(z.string(), z.unknown())).max(500),
});

/** A pool-return rule set also says how many hours before the return the owner is warned (at most 30 days). */
const PoolReturnSchema = RuleSetSchema.extend({ warnHoursBefore: z.number().int().min(1).max(24 * 30).optional() });

export const SETTING_SCHEMAS: { [K in keyof SettingsShape]: z.ZodType<SettingsShape[K]> } = {
  stages: z.array(StageSchema).min(1).max(20)
    .refine((s) => new Set(s.map((x) => x.key)).size === s.length, { error: 'validation.duplicate' })
    .refine((s) => !s.some((x) => x.key === 'won' || x.key === 'lost'), { error: 'validation.reserved' }),
  'pool.claimLimit': z.strictObject({ customer: z.number().int().min(0).max(100000), lead: z.number().int().min(0).max(100000) }),
  'pool.visibility': z.enum(['all', 'team']),
  fieldRules: z.array(FieldRuleSchema).max(200),
  objectLabels: z.partialRecord(z.enum(OBJECTS), localized(32)) as unknown as z.ZodType<SettingsShape['objectLabels']>,
  timeZone: z.string().refine(isTimeZone, { error: 'validation.time_zone' }),
  workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).refine((d) => new Set(d).size === d.length, { error: 'validation.duplicate' }),
  leadAssignment: RuleSetSchema.nullable() as unknown as z.ZodType<SettingsShape['leadAssignment']>,
  reminders: reminderSettingsInput,
  followUpCadence: RuleSetSchema.nullable() as unknown as z.ZodType<SettingsShape['followUpCadence']>,
  poolReturn: PoolReturnSchema.nullable() as unknown as z.ZodType<SettingsShape['poolReturn']>,
  leadPoolReturn: PoolReturnSchema.nullable() as unknown as z.ZodType<SettingsShape['leadPoolReturn']>,
};
