// Who the demo sign-in picker offers (demo mode only; the route answers 404 otherwise): active people by their
// names, with role, position and team for the second line, and the username the dev login takes.
import { Team } from '../user/team.entity.js';
import { User } from '../user/user.entity.js';
import type { DomainContext } from '../shared/with-tx.js';

export interface DevPerson { username: string; name: string; role: string; position: string | null; team: string | null }

const CAP = 200;

export async function listDevPeople(c: DomainContext): Promise<{ items: DevPerson[] }> {
  const users = await c.tx.find(User, { where: { active: true }, order: { id: 'ASC' }, take: CAP });
  const teams = new Map((await c.tx.find(Team, { select: { id: true, name: true } })).map((t) => [t.id, t.name]));
  return {
    items: users.map((u) => ({
      username: u.username, name: u.name, role: u.role, position: u.position, team: u.teamId ? teams.get(u.teamId) ?? null : null,
    })),
  };
}
