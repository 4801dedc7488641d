import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadRuleSet, RuleSetError, type RuleSetKind } from '../../../../server/rules/rule-set.js';
import { evaluateRules, matchingRules, toRuleRecord } from '../../../../server/rules/evaluate.js';
import { leadAssignmentKind, LEAD_RULE_FIELDS } from '../../../../server/domain/lead/lead-assignment-rules.js';
import { defaultRuleSet } from '../../../../server/rules/defaults.js';

const set = {
  set: 'lead-assignment', version: 3,
  rules: [
    { id: 'jiangbei', when: "lead.region == '江北区'", assignTo: { userId: 7 } },
    { id: 'big', when: 'lead.custom.budget >= 500000', assignTo: { teamId: 2, strategy: 'round_robin' } },
    { id: 'web-west', when: "lead.source == 'web' && oneOf(lead.region, '渝中区|沙坪坝区')", assignTo: { teamId: 3, strategy: 'round_robin' } },
    { id: 'stale', when: 'daysSince(lead.createdAt) > 30', assignTo: { userId: 9 } },
    { id: 'named', when: "startsWith(lead.company, 'ACME')", assignTo: { userId: 8 } },
  ],
};

const now = '2026-11-18T02:00:00.000Z';
const lead = (o: Record<string, unknown>) => {
  const r = toRuleRecord({ createdAt: new Date(now), ...o }, LEAD_RULE_FIELDS);
  r.custom = o.custom ?? {};
  return { lead: r, now };
};

describe('lead assignment rules: first match wins', () => {
  const loaded = loadRuleSet(leadAssignmentKind, set, ['budget']);
  it.each([
    [{ region: '江北区', company: 'x' }, 'jiangbei'],
    [{ region: '江北区', custom: { budget: 900000 } }, 'jiangbei'],
    [{ region: '渝北区', custom: { budget: 900000 } }, 'big'],
    [{ region: '渝北区', custom: { budget: 100 } }, null],
    [{ region: '渝中区', source: 'web' }, 'web-west'],
    [{ region: '渝中区', source: 'phone' }, null],
    [{ region: null, source: 'web' }, null],
    [{ createdAt: new Date('2026-09-01T00:00:00Z') }, 'stale'],
    [{ company: 'ACME Robotics' }, 'named'],
    [{}, null],
  ])('%j → %s', (record, expected) => {
    expect(evaluateRules(loaded, lead(record))?.ruleId ?? null).toBe(expected);
  });
  it('carries the version and the action', () => {
    expect(evaluateRules(loaded, lead({ region: '江北区' }))).toEqual({ ruleId: 'jiangbei', version: 3, action: { userId: 7 } });
  });
  it('lists every match in order for callers that fall through', () => {
    expect(matchingRules(loaded, lead({ region: '江北区', custom: { budget: 900000 } })).map((m) => m.ruleId)).toEqual(['jiangbei', 'big']);
  });
  it('parses once: loading the same JSON again returns the cached set', () => {
    expect(loadRuleSet(leadAssignmentKind, structuredClone(set), ['budget'])).toBe(loaded);
  });
});

describe('bad rules are refused at load, naming the rule', () => {
  const one = (rule: Record<string, unknown>) => ({ rules: [{ id: 'ok', when: 'true', assignTo: { userId: 1 } }, rule] });
  it.each([
    [{ id: 'typo', when: "lead.regoin == '江北区'", assignTo: { userId: 1 } }, 'unknown_field', 'lead-assignment#typo: unknown field lead.regoin'],
    [{ id: 'syntax', when: "lead.region == ", assignTo: { userId: 1 } }, 'syntax', 'lead-assignment#syntax: cannot parse'],
    [{ id: 'nofn', when: 'frobnicate(lead.region)', assignTo: { userId: 1 } }, 'syntax', 'lead-assignment#nofn'],
    [{ id: 'root', when: "customer.region == 'x'", assignTo: { userId: 1 } }, 'unknown_field', 'lead-assignment#root: unknown name customer'],
    [{ id: 'cf', when: 'lead.custom.nope > 1', assignTo: { userId: 1 } }, 'unknown_field', 'lead-assignment#cf: unknown field lead.custom.nope'],
    [{ id: 'act', when: 'true', assignTo: { teamId: 1, strategy: 'random' } }, 'action', 'lead-assignment#act: bad assignTo'],
    [{ id: 'act2', when: 'true' }, 'action', 'lead-assignment#act2'],
    [{ id: 'ok', when: 'true', assignTo: { userId: 1 } }, 'duplicate_id', 'lead-assignment#ok: rule id ok is used twice'],
    [{ id: 'bad id!', when: 'true', assignTo: { userId: 1 } }, 'shape', 'lead-assignment#bad id!'],
    [{ id: 'empty', when: '  ', assignTo: { userId: 1 } }, 'shape', 'lead-assignment#empty'],
  ])('%j → %s', (rule, reason, message) => {
    let err: unknown;
    try { loadRuleSet(leadAssignmentKind, one(rule), ['budget']); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RuleSetError);
    expect((err as RuleSetError).reason).toBe(reason);
    expect((err as RuleSetError).message).toContain(message);
    expect((err as RuleSetError).index).toBe(1);
  });
  it('refuses something that is not a rule set', () => {
    expect(() => loadRuleSet(leadAssignmentKind, { rules: 'x' })).toThrow(RuleSetError);
    expect(() => loadRuleSet(leadAssignmentKind, null)).toThrow(/lead-assignment: not a rule set/);
  });
});

describe('a generic rule set kind', () => {
  const kind: RuleSetKind<{ steps: string[][] }> = {
    set: 'approval-routing', fields: { contract: ['amount', 'kind'], now: [] }, actionKey: 'then',
    action: z.strictObject({ steps: z.array(z.array(z.string())) }),
  };
  const routing = loadRuleSet(kind, { version: 2, rules: [
    { id: 'big-deal', when: 'contract.amount >= 50000', then: { steps: [['director'], ['gm']] } },
    { id: 'default', when: 'true', then: { steps: [['director']] } },
  ] });
  it.each([
    [{ amount: 60000 }, 'big-deal'],
    [{ amount: 50000 }, 'big-deal'],
    [{ amount: 49999 }, 'default'],
    [{ amount: null }, 'default'],
  ])('%j → %s', (contract, expected) => {
    expect(evaluateRules(routing, { contract: toRuleRecord(contract, ['amount', 'kind']) })?.ruleId).toBe(expected);
  });
  it('a non-boolean result never matches', () => {
    const s = loadRuleSet(kind, { rules: [{ id: 'str', when: "contract.kind", then: { steps: [] } }] });
    expect(evaluateRules(s, { contract: { kind: 'strategic', amount: 1 } })).toBeNull();
  });
});

describe('the shipped default', () => {
  it('loads and assigns nothing (leads stay in the pool)', () => {
    const d = loadRuleSet(leadAssignmentKind, defaultRuleSet('lead-assignment'));
    expect(d.rules).toHaveLength(0);
    expect(evaluateRules(d, lead({ region: '江北区' }))).toBeNull();
  });
});
