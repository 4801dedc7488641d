// A reminder rule set an admin sends through the settings API (follow-up cadence, customer or lead pool return) is
// checked before it is stored: every condition parses and reads only known fields (custom fields that exist now),
// every rule's action is valid. Each accepted change is a new version, so an audit row's `rule@version` is one text.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';
import { loadRuleSet, RuleSetError, type RuleSetJson, type RuleSetKind } from '../../rules/rule-set.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { customFieldsOf } from '../custom-field/custom-values.js';
import { storedSetting } from '../settings/settings.js';
import { cadenceKind, leadPoolReturnKind, poolReturnKind } from './reminder-config.js';

const RULE_SETTINGS: Record<ReminderRuleSetting, { kind: RuleSetKind<number>; object: 'customer' | 'lead' }> = {
  followUpCadence: { kind: cadenceKind, object: 'customer' },
  poolReturn: { kind: poolReturnKind, object: 'customer' },
  leadPoolReturn: { kind: leadPoolReturnKind, object: 'lead' },
};

export type ReminderRuleSetting = 'followUpCadence' | 'poolReturn' | 'leadPoolReturn';
export const isReminderRuleSetting = (key: string): key is ReminderRuleSetting => key in RULE_SETTINGS;

/** The value to store (null = back to the shipped default), or a 400 naming the rule at fault. */
export async function checkReminderRules<T extends RuleSetJson>(c: DomainContext, key: ReminderRuleSetting, value: T | null): Promise<T | null> {
  if (value === null) return null;
  const { kind, object } = RULE_SETTINGS[key];
  try {
    loadRuleSet(kind, value, (await customFieldsOf(c, object)).map((f) => f.key));
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    const field = e.index === undefined ? key : `${key}.rules.${e.index}`;
    throw invalid('rules.invalid', field, { rule: e.ruleId ?? e.set, detail: e.message });
  }
  const previous = ((await storedSetting(c, key)) ?? defaultRuleSet(kind.set)) as RuleSetJson | null;
  return { ...value, set: kind.set, version: Math.max(value.version ?? 0, (previous?.version ?? 0) + 1) };
}

/** The rule set in force for `key`: the stored one, else the shipped default. */
export function ruleSetOrDefault(key: ReminderRuleSetting, stored: unknown): unknown {
  return stored ?? defaultRuleSet(RULE_SETTINGS[key].kind.set);
}
