// Evaluates a loaded rule set against a record: the first rule whose condition is exactly `true` wins.
import type { RuleSet } from './rule-set.js';

export interface RuleMatch<A> { ruleId: string; version: number; action: A }

/** Memory for rules: domain nouns (`{ lead, customer, contract, actor, now }`), with Dates as ISO strings. */
export type RuleMemory = Record<string, unknown>;

/**
 * Declared fields a record lacks become null, so a condition sees "no value" instead of "no such
 * variable"; unknown fields were already refused at load time (rule-set.ts), so nothing passes by accident.
 */
export function toRuleRecord(record: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const src = record as Record<string, unknown>;
  for (const f of fields) {
    const v = src[f];
    out[f] = v instanceof Date ? v.toISOString() : v === undefined ? null : v;
  }
  return out;
}

/** The first matching rule, or null. An evaluation error (e.g. a type mismatch) counts as no match for that rule. */
export function evaluateRules<A>(set: RuleSet<A>, memory: RuleMemory): RuleMatch<A> | null {
  for (const rule of set.rules) {
    const { value, error } = rule.expression.tryEvaluate(memory);
    if (!error && value === true) return { ruleId: rule.id, version: set.version, action: rule.action };
  }
  return null;
}

/** Every matching rule, in order: for callers that fall through when a match cannot be carried out. */
export function matchingRules<A>(set: RuleSet<A>, memory: RuleMemory): RuleMatch<A>[] {
  const out: RuleMatch<A>[] = [];
  for (const rule of set.rules) {
    const { value, error } = rule.expression.tryEvaluate(memory);
    if (!error && value === true) out.push({ ruleId: rule.id, version: set.version, action: rule.action });
  }
  return out;
}
