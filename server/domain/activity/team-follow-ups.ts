// 我们这周的跟进 / our team's follow-ups this week: the follow-ups the people the reader may see logged in a period, by
// person — a manager's team (with its sub-teams), an admin's everyone; anyone else sees only their own (scope 'mine':
// the bot then says team views are for managers). The same reach as one person's follow-ups (person-follow-ups.ts),
// whose window and presentation this shares.
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { readScope, visibleOwnerIds } from '../shared/permissions.js';
import { compareKeys, pageSorted, type SortKey } from '../shared/paging.js';
import { User } from '../user/user.entity.js';
import { Activity } from './activity.entity.js';
import { followUpWindow, withSubjects, type FollowUpWindow, type PersonFollowUp } from './person-follow-ups.js';
import { In } from 'typeorm';

/** People listed with their follow-ups at most; the rest are counted. */
const PEOPLE_MAX = 50;

export interface TeamFollowUps {
  /** Whose: the reader's own (a rep, finance, a manager without a team), their team's, or everyone's. */
  scope: 'mine' | 'team' | 'all';
  start: Date; end: Date;
  /** Follow-ups in the window, all people together, and how many people logged them. */
  total: number; authors: number;
  /** Those who logged any, the most first (then by name): each with their count and their newest `perPerson`; a page of `people` after `cursor`. */
  people: { id: number; name: string; count: number; items: PersonFollowUp[] }[];
  /** Pass as `cursor` for the people after these; null when none follow. */
  nextCursor: string | null;
  /** Scope 'team': the active reps and managers of the team (not the reader) who logged none in the window. */
  idle: { id: number; name: string }[];
}

/**
 * The follow-ups of the reader's team in the window, by person, each person's newest `perPerson` (default 5, at most 20)
 * for the first `people` people (default 10, at most 50) after `cursor` (a page's nextCursor, paging.ts); the counts
 * and `idle` cover everyone. Who: anyone — a rep or finance
 * reads their own (scope 'mine'), a manager their team's with its sub-teams, an admin everyone's. Reads only: the
 * activities of those people, their names, and the names of the customers and leads listed.
 */
export async function teamFollowUps(c: DomainContext, w: FollowUpWindow, opts: { perPerson?: number; people?: number; cursor?: string } = {}): Promise<TeamFollowUps> {
  const visible = await visibleOwnerIds(c);
  const scope = readScope(visible);
  const { start, end } = await followUpWindow(c, w);
  if (visible !== 'all' && !visible.length) return { scope, start, end, total: 0, authors: 0, people: [], nextCursor: null, idle: [] };
  const inWindow = () => {
    const qb = c.tx.createQueryBuilder(Activity, 'a').where('a.occurred_at >= :start AND a.occurred_at < :end', { start: dbTime(c.db, start), end: dbTime(c.db, end) });
    return visible === 'all' ? qb : qb.andWhere('a.author_id IN (:...authors)', { authors: visible });
  };
  const counts = (await inWindow().select('a.author_id', 'author').addSelect('COUNT(*)', 'n').groupBy('a.author_id').getRawMany<{ author: number; n: number | string }>())
    .map((r) => ({ id: Number(r.author), count: Number(r.n) }));
  const teamIds = scope === 'team' ? (visible as number[]) : [];
  const ids = [...new Set([...counts.map((x) => x.id), ...teamIds])];
  const users = ids.length ? await c.tx.find(User, { where: { id: In(ids) }, select: { id: true, name: true, role: true, active: true } }) : [];
  const names = new Map(users.map((u) => [Number(u.id), u.name]));
  const order = (x: { id: number; count: number }): SortKey => [-x.count, names.get(x.id) ?? ''];
  counts.sort((a, b) => compareKeys(order(a), order(b)) || a.id - b.id);
  const perPerson = Math.min(Math.max(opts.perPerson ?? 5, 1), 20);
  const page = pageSorted(counts, order, (x) => x.id, { cursor: opts.cursor, limit: Math.min(Math.max(opts.people ?? 10, 1), PEOPLE_MAX) });
  const people = [];
  for (const x of page.items) {
    const rows = await inWindow().andWhere('a.author_id = :author', { author: x.id })
      .orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').take(perPerson).getMany();
    people.push({ id: x.id, name: names.get(x.id) ?? '', count: x.count, items: await withSubjects(c, rows) });
  }
  const logged = new Set(counts.map((x) => x.id));
  const idle = users
    .filter((u) => teamIds.includes(Number(u.id)) && !logged.has(Number(u.id)) && Number(u.id) !== c.actor.userId && u.active && (u.role === 'rep' || u.role === 'manager'))
    .map((u) => ({ id: Number(u.id), name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
  return { scope, start, end, total: counts.reduce((n, x) => n + x.count, 0), authors: counts.length, people, nextCursor: page.nextCursor, idle };
}
