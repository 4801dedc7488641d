// /users (everyone lists colleagues; admins manage) and PATCH /me (a user's own language).
import { z } from 'zod';
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { parseInput } from '../validate.js';
import { MeUpdate, UserCreate, UserUpdate } from '../schemas/user.js';
import { getUser, listUsers } from '../../domain/user/list-users.js';
import { createUser } from '../../domain/user/create-user.js';
import { updateUser } from '../../domain/user/update-user.js';
import { deactivateUser } from '../../domain/user/deactivate-user.js';
import { updateMyProfile } from '../../domain/user/update-my-profile.js';

const Query = z.object({
  q: z.string().max(64).optional(),
  teamId: z.coerce.number().int().positive().optional(),
  role: z.string().max(16).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  lang: z.string().optional(),
});

export function userRoutes(api: Api): void {
  api.schema('user.create', UserCreate);
  api.schema('user.update', UserUpdate);
  api.route('get', '/users', {
    summary: 'List users: active colleagues with public fields; admins see all fields and may filter by active', tag: 'users',
    query: { q: 'name or username contains', teamId: 'team id', role: 'rep, manager, admin, finance', active: 'true/false (admins)', cursor: 'nextCursor', limit: '1–500' },
  }, (ctx) => {
    const q = parseInput(Query, ctx.query);
    return ctx.state.run((c) => listUsers(c, q));
  });
  api.route('get', '/users/:id', { summary: 'One user', tag: 'users' }, (ctx) => ctx.state.run((c) => getUser(c, idParam(ctx))));
  api.route('post', '/users', { summary: 'Create a user (admin); 409 when a username or platform identity is taken', tag: 'users', body: UserCreate, status: 201 },
    (ctx, body) => ctx.state.run((c) => createUser(c, body)));
  api.route('patch', '/users/:id', { summary: 'Update a user (admin)', tag: 'users', body: UserUpdate },
    (ctx, body) => ctx.state.run((c) => updateUser(c, idParam(ctx), body)));
  api.route('delete', '/users/:id', { summary: 'Deactivate a user (admin); their records stay', tag: 'users' },
    (ctx) => ctx.state.run((c) => deactivateUser(c, idParam(ctx))));
  api.route('patch', '/me', { summary: 'Change your own language', tag: 'auth', body: MeUpdate },
    (ctx, body) => ctx.state.run((c) => updateMyProfile(c, body)));
}
