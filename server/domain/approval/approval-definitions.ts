// The approval routing rule set as versioned data: the newest stored version wins, the shipped file
// (server/rules/defaults/approval-routing.json) stands in until an admin stores one. Versions are never rewritten.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, invalid } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import { loadRuleSet, RuleSetError, type RuleSet, type RuleSetJson } from '../../rules/rule-set.js';
import { defaultRuleSet } from '../../rules/defaults.js';
import { approvalRoutingKind, type StepsSpec } from '../../rules/approval-routing.js';
import { customFieldsOf } from '../custom-field/custom-values.js';
import { User } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';
import { ApprovalDefinition } from './approval-definition.entity.js';

export const ROUTING_SET = 'approval-routing';
/** Shipped alternatives an admin may load by name. */
export const SHIPPED_DEFINITIONS = ['approval-routing', 'approval-routing.cosign'] as const;

export interface StoredDefinition { version: number; body: RuleSetJson; stored: boolean }

/** The newest stored version, or the shipped default (not yet stored). */
export async function currentDefinition(c: DomainContext): Promise<StoredDefinition> {
  const row = await c.tx.createQueryBuilder(ApprovalDefinition, 'd').where('d.set_name = :s', { s: ROUTING_SET }).orderBy('d.version', 'DESC').limit(1).getOne();
  if (row) return { version: row.version, body: row.body as unknown as RuleSetJson, stored: true };
  const body = defaultRuleSet(ROUTING_SET) as RuleSetJson;
  return { version: body.version ?? 1, body, stored: false };
}

/** A version's text; the shipped default is stored the first time an instance starts on it, so the version stays readable. */
export async function definitionVersion(c: DomainContext, version: number): Promise<RuleSetJson | null> {
  const row = await c.tx.findOne(ApprovalDefinition, { where: { setName: ROUTING_SET, version } });
  return (row?.body as unknown as RuleSetJson) ?? null;
}

/** Stores the shipped default as its version the first time it is used; a concurrent first use stored the same text. */
export async function pinDefinition(c: DomainContext, d: StoredDefinition): Promise<void> {
  if (d.stored) return;
  try {
    await c.tx.insert(ApprovalDefinition, { setName: ROUTING_SET, version: d.version, body: d.body as never, createdById: null, createdAt: c.now });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

export function compileRouting(body: unknown, customKeys?: readonly string[]): RuleSet<StepsSpec> {
  return loadRuleSet(approvalRoutingKind, body, customKeys);
}

/** A rule set an admin offers: it must compile, and every user and team it names must exist. Errors name the rule. */
async function validate(c: DomainContext, body: unknown): Promise<RuleSet<StepsSpec>> {
  let set: RuleSet<StepsSpec>;
  try {
    set = compileRouting(body, (await customFieldsOf(c, 'contract')).map((f) => f.key));
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    throw invalid('rules.invalid', e.index === undefined ? 'rules' : `rules.${e.index}`, { rule: e.ruleId ?? e.set, detail: e.message });
  }
  for (const [i, rule] of set.rules.entries()) {
    for (const [j, step] of rule.action.entries()) {
      for (const a of step.approvers) {
        const ok = 'userId' in a ? await c.tx.exists(User, { where: { id: a.userId, active: true } })
          : 'username' in a ? await c.tx.exists(User, { where: { username: a.username, active: true } })
            : 'teamHead' in a && typeof a.teamHead === 'number' ? await c.tx.exists(Team, { where: { id: a.teamHead } }) : true;
        if (!ok) throw invalid('rules.unknown_target', `rules.${i}.steps.${j}.approvers`, { rule: rule.id });
      }
    }
  }
  return set;
}

/**
 * The routing rule set in force and its version. Who: admins (it names people and amounts).
 * Writes nothing. Idempotent.
 */
export async function getApprovalDefinitions(c: DomainContext): Promise<{ version: number; stored: boolean; definition: RuleSetJson; shipped: string[] }> {
  requireRole(c, ['admin'], 'approval_definition.read');
  const d = await currentDefinition(c);
  return { version: d.version, stored: d.stored, definition: d.body, shipped: [...SHIPPED_DEFINITIONS] };
}

/**
 * Store a new version of the routing rule set (JSON, or `{shipped: name}` to load a shipped file). Who: admins.
 * Writes: a new approval_definition row (version = newest + 1), audit `update` on `approval_definition`. Running instances
 * keep their version. Not idempotent by design: each accepted PUT is a new version, so audits point at one text.
 */
export async function putApprovalDefinitions(c: DomainContext, input: { definition?: unknown; shipped?: string }): Promise<{ version: number; definition: RuleSetJson }> {
  requireRole(c, ['admin'], 'approval_definition.update');
  let body = input.definition;
  if (input.shipped !== undefined) {
    if (!(SHIPPED_DEFINITIONS as readonly string[]).includes(input.shipped)) throw invalid('validation.invalid', 'shipped');
    body = defaultRuleSet(input.shipped);
  }
  if (body === undefined || body === null || typeof body !== 'object') throw invalid('validation.required', 'definition');
  await validate(c, body);
  const current = await currentDefinition(c);
  if (!current.stored) await pinDefinition(c, current);
  const version = current.version + 1;
  const stored = { ...(body as RuleSetJson), set: ROUTING_SET, version };
  try {
    await c.tx.insert(ApprovalDefinition, { setName: ROUTING_SET, version, body: stored as never, createdById: c.actor.userId, createdAt: c.now });
  } catch (e) {
    // Another admin stored the same version number a moment ago: theirs stands, this one is asked to retry.
    if (isUniqueViolation(e)) throw conflict('approval.definition_busy');
    throw e;
  }
  await audit(c, 'update', 'approval_definition', version, { version: current.version }, { version });
  return { version, definition: stored };
}
