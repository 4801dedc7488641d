// Who works here: everyone can list active colleagues (pickers need names and teams); admins see every field and inactive users.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { LIKE_ESCAPE, likeEscape } from '../shared/sql.js';
import { User } from './user.entity.js';
import { fullUser, publicUser } from './user-rules.js';

export interface UserQuery { q?: string; teamId?: number; role?: string; active?: boolean; cursor?: string; limit?: number }

/** Anyone signed in. Reads only; non-admins get active users with public fields only. */
export async function listUsers(c: DomainContext, query: UserQuery): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const admin = c.actor.role === 'admin' || c.actor.role === 'system';
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
  const qb = c.tx.createQueryBuilder(User, 'u');
  if (!admin || query.active !== undefined) qb.andWhere('u.active = :active', { active: admin ? query.active : true });
  if (query.teamId !== undefined) qb.andWhere('u.team_id = :teamId', { teamId: query.teamId });
  if (query.role) qb.andWhere('u.role = :role', { role: query.role });
  if (query.q) qb.andWhere(`(u.name LIKE :q ${LIKE_ESCAPE} OR u.username LIKE :q ${LIKE_ESCAPE})`, { q: `%${likeEscape(query.q.trim())}%` });
  if (query.cursor) {
    const after = Number(query.cursor);
    if (!Number.isInteger(after)) throw invalid('validation.cursor', 'cursor');
    qb.andWhere('u.id > :after', { after });
  }
  const rows = await qb.orderBy('u.id', 'ASC').take(limit + 1).getMany();
  const page = rows.slice(0, limit);
  return {
    items: page.map((u) => (admin ? fullUser(u) : publicUser(u))),
    nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
  };
}

/** One user, as the reader may see them; inactive users are not found for non-admins. */
export async function getUser(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const admin = c.actor.role === 'admin' || c.actor.role === 'system';
  const u = await c.tx.findOne(User, { where: { id } });
  if (!u || (!admin && !u.active)) throw notFound('user');
  return admin ? fullUser(u) : publicUser(u);
}
