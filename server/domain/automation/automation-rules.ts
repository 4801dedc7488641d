// Automations as data (DESIGN.md §5): "when <event> and <condition> then <actions>". Conditions are
// adaptive-expressions compiled by the shared rule engine (server/rules); a rule whose actions could set off
// itself, directly or through other rules, is refused at load, naming it.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compileCondition, RuleSetError, type RuleSetKind } from '../../rules/rule-set.js';
import type { Expression } from 'adaptive-expressions';

/** Fields a condition may read, per subject; `event.*` carries the event's own data (from/to stage, owner, amount). */
export const SUBJECT_FIELDS: Record<string, readonly string[]> = {
  opportunity: ['id', 'customerId', 'name', 'amountCents', 'stage', 'status', 'probability', 'ownerId', 'expectedCloseAt', 'closedAt', 'createdAt'],
  contract: ['id', 'number', 'title', 'customerId', 'opportunityId', 'amountCents', 'status', 'ownerId', 'signedAt', 'startAt', 'endAt', 'createdAt'],
  customer: ['id', 'name', 'level', 'industry', 'region', 'source', 'ownerId', 'createdById', 'lastFollowUpAt', 'failedFollowUps', 'createdAt'],
  lead: ['id', 'company', 'region', 'source', 'status', 'ownerId', 'failedFollowUps', 'createdAt'],
  activity: ['id', 'type', 'customerId', 'leadId', 'opportunityId', 'authorId', 'channel', 'occurredAt'],
  task: ['id', 'title', 'status', 'ownerId', 'dueAt', 'customerId', 'opportunityId'],
  payment: ['id', 'contractId', 'plannedAmountCents', 'receivedAmountCents', 'status', 'ownerId', 'plannedAt', 'receivedAt'],
};
export const EVENT_FIELDS = ['type', 'from', 'to', 'ownerId', 'previousOwnerId', 'amountCents', 'customerId', 'contractId', 'opportunityId', 'ruleId'] as const;

/** Fields `set_field` may write, with their type (ownership goes through `assign`, stages through their use cases). */
export const SETTABLE: Record<string, Record<string, 'string' | 'number'>> = {
  opportunity: { name: 'string', probability: 'number' },
  customer: { level: 'string', industry: 'string', region: 'string', source: 'string' },
  lead: { region: 'string', source: 'string' },
  task: { title: 'string' },
  contract: { title: 'string', number: 'string' },
};

const Target = z.union([
  z.enum(['owner', 'manager', 'actor']),
  z.strictObject({ userId: z.number().int().positive() }),
  z.strictObject({ role: z.enum(['rep', 'manager', 'admin', 'finance']) }),
  z.strictObject({ position: z.string().min(1).max(32) }),
  z.strictObject({ group: z.number().int().positive() }),
]);
export type Target = z.infer<typeof Target>;
const LocaleKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a locale key');

export const Action = z.discriminatedUnion('do', [
  z.strictObject({
    do: z.literal('create_task'), title: LocaleKey, owner: Target.default('owner'), dueInDays: z.number().int().min(0).max(365).default(1),
    /** Due at the contract's earliest planned payment date when it has one (contract subjects). */
    dueAt: z.enum(['first_planned_payment']).optional(),
  }),
  z.strictObject({ do: z.literal('notify'), to: z.union([Target, z.array(Target).min(1).max(10)]), message: LocaleKey }),
  z.strictObject({ do: z.literal('assign'), to: Target }),
  z.strictObject({ do: z.literal('set_field'), field: z.string().min(1).max(64), value: z.union([z.string().max(255), z.number(), z.null()]) }),
  z.strictObject({ do: z.literal('create_contract_draft') }),
]);
export type Action = z.infer<typeof Action>;

const RuleShape = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  description: z.string().max(500).optional(),
  on: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'an event type like opportunity.stage_changed'),
  when: z.string().trim().min(1).max(2000).default('true'),
  then: z.array(Action).min(1).max(10),
  enabled: z.boolean().default(true),
});
const SetShape = z.object({ set: z.string().optional(), version: z.number().int().min(0).optional(), description: z.string().optional(), rules: z.array(z.unknown()).max(200) });

export interface AutomationRule { id: string; on: string; entity: string; when: string; expression: Expression; then: Action[]; enabled: boolean }
export interface AutomationSet { version: number; rules: AutomationRule[] }

const SET = 'automations';
const kindFor = (entity: string): RuleSetKind<unknown> => ({
  set: SET, fields: { [entity]: SUBJECT_FIELDS[entity], event: EVENT_FIELDS, now: [] }, actionKey: 'then', action: z.unknown(),
});

