// A customer's two clocks from the rule sets: when it is due for a follow-up (cadence) and when it goes back to
// the pool (and so when its owner is warned); a lead's pool clock likewise. Pure given the anchor; the planner and
// the sender both use them.
import { evaluateRules, matchingRules, type RuleMatch } from '../../rules/evaluate.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { Customer } from '../customer/customer.entity.js';
import type { Lead } from '../lead/lead.entity.js';
import { customerRuleMemory, leadRuleMemory, type PoolReturnRules } from './reminder-config.js';

const DAY = 86_400_000;

export interface CadenceClock { dueAt: Date; ruleId: string; everyDays: number }
export interface PoolClock { returnAt: Date; warnAt: Date; ruleId: string }

export function cadenceClock(rules: RuleSet<number>, customer: Customer, anchor: Date, now: Date): CadenceClock | null {
  const m: RuleMatch<number> | null = evaluateRules(rules, customerRuleMemory(now, customer));
  if (!m) return null;
  return { dueAt: new Date(anchor.getTime() + m.action * DAY), ruleId: m.ruleId, everyDays: m.action };
}

/** The earliest return among the matching rules. */
export function poolClock(rules: PoolReturnRules, customer: Customer, anchor: Date, now: Date): PoolClock | null {
  return poolClockFor(rules, customerRuleMemory(now, customer), anchor);
}

export function leadPoolClock(rules: PoolReturnRules, lead: Lead, anchor: Date, now: Date): PoolClock | null {
  return poolClockFor(rules, leadRuleMemory(now, lead), anchor);
}

function poolClockFor(rules: PoolReturnRules, memory: Record<string, unknown>, anchor: Date): PoolClock | null {
  const ms = matchingRules(rules.set, memory);
  if (!ms.length) return null;
  const best = ms.reduce((a, b) => (b.action < a.action ? b : a));
  const returnAt = new Date(anchor.getTime() + best.action * DAY);
  return { returnAt, warnAt: new Date(returnAt.getTime() - rules.warnHoursBefore * 3_600_000), ruleId: best.ruleId };
}
