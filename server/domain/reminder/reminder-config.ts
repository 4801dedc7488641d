// What the reminder jobs read: timing settings (setting `reminders`, merged over the defaults here) and three rule
// sets as data (server/rules/defaults/follow-up-cadence.json, pool-return.json and lead-pool-return.json,
// overridable by settings `followUpCadence` / `poolReturn` / `leadPoolReturn`). Read straight from the setting
// table so this area owns its own keys.
import { z } from 'zod';
import type { DomainContext } from '../shared/with-tx.js';
import { getSetting, storedSetting } from '../settings/settings.js';
import { DEFAULT_REMINDER_SETTINGS, reminderSettingsSchema, type ReminderSettings } from './reminder-settings.js';
import { loadRuleSet, type RuleSet, type RuleSetKind } from '../../rules/rule-set.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { toRuleRecord } from '../../rules/evaluate.js';
import type { Customer } from '../customer/customer.entity.js';
import type { Lead } from '../lead/lead.entity.js';
import { LEAD_RULE_FIELDS } from '../lead/lead-assignment-rules.js';

export { DEFAULT_REMINDER_SETTINGS, reminderSettingsSchema, type ReminderSettings } from './reminder-settings.js';

async function stored(c: DomainContext, key: string): Promise<unknown> {
  const memo = `reminder-setting:${key}`;
  if (!c.memo.has(memo)) c.memo.set(memo, await storedSetting(c, key));
  return c.memo.get(memo);
}

/** The company's reminder settings over the defaults, plus its time zone and work days (a PushWindow: local-time.ts). */
export type ReminderConfig = ReminderSettings & { timeZone: string; workDays: number[] };

export async function reminderSettings(c: DomainContext): Promise<ReminderConfig> {
  const raw = await stored(c, 'reminders');
  const parsed = raw ? reminderSettingsSchema.parse(raw) : {};
  return { ...DEFAULT_REMINDER_SETTINGS, ...parsed, timeZone: await getSetting(c, 'timeZone'), workDays: await getSetting(c, 'workDays') };
}

/** Customer fields a cadence or pool-return condition may read. */
export const CUSTOMER_RULE_FIELDS = ['id', 'name', 'level', 'industry', 'region', 'source', 'ownerId', 'failedFollowUps', 'lastFollowUpAt', 'createdAt', 'custom'] as const;

export const cadenceKind: RuleSetKind<number> = {
  set: 'follow-up-cadence', fields: { customer: CUSTOMER_RULE_FIELDS, now: [] }, actionKey: 'everyDays', action: z.number().positive().max(3650),
};
export const poolReturnKind: RuleSetKind<number> = {
  set: 'pool-return', fields: { customer: CUSTOMER_RULE_FIELDS, now: [] }, actionKey: 'returnAfterDays', action: z.number().positive().max(3650),
};

/** Lead fields a lead pool-return condition may read (the assignment rules' fields, plus who has it since when and how it went). */
export const LEAD_POOL_RULE_FIELDS = [...LEAD_RULE_FIELDS, 'ownerId', 'assignedAt', 'assignRuleId', 'firstContactAt', 'failedFollowUps'] as const;

export const leadPoolReturnKind: RuleSetKind<number> = {
  set: 'lead-pool-return', fields: { lead: LEAD_POOL_RULE_FIELDS, now: [] }, actionKey: 'returnAfterDays', action: z.number().positive().max(3650),
};

export interface PoolReturnRules { set: RuleSet<number>; warnHoursBefore: number }

export async function cadenceRules(c: DomainContext): Promise<RuleSet<number>> {
  return loadRuleSet(cadenceKind, (await stored(c, 'followUpCadence')) ?? defaultRuleSet('follow-up-cadence'));
}

export function poolReturnRules(c: DomainContext): Promise<PoolReturnRules> {
  return poolRulesOf(c, 'poolReturn', poolReturnKind);
}

export function leadPoolReturnRules(c: DomainContext): Promise<PoolReturnRules> {
  return poolRulesOf(c, 'leadPoolReturn', leadPoolReturnKind);
}

/** A pool-return rule set in force (stored, else the shipped default) and its warning lead time (default 24 h). */
async function poolRulesOf(c: DomainContext, key: 'poolReturn' | 'leadPoolReturn', kind: RuleSetKind<number>): Promise<PoolReturnRules> {
  const json = ((await stored(c, key)) ?? defaultRuleSet(kind.set)) as { warnHoursBefore?: number };
  return { set: loadRuleSet(kind, json), warnHoursBefore: Number(json.warnHoursBefore ?? 24) };
}

/** Memory a cadence / pool-return condition is evaluated against. */
export function customerRuleMemory(now: Date, customer: Customer): Record<string, unknown> {
  const record = toRuleRecord(customer, CUSTOMER_RULE_FIELDS);
  record.custom = customer.custom ?? {};
  return { customer: record, now: now.toISOString() };
}

/** Memory a lead pool-return condition is evaluated against. */
export function leadRuleMemory(now: Date, lead: Lead): Record<string, unknown> {
  const record = toRuleRecord(lead, LEAD_POOL_RULE_FIELDS);
  record.custom = lead.custom ?? {};
  return { lead: record, now: now.toISOString() };
}
