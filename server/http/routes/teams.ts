// /teams: everyone reads the tree; admins create, rename, move and delete teams.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { TeamCreate, TeamUpdate } from '../schemas/user.js';
import { listTeams } from '../../domain/user/list-teams.js';
import { createTeam } from '../../domain/user/create-team.js';
import { updateTeam } from '../../domain/user/update-team.js';
import { deleteTeam } from '../../domain/user/delete-team.js';

export function teamRoutes(api: Api): void {
  api.schema('team.create', TeamCreate);
  api.schema('team.update', TeamUpdate);
  api.route('get', '/teams', { summary: 'All teams with their parents', tag: 'teams' }, (ctx) => ctx.state.run((c) => listTeams(c)));
  api.route('post', '/teams', { summary: 'Create a team (admin)', tag: 'teams', body: TeamCreate, status: 201 },
    (ctx, body) => ctx.state.run((c) => createTeam(c, body)));
  api.route('patch', '/teams/:id', { summary: 'Update a team (admin); a move below itself is a 400', tag: 'teams', body: TeamUpdate },
    (ctx, body) => ctx.state.run((c) => updateTeam(c, idParam(ctx), body)));
  api.route('delete', '/teams/:id', { summary: 'Delete an empty team (admin)', tag: 'teams' },
    (ctx) => ctx.state.run((c) => deleteTeam(c, idParam(ctx))));
}
