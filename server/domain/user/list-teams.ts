// Every team with its parent: pickers and org charts need the whole tree, so anyone signed in may read it.
import type { DomainContext } from '../shared/with-tx.js';
import { Team } from './team.entity.js';
import { presentTeam } from './team-rules.js';

/** Anyone signed in. Reads only. */
export async function listTeams(c: DomainContext): Promise<{ items: ReturnType<typeof presentTeam>[] }> {
  const teams = await c.tx.find(Team, { order: { id: 'ASC' } });
  return { items: teams.map(presentTeam) };
}
