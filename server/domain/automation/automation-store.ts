// The company's automation rule set: stored as a setting row (`automations`), else the shipped default; every save
// is validated first and bumps the version.
import type { DomainContext } from '../shared/with-tx.js';
import { Setting } from '../settings/setting.entity.js';
import { storedSetting } from '../settings/settings.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { RuleSetError } from '../../rules/rule-set.js';
import { loadAutomations, type AutomationSet } from './automation-rules.js';

const KEY = 'automations';
export interface AutomationsJson { set?: string; version: number; description?: string; rules: Record<string, unknown>[] }

/** The stored (or default) rule set as JSON, with where it came from. */
export async function automationsJson(c: DomainContext): Promise<AutomationsJson & { source: 'default' | 'company' }> {
  const memo = c.memo.get('automations.json') as (AutomationsJson & { source: 'default' | 'company' }) | undefined;
  if (memo) return memo;
  const value = await storedSetting(c, KEY);
  const json = value ? { ...(value as unknown as AutomationsJson), source: 'company' as const } : { ...(defaultRuleSet('automations') as AutomationsJson), source: 'default' as const };
  c.memo.set('automations.json', json);
  return json;
}

/** The compiled rule set in force (compiled once per content). */
export async function automationRules(c: DomainContext): Promise<AutomationSet> {
  return loadAutomations(await automationsJson(c));
}

export async function getAutomations(c: DomainContext): Promise<AutomationsJson & { source: 'default' | 'company' }> {
  if (c.actor.role !== 'admin') throw forbidden('automations.read');
  return automationsJson(c);
}

/**
 * Replace the automation rules. Who: admins. Writes: setting `automations` with version + 1, audit `update`.
 * Refused (400 naming the rule) when a rule does not compile or would trigger itself; refused (409) when
 * `expectedVersion` is given and is not the current version, so two admins cannot overwrite each other.
 */
export async function putAutomations(c: DomainContext, input: { rules: unknown[]; description?: string; expectedVersion?: number }): Promise<AutomationsJson> {
  if (c.actor.role !== 'admin') throw forbidden('automations.update');
  const current = await automationsJson(c);
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) throw conflict('automations.version', { current: current.version });
  const next: AutomationsJson = { set: 'automations', version: current.version + 1, ...(input.description ? { description: input.description } : {}), rules: input.rules as Record<string, unknown>[] };
  try {
    loadAutomations(next);
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    throw invalid('rules.invalid', e.index === undefined ? 'rules' : `rules.${e.index}`, { rule: e.ruleId ?? '', detail: e.message });
  }
  const existing = await c.tx.findOne(Setting, { where: { key: KEY } });
  if (existing) await c.tx.update(Setting, { key: KEY }, { value: next as never, updatedAt: c.now });
  else await c.tx.insert(Setting, { key: KEY, value: next as never, updatedAt: c.now });
  c.memo.delete('automations.json');
  c.memo.delete('settings:rows');
  await audit(c, 'update', 'automation', null, { version: current.version, rules: current.rules }, { version: next.version, rules: next.rules });
  return next;
}
