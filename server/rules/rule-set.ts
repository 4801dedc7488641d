// Rule sets as data (DESIGN.md §5): load a JSON rule set, validate it, parse every condition once, and cache it.
// A rule referring to a field its subject does not have is refused here, because adaptive-expressions would
// silently evaluate a missing variable to false and the rule would never fire.
import { createHash } from 'node:crypto';
import { Expression } from 'adaptive-expressions';
import { z } from 'zod';
import { ruleLookup } from './functions.js';

/** What a kind of rule set may talk about and what each rule does when it matches. */
export interface RuleSetKind<A> {
  /** Name of the set, used in error messages (`lead-assignment#r1: …`). */
  set: string;
  /** Memory roots and their fields, e.g. `{ lead: ['region', 'source'], now: [] }`; `custom` allows `<root>.custom.<key>`. */
  fields: Record<string, readonly string[]>;
  /** Property of each rule holding its action (`assignTo`, `then`) and the schema that action must satisfy. */
  actionKey: string;
  action: z.ZodType<A>;
}

export interface CompiledRule<A> { id: string; when: string; expression: Expression; action: A }
export interface RuleSet<A> { set: string; version: number; rules: CompiledRule<A>[] }

export type RuleErrorReason = 'shape' | 'duplicate_id' | 'syntax' | 'unknown_field' | 'action';

/** A rule set that cannot be loaded; `ruleId` names the rule at fault when there is one. */
export class RuleSetError extends Error {
  constructor(readonly set: string, readonly reason: RuleErrorReason, readonly detail: string, readonly ruleId?: string, readonly index?: number) {
    super(`${set}${ruleId ? `#${ruleId}` : ''}: ${detail}`);
  }
}

const RuleShape = z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), when: z.string().trim().min(1).max(2000) }).passthrough();
const SetShape = z.object({ set: z.string().optional(), version: z.number().int().min(0).optional(), rules: z.array(z.unknown()).max(500) }).passthrough();

/** Input shape of a rule set as stored in JSON files and settings. */
export interface RuleSetJson { set?: string; version?: number; subject?: string; rules: Record<string, unknown>[] }

/** Checks one reference (`lead.region`, `lead.custom.budget`, `now`) against the kind's declared fields. */
function checkReference(kind: RuleSetKind<unknown>, ref: string, customKeys: readonly string[] | undefined): string | null {
  const [root, field, sub] = ref.split('.');
  const fields = kind.fields[root];
  if (!fields) return `unknown name ${root}`;
  if (field === undefined) return null;
  if (field === 'custom' && fields.includes('custom')) {
    if (sub === undefined || customKeys === undefined || customKeys.includes(sub)) return null;
    return `unknown field ${root}.custom.${sub}`;
  }
  return fields.includes(field) ? null : `unknown field ${root}.${field}`;
}

/** Parses one condition with our local functions and checks every reference; throws RuleSetError naming the rule. */
export function compileCondition(kind: RuleSetKind<unknown>, ruleId: string, when: string, customKeys?: readonly string[], index?: number): Expression {
  let expression: Expression;
  try {
    expression = Expression.parse(when, ruleLookup);
  } catch (e) {
    throw new RuleSetError(kind.set, 'syntax', `cannot parse "${when}": ${(e as Error).message}`, ruleId, index);
  }
  for (const ref of expression.references()) {
    const problem = checkReference(kind, ref, customKeys);
    if (problem) throw new RuleSetError(kind.set, 'unknown_field', problem, ruleId, index);
  }
  return expression;
}

const cache = new Map<string, RuleSet<unknown>>();
const CACHE_MAX = 64;

/**
 * Validates and compiles a rule set. Each `when` is parsed once; the compiled set is cached by content,
 * so loading the same JSON again (every request reads settings) costs a hash, not a parse.
 */
export function loadRuleSet<A>(kind: RuleSetKind<A>, json: unknown, customKeys?: readonly string[]): RuleSet<A> {
  const key = createHash('sha1').update(kind.set).update('\0').update(JSON.stringify(json) ?? '').update('\0').update(customKeys?.join(',') ?? '*').digest('hex');
  const hit = cache.get(key);
  if (hit) return hit as RuleSet<A>;
  const top = SetShape.safeParse(json);
  if (!top.success) throw new RuleSetError(kind.set, 'shape', `not a rule set: ${top.error.issues[0].path.join('.') || 'root'} ${top.error.issues[0].message}`);
  const seen = new Set<string>();
  const rules: CompiledRule<A>[] = top.data.rules.map((raw, index) => {
    const shape = RuleShape.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? rawId : `#${index + 1}`;
    if (!shape.success) throw new RuleSetError(kind.set, 'shape', `rule ${label}: ${shape.error.issues[0].path.join('.')} ${shape.error.issues[0].message}`, typeof rawId === 'string' ? rawId : undefined, index);
    const { id, when } = shape.data;
    if (seen.has(id)) throw new RuleSetError(kind.set, 'duplicate_id', `rule id ${id} is used twice`, id, index);
    seen.add(id);
    const expression = compileCondition(kind as RuleSetKind<unknown>, id, when, customKeys, index);
    const action = kind.action.safeParse((raw as Record<string, unknown>)[kind.actionKey]);
    if (!action.success) {
      const issue = action.error.issues[0];
      throw new RuleSetError(kind.set, 'action', `bad ${[kind.actionKey, ...issue.path.map(String)].join('.')}: ${issue.message}`, id, index);
    }
    return { id, when, expression, action: action.data };
  });
  const loaded: RuleSet<A> = { set: kind.set, version: top.data.version ?? 1, rules };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, loaded as RuleSet<unknown>);
  return loaded;
}
