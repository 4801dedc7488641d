// The lead assignment rule set: what its conditions may read (a lead, `now`) and what a match does.
import { z } from 'zod';
import type { DomainContext } from '../shared/with-tx.js';
import { loadRuleSet, type RuleSet, type RuleSetKind } from '../../rules/rule-set.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { toRuleRecord } from '../../rules/evaluate.js';
import { getSetting } from '../settings/settings.js';
import { customFieldsOf } from '../custom-field/custom-values.js';
import type { Lead } from './lead.entity.js';

export type AssignTo = { userId: number } | { teamId: number; strategy: 'round_robin' };

/** Lead fields a rule author may use; `lead.custom.<key>` reaches the admin's custom fields. */
export const LEAD_RULE_FIELDS = ['id', 'company', 'contactName', 'phone', 'email', 'region', 'source', 'status', 'note', 'createdById', 'createdAt', 'custom'] as const;

export const leadAssignmentKind: RuleSetKind<AssignTo> = {
  set: 'lead-assignment',
  fields: { lead: LEAD_RULE_FIELDS, now: [] },
  actionKey: 'assignTo',
  action: z.union([
    z.strictObject({ userId: z.number().int().positive() }),
    z.strictObject({ teamId: z.number().int().positive(), strategy: z.literal('round_robin') }),
  ]),
};

/**
 * The company's rule set (setting `leadAssignment`) or the shipped default, compiled (cached by content).
 * A candidate (`override`, from the settings API) must only read custom fields that exist now; the stored set is
 * loaded without that check, so retiring a custom field later leaves its conditions false instead of failing every new lead.
 */
export async function leadAssignmentRules(c: DomainContext, override?: unknown): Promise<RuleSet<AssignTo>> {
  if (override !== undefined) return loadRuleSet(leadAssignmentKind, override, (await customFieldsOf(c, 'lead')).map((f) => f.key));
  return loadRuleSet(leadAssignmentKind, (await getSetting(c, 'leadAssignment')) ?? defaultRuleSet('lead-assignment'));
}

/** Memory a lead assignment condition is evaluated against. */
export function leadRuleMemory(c: DomainContext, lead: Lead): Record<string, unknown> {
  const record = toRuleRecord(lead, LEAD_RULE_FIELDS);
  record.custom = lead.custom ?? {};
  return { lead: record, now: c.now.toISOString() };
}
