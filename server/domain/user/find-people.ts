// Which colleague does a name said in chat mean ("张伟", "Emily", "rep.zhang")? Among active users — the directory
// everyone may read (list-users.ts): the exact name or username first, then names containing it. Several → the caller
// asks which; never a guess. Whether the reader may see that person's records is the caller's question.
import type { DomainContext } from '../shared/with-tx.js';
import { LIKE_ESCAPE, likeEscape } from '../shared/sql.js';
import { User } from './user.entity.js';

export type PersonMatch = { kind: 'one'; user: User } | { kind: 'many'; candidates: User[] } | { kind: 'none' };

/** Anyone signed in. Reads only: active users' names, usernames and teams. */
export async function findPeople(c: DomainContext, mention: string, limit = 8): Promise<PersonMatch> {
  const raw = mention.trim();
  if (!raw) return { kind: 'none' };
  const base = () => c.tx.createQueryBuilder(User, 'u').where('u.active = :on', { on: true });
  const exact = await base().andWhere('(LOWER(u.name) = LOWER(:raw) OR LOWER(u.username) = LOWER(:raw))', { raw }).orderBy('u.id').take(limit).getMany();
  const found = exact.length ? exact
    : await base().andWhere(`(u.name LIKE :like ${LIKE_ESCAPE} OR u.username LIKE :like ${LIKE_ESCAPE})`, { like: `%${likeEscape(raw)}%` }).orderBy('u.id').take(limit).getMany();
  if (found.length === 1) return { kind: 'one', user: found[0] };
  return found.length ? { kind: 'many', candidates: found } : { kind: 'none' };
}