/** The events an action causes (what the generic record use cases and our action runner emit). */
export function emitsOf(entity: string, a: Action): string[] {
  switch (a.do) {
    case 'create_task': return ['task.created'];
    case 'create_contract_draft': return ['contract.created'];
    case 'assign': case 'set_field': return [`${entity}.updated`];
    default: return [];
  }
}

function refuse(reason: 'shape' | 'action', detail: string, ruleId?: string, index?: number): never {
  throw new RuleSetError(SET, reason, detail, ruleId, index);
}

/** A cycle in "rule A's actions cause the event rule B listens to" makes A set itself off: refuse it by name. */
function checkLoops(rules: AutomationRule[]): void {
  const next = (r: AutomationRule) => rules.filter((s) => s.enabled && r.then.some((a) => emitsOf(r.entity, a).includes(s.on)));
  for (const start of rules.filter((r) => r.enabled)) {
    const stack: { rule: AutomationRule; path: string[] }[] = next(start).map((r) => ({ rule: r, path: [start.id, r.id] }));
    const seen = new Set<string>();
    while (stack.length) {
      const { rule, path } = stack.pop()!;
      if (rule.id === start.id) {
        const how = path.length === 2 ? `its own actions cause ${start.on}` : `via ${path.join(' → ')}`;
        refuse('action', `rule ${start.id} would trigger itself (${how})`, start.id, rules.indexOf(start));
      }
      if (seen.has(rule.id)) continue;
      seen.add(rule.id);
      for (const n of next(rule)) stack.push({ rule: n, path: [...path, n.id] });
    }
  }
}

const cache = new Map<string, AutomationSet>();

/** Validates and compiles an automation rule set (cached by content); throws RuleSetError naming the rule at fault. */
export function loadAutomations(json: unknown): AutomationSet {
  const key = createHash('sha1').update(JSON.stringify(json) ?? '').digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;
  const top = SetShape.safeParse(json);
  if (!top.success) refuse('shape', `not a rule set: ${top.error.issues[0].path.join('.') || 'root'} ${top.error.issues[0].message}`);
  const ids = new Set<string>();
  const rules = top.data.rules.map((raw, index): AutomationRule => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? rawId : undefined;
    const shape = RuleShape.safeParse(raw);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      refuse(issue.path[0] === 'then' ? 'action' : 'shape', `rule ${label ?? `#${index + 1}`}: ${issue.path.join('.')} ${issue.message}`, label, index);
    }
    const r = shape.data;
    if (ids.has(r.id)) throw new RuleSetError(SET, 'duplicate_id', `rule id ${r.id} is used twice`, r.id, index);
    ids.add(r.id);
    const entity = r.on.split('.')[0];
    if (!SUBJECT_FIELDS[entity]) refuse('shape', `rule ${r.id}: unknown event subject ${entity}`, r.id, index);
    const expression = compileCondition(kindFor(entity), r.id, r.when, undefined, index);
    r.then.forEach((a, i) => {
      if ((a.do === 'assign' || a.do === 'set_field') && !SETTABLE[entity]) refuse('action', `rule ${r.id}: then.${i} cannot change a ${entity}`, r.id, index);
      if (a.do === 'set_field' && SETTABLE[entity][a.field] === undefined) refuse('action', `rule ${r.id}: then.${i} field ${entity}.${a.field} cannot be set by an automation`, r.id, index);
      if (a.do === 'set_field' && a.value !== null && typeof a.value !== SETTABLE[entity][a.field]) refuse('action', `rule ${r.id}: then.${i} value for ${entity}.${a.field} must be a ${SETTABLE[entity][a.field]}`, r.id, index);
      if (a.do === 'create_contract_draft' && entity !== 'opportunity') refuse('action', `rule ${r.id}: then.${i} create_contract_draft needs an opportunity event`, r.id, index);
      if (a.do === 'create_task' && a.dueAt === 'first_planned_payment' && entity !== 'contract') refuse('action', `rule ${r.id}: then.${i} dueAt first_planned_payment needs a contract event`, r.id, index);
    });
    return { id: r.id, on: r.on, entity, when: r.when, expression, then: r.then, enabled: r.enabled };
  });
  checkLoops(rules);
  const set: AutomationSet = { version: top.data.version ?? 1, rules };
  if (cache.size > 32) cache.delete(cache.keys().next().value as string);
  cache.set(key, set);
  return set;
}
