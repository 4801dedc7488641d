// 分配线索: give a lead an owner, by hand (manager/admin) or by the company's assignment rules.
import type { DomainContext } from '../shared/with-tx.js';
import { audit } from '../audit/audit.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { canSeeOwner, requireRole, teamSubtree } from '../shared/permissions.js';
import { findVisible } from '../shared/records.js';
import { matchingRules } from '../../rules/evaluate.js';
import { User } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';
import { Lead } from './lead.entity.js';
import { leadObject } from './lead.object.js';
import { leadAssignmentRules, leadRuleMemory, type AssignTo } from './lead-assignment-rules.js';

export interface AssignResult { id: number; ownerId: number | null; ruleId: string | null }

/** The next active rep of a team (and its sub-teams) after the team's cursor; the team row is locked meanwhile. */
async function nextInTeam(c: DomainContext, teamId: number): Promise<number | null> {
  const qb = c.tx.createQueryBuilder(Team, 't').where('t.id = :teamId', { teamId });
  // FOR UPDATE makes concurrent assignments to one team take turns on the cursor (SQLite already serialises).
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const team = await qb.getOne();
  if (!team) return null;
  const teams = await teamSubtree(c, teamId);
  const reps = (await c.tx.createQueryBuilder(User, 'u').select('u.id', 'id')
    .where('u.team_id IN (:...teams) AND u.role = :role AND u.active = :active', { teams, role: 'rep', active: true })
    .orderBy('u.id', 'ASC').getRawMany<{ id: number }>()).map((r) => Number(r.id));
  if (!reps.length) return null;
  // The cursor is the last rep served: the next one is the first id above it, wrapping round.
  const next = reps.find((id) => id > (team.assignCursor ?? 0)) ?? reps[0];
  await c.tx.update(Team, { id: teamId }, { assignCursor: next });
  return next;
}

async function resolveTarget(c: DomainContext, to: AssignTo): Promise<number | null> {
  if ('userId' in to) {
    const user = await c.tx.findOne(User, { where: { id: to.userId, active: true }, select: { id: true } });
    return user?.id ?? null;
  }
  return nextInTeam(c, to.teamId);
}

/** Sets the owner only while the lead is still in the pool (or still held by `expectOwner`); false when someone got there first. */
async function setOwner(c: DomainContext, lead: Lead, ownerId: number, ruleId: string | null): Promise<boolean> {
  const changes = { ownerId, assignedAt: c.now, poolEnteredAt: null, poolReason: null, assignRuleId: ruleId, updatedAt: c.now };
  const qb = c.tx.createQueryBuilder().update(Lead).set(changes).where('id = :id', { id: lead.id });
  if (lead.ownerId === null) qb.andWhere('owner_id IS NULL');
  else qb.andWhere('owner_id = :prev', { prev: lead.ownerId });
  const res = await qb.execute();
  if ((res.affected ?? 0) !== 1) return false;
  const before = { ownerId: lead.ownerId, assignRuleId: lead.assignRuleId ?? null };
  Object.assign(lead, changes);
  const ac = ruleId ? { ...c, actor: { ...c.actor, ruleId } } : c;
  await audit(ac, 'assign', 'lead', lead.id, before, { ownerId, assignRuleId: ruleId });
  c.emit({ type: 'lead.assigned', entity: 'lead', id: lead.id, data: { ownerId, ruleId } });
  return true;
}

/**
 * Runs the assignment rules on a pool lead (no owner): the first matching rule that can be carried out wins; unmatched leads stay in the pool.
 * Who: called by lead creation (API, bot, import) and by assignLead. Writes: owner, team cursor, audit `assign` with the rule.
 * Race-safe: the team row is locked while its cursor moves; the owner is set only `WHERE owner_id IS NULL`.
 */
export async function assignByRules(c: DomainContext, lead: Lead): Promise<AssignResult> {
  const set = await leadAssignmentRules(c);
  // A matching rule whose person left or whose team has no active rep passes the lead on to the next match.
  for (const match of matchingRules(set, leadRuleMemory(c, lead))) {
    const ownerId = await resolveTarget(c, match.action);
    if (ownerId === null) continue;
    const ruleId = `${match.ruleId}@${match.version}`;
    if (!(await setOwner(c, lead, ownerId, ruleId))) throw conflict('lead.already_assigned');
    return { id: lead.id, ownerId, ruleId };
  }
  return { id: lead.id, ownerId: null, ruleId: null };
}

/**
 * Assign a lead: to `userId` by hand (may re-assign an owned lead), or, without one, by the rules (pool leads only).
 * Who: managers (leads they see, to people they manage) and admins. Writes: owner, audit `assign`.
 * Idempotent: assigning to the current owner changes nothing; the lead row is locked, so two racing calls assign once.
 */
export async function assignLead(c: DomainContext, id: number, input: { userId?: number }): Promise<AssignResult> {
  requireRole(c, ['manager', 'admin', 'system'], 'lead.assign');
  const lead = await findVisible(c, leadObject, id, true);
  if (lead.status === 'converted') throw conflict('lead.assign_converted');
  if (input.userId === undefined) {
    if (lead.ownerId !== null) throw conflict('lead.already_assigned');
    return assignByRules(c, lead);
  }
  if (lead.ownerId === input.userId) return { id, ownerId: lead.ownerId, ruleId: null };
  const target = await c.tx.findOne(User, { where: { id: input.userId }, select: { id: true, active: true } });
  if (!target || !target.active) throw invalid('validation.user', 'userId');
  if (!(await canSeeOwner(c, input.userId))) throw forbidden('lead.assign');
  if (lead.ownerId !== null && !(await canSeeOwner(c, lead.ownerId))) throw forbidden('lead.assign');
  if (!(await setOwner(c, lead, input.userId, null))) throw conflict('lead.already_assigned');
  return { id, ownerId: input.userId, ruleId: null };
}
