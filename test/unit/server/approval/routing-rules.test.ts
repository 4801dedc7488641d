import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../../server/rules/defaults.js';
import { compileRouting } from '../../../../server/domain/approval/approval-definitions.js';
import { evaluateRules } from '../../../../server/rules/evaluate.js';
import { RuleSetError } from '../../../../server/rules/rule-set.js';

const memory = (yuan: number) => ({ contract: { amount: yuan * 100, amountCents: yuan * 100, amountYuan: yuan }, submitter: {}, now: '2026-11-18T02:00:00Z' });

describe('approval routing rule sets', () => {
  it('route the shipped default: < 50,000 yuan one step, ≥ 50,000 three in order', () => {
    const set = compileRouting(defaultRuleSet('approval-routing'));
    expect(evaluateRules(set, memory(30_000))?.action.map((s) => s.name)).toEqual(['approval.step.sales_director']);
    expect(evaluateRules(set, memory(50_000))?.action.map((s) => s.name)).toEqual(['approval.step.sales_director', 'approval.step.legal', 'approval.step.gm']);
    expect(evaluateRules(set, memory(80_000))?.action.every((s) => s.mode === 'any')).toBe(true);
  });

  it('the co-sign alternative puts director and GM in one all-must-approve step', () => {
    const set = compileRouting(defaultRuleSet('approval-routing.cosign'));
    const steps = evaluateRules(set, memory(80_000))!.action;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ mode: 'all', approvers: [{ position: 'sales_director' }, { position: 'gm' }] });
  });

  it('cents and yuan say the same thing', () => {
    const set = compileRouting({ rules: [{ id: 'cents', when: 'contract.amount >= 5000000', steps: [{ name: 'x', approvers: [{ role: 'admin' }] }] }] });
    expect(evaluateRules(set, memory(50_000))?.ruleId).toBe('cents');
    expect(evaluateRules(set, memory(49_999))).toBeNull();
  });

  it('name the rule at fault: unknown field, bad approver, no steps', () => {
    const bad = (rule: Record<string, unknown>) => () => compileRouting({ rules: [rule] });
    expect(bad({ id: 'r1', when: 'contract.amout > 1', steps: [{ name: 'x', approvers: [{ role: 'admin' }] }] })).toThrow(/approval-routing#r1: unknown field contract.amout/);
    expect(bad({ id: 'r2', when: 'true', steps: [{ name: 'x', approvers: [{ boss: true }] }] })).toThrow(RuleSetError);
    expect(bad({ id: 'r3', when: 'true', steps: [] })).toThrow(/#r3/);
  });
});
