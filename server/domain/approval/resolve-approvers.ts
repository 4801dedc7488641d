// Turns a step's approver specs into people, at the moment the step starts.
import type { DomainContext } from '../shared/with-tx.js';
import { User } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';
import type { ApproverSpec } from '../../rules/approval-routing.js';

async function one(c: DomainContext, spec: ApproverSpec, submitter: User): Promise<User[]> {
  const active = (where: Record<string, unknown>) => c.tx.find(User, { where: { ...where, active: true } as never, order: { id: 'ASC' } });
  if ('userId' in spec) return active({ id: spec.userId });
  if ('username' in spec) return active({ username: spec.username });
  if ('position' in spec) return active({ position: spec.position });
  if ('role' in spec) return active({ role: spec.role });
  if ('submitterManager' in spec) return submitter.managerId ? active({ id: submitter.managerId }) : [];
  const teamId = spec.teamHead === 'submitter' ? submitter.teamId : spec.teamHead;
  if (!teamId) return [];
  const team = await c.tx.findOneBy(Team, { id: teamId });
  return team?.headId ? active({ id: team.headId }) : [];
}

/**
 * The approvers of a step, one list per spec (a position may name several people: in 会签 each of them must approve).
 * The submitter never approves their own contract; specs that resolve to nobody are left out.
 */
export async function resolveApprovers(c: DomainContext, specs: ApproverSpec[], submitter: User): Promise<User[]> {
  const out: User[] = [];
  for (const spec of specs) {
    for (const u of await one(c, spec, submitter)) {
      if (u.id !== submitter.id && !out.some((x) => x.id === u.id)) out.push(u);
    }
  }
  return out;
}
