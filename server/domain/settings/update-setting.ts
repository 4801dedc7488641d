// Admins change company settings; each value is validated by its schema and the change is audited.
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError, invalid } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { audit } from '../audit/audit.js';
import { getSetting, putSetting, SETTING_KEYS, type SettingsShape } from './settings.js';
import { SETTING_SCHEMAS } from './setting-schemas.js';
import { RuleSetError } from '../../rules/rule-set.js';
import { leadAssignmentRules } from '../lead/lead-assignment-rules.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { User } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';
import { CustomField } from '../custom-field/custom-field.entity.js';
import { checkReminderRules, isReminderRuleSetting, ruleSetOrDefault } from '../reminder/check-reminder-rules.js';
import { DEFAULT_REMINDER_SETTINGS } from '../reminder/reminder-settings.js';

export const isSettingKey = (key: string): key is keyof SettingsShape => (SETTING_KEYS as string[]).includes(key);

/** A rule set must compile (every condition parses and reads only known fields) and point at real people and teams. */
async function checkLeadAssignment(c: DomainContext, value: SettingsShape['leadAssignment']): Promise<SettingsShape['leadAssignment']> {
  if (value === null) return null;
  let set;
  try {
    set = await leadAssignmentRules(c, value);
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    const field = e.index === undefined ? 'leadAssignment' : `leadAssignment.rules.${e.index}`;
    throw invalid('rules.invalid', field, { rule: e.ruleId ?? e.set, detail: e.message });
  }
  for (const [i, rule] of set.rules.entries()) {
    const to = rule.action;
    const ok = 'userId' in to
      ? await c.tx.exists(User, { where: { id: to.userId, active: true } })
      : await c.tx.exists(Team, { where: { id: to.teamId } });
    if (!ok) throw invalid('rules.unknown_target', `leadAssignment.rules.${i}.assignTo`, { rule: rule.id });
  }
  // Every accepted change is a new version, so an audit row's `rule@version` points at exactly one text.
  const previous = (await getSetting(c, 'leadAssignment')) ?? (defaultRuleSet('lead-assignment') as SettingsShape['leadAssignment']);
  return { ...value, set: 'lead-assignment', version: Math.max(value.version ?? 0, (previous?.version ?? 0) + 1) };
}

/** A field rule must name a real field of its object (or an active custom field), else it would silently hide nothing. */
async function checkFieldRules(c: DomainContext, rules: SettingsShape['fieldRules']): Promise<void> {
  for (const [i, rule] of rules.entries()) {
    const field = `fieldRules.${i}.field`;
    if (rule.field.startsWith('custom.')) {
      if (!(await c.tx.exists(CustomField, { where: { object: rule.object, key: rule.field.slice(7), active: true } }))) throw invalid('validation.unknown_field', field);
      continue;
    }
    // object names are table names; an object whose table does not exist yet cannot be checked
    const meta = c.tx.connection.entityMetadatas.find((m) => m.tableName === rule.object);
    if (meta && (!meta.findColumnWithPropertyName(rule.field) || rule.field === 'id')) throw invalid('validation.unknown_field', field);
  }
}

/**
 * Set one company setting (stages, pool rules, field rules, object labels, time zone, lead assignment, reminder
 * timing, follow-up cadence and pool-return rule sets). The reminder jobs read the new value on their next pass.
 * Who: admins. Writes: the setting row, audit `update` on entity `setting` with the key and before/after.
 * Idempotent: writing the same value again stores the same value (a rule set's version still moves on).
 */
export async function updateSetting<K extends keyof SettingsShape>(c: DomainContext, key: K, value: unknown): Promise<SettingsShape[K]> {
  requireRole(c, ['admin'], `setting.${key}`);
  if (!isSettingKey(key)) throw new DomainError('not_found', 'not_found', { entity: 'setting' });
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message.startsWith('validation.') ? issue.message : 'validation.invalid', [key, ...issue.path.map(String)].join('.'));
  }
  let next = parsed.data as SettingsShape[K];
  if (key === 'fieldRules') await checkFieldRules(c, next as SettingsShape['fieldRules']);
  if (key === 'leadAssignment') next = (await checkLeadAssignment(c, next as SettingsShape['leadAssignment'])) as SettingsShape[K];
  if (isReminderRuleSetting(key)) next = (await checkReminderRules(c, key, next as SettingsShape[typeof key])) as SettingsShape[K];
  const before = await getSetting(c, key);
  await putSetting(c, key, next);
  await audit(c, 'update', 'setting', null, { key, value: before }, { key, value: next });
  return next;
}

/** Every setting with its current value (defaults where none is stored). Who: admins. */
export async function listSettings(c: DomainContext): Promise<Record<string, unknown>> {
  requireRole(c, ['admin'], 'setting.list');
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = await getSetting(c, key);
  out.leadAssignment ??= defaultRuleSet('lead-assignment');
  // What is in force: stored reminder timing may name only some fields; an unset rule set is the shipped one.
  out.reminders = { ...DEFAULT_REMINDER_SETTINGS, ...(out.reminders as object) };
  for (const key of ['followUpCadence', 'poolReturn', 'leadPoolReturn'] as const) out[key] = ruleSetOrDefault(key, out[key]);
  return out;
}
