// Company settings with their defaults: read through here, never straight from the table.
import type { DomainContext } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { Setting } from './setting.entity.js';
import type { Role } from '../user/user.entity.js';
import type { RuleSetJson } from '../../rules/rule-set.js';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../reminder/reminder-settings.js';

/** A pool-return rule set: rules giving returnAfterDays, and how long before the return the owner is warned. */
export type PoolReturnJson = RuleSetJson & { warnHoursBefore?: number; description?: string };

export interface StageDef { key: string; label: Record<string, string>; probability: number; requiredFields?: string[] }

export interface FieldRule {
  object: string;
  field: string;
  hiddenFor: Role[];
  /** The rule does not apply when the reader owns the record, or is in the owner's team (or above it). */
  exceptWhen?: 'owner' | 'team';
}

export interface SettingsShape {
  stages: StageDef[];
  'pool.claimLimit': { customer: number; lead: number };
  'pool.visibility': 'all' | 'team';
  fieldRules: FieldRule[];
  objectLabels: Record<string, Record<string, string>>;
  timeZone: string;
  /** The days the company works (ISO weekdays, Monday 1 … Sunday 7): a to-do due "本周内" or "月底前" falls on the last. */
  workDays: number[];
  /** Lead assignment rule set (server/rules); null means the shipped default in server/rules/defaults. */
  leadAssignment: RuleSetJson | null;
  /** Reminder timing: quiet hours, digest time, escalation days, lead first-contact SLA, team notices on pool returns. */
  reminders: ReminderSettings;
  /** Follow-up cadence rule set (everyDays per customer level by default); null = the shipped default. */
  followUpCadence: (RuleSetJson & { description?: string }) | null;
  /** When owned customers return to the pool, and the warning before; null = the shipped default. */
  poolReturn: PoolReturnJson | null;
  /** When owned leads return to the lead pool, and the warning before; null = the shipped default. */
  leadPoolReturn: PoolReturnJson | null;
}

export const DEFAULT_SETTINGS: SettingsShape = {
  stages: [
    { key: 'initial_contact', label: { 'zh-CN': '初步接洽', 'en-US': 'Initial contact' }, probability: 10 },
    { key: 'needs_analysis', label: { 'zh-CN': '需求分析', 'en-US': 'Needs analysis' }, probability: 30 },
    { key: 'proposal', label: { 'zh-CN': '方案报价', 'en-US': 'Proposal' }, probability: 60, requiredFields: ['amountCents'] },
    { key: 'negotiation', label: { 'zh-CN': '商务谈判', 'en-US': 'Negotiation' }, probability: 80, requiredFields: ['amountCents', 'expectedCloseAt'] },
  ],
  'pool.claimLimit': { customer: 50, lead: 50 },
  'pool.visibility': 'all',
  fieldRules: [{ object: 'contract', field: 'amountCents', hiddenFor: ['rep'], exceptWhen: 'team' }],
  objectLabels: {},
  timeZone: 'Asia/Shanghai',
  workDays: [1, 2, 3, 4, 5],
  leadAssignment: null,
  reminders: DEFAULT_REMINDER_SETTINGS,
  followUpCadence: null,
  poolReturn: null,
  leadPoolReturn: null,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SettingsShape)[];

/**
 * Any stored setting row's value (null when absent), read with every other setting in one query per transaction.
 * Stores that keep their own documents under a key (automations, reminder settings) read through here too.
 */
export async function storedSetting(c: DomainContext, key: string): Promise<unknown> {
  if (!c.memo.has('settings:rows')) {
    const rows = new Map<string, unknown>();
    for (const row of await c.tx.find(Setting)) rows.set(row.key, row.value ?? null);
    c.memo.set('settings:rows', rows);
  }
  return (c.memo.get('settings:rows') as Map<string, unknown>).get(key) ?? null;
}

export async function getSetting<K extends keyof SettingsShape>(c: DomainContext, key: K): Promise<SettingsShape[K]> {
  const memoKey = `setting:${key}`;
  if (c.memo.has(memoKey)) return c.memo.get(memoKey) as SettingsShape[K];
  // The company's zone until an admin sets one: COMPANY_TIME_ZONE (the Db's), not a constant.
  const fallback = key === 'timeZone' ? c.db.timeZone : DEFAULT_SETTINGS[key];
  const value = ((await storedSetting(c, key)) ?? fallback) as SettingsShape[K];
  c.memo.set(memoKey, value);
  if (key === 'timeZone') seenTimeZone(c.db, value as string);
  return value;
}

/** The company time zone each Db last read (every instance catches up on its next read after an admin's change). */
const lastZone = new WeakMap<Db, string>();

/** Records the company zone just read from the settings (the board read finds it in its own statement). */
export function seenTimeZone(db: Db, zone: string): void {
  lastZone.set(db, zone);
}

/**
 * The company time zone as last read, for work that starts before its transaction (reading a chat line's dates ahead,
 * the emulator's clock): the setting once read, else COMPANY_TIME_ZONE. Inside a use case, read `getSetting` instead.
 */
export function companyTimeZone(db: Db): string {
  return lastZone.get(db) ?? db.timeZone;
}

export async function putSetting<K extends keyof SettingsShape>(c: DomainContext, key: K, value: SettingsShape[K]): Promise<void> {
  const existing = await c.tx.findOne(Setting, { where: { key } });
  if (existing) await c.tx.update(Setting, { key }, { value: value as object, updatedAt: c.now });
  else await c.tx.insert(Setting, { key, value: value as object, updatedAt: c.now });
  c.memo.delete(`setting:${key}`);
  c.memo.delete('settings:rows');
  // Whatever stores a setting, what follows it hears (board schedules, board stamps).
  c.emit({ type: 'setting.updated', entity: 'setting', id: 0, data: { key } });
}
