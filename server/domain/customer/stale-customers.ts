// 哪些客户很久没跟进了: the owned customers the reader may see whose follow-up cadence has run out, and those about to go
// back to the public pool — the same clocks the reminders run on (the cadence and pool-return rule sets, counted from
// the last follow-up or from when the owner got the customer: reminder/customer-anchor.ts, customer-clocks.ts). A rep
// sees their own, a manager their team's (with its sub-teams), an admin everyone's. The bot's answer and
// GET /api/v1/customers/stale read this one list.
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { canSeeOwner, readScope, visibleOwnerIds } from '../shared/permissions.js';
import { forbidden } from '../shared/domain-error.js';
import { compareKeys, pageSorted, type SortKey } from '../shared/paging.js';
import { Customer } from './customer.entity.js';
import { User } from '../user/user.entity.js';
import { cadenceRules, poolReturnRules } from '../reminder/reminder-config.js';
import { customerAnchors } from '../reminder/customer-anchor.js';
import { cadenceClock, poolClock } from '../reminder/customer-clocks.js';
import { In } from 'typeorm';

const DAY = 86_400_000;
/** The list's order: the soonest back to the pool (none: last), then the longest waiting (then by id). */
const urgency = (x: { returnAt: Date | null; since: Date }): SortKey => [x.returnAt?.getTime() ?? null, x.since.getTime()];
/** "About to go back to the pool": within this many days of it (or the owner's warning time, if longer). */
export const POOL_SOON_DAYS = 7;
/** Customers whose clocks are read per round trip (the anchors' audit query takes an IN list). */
const CHUNK = 500;

export interface StaleCustomer {
  id: number; name: string; level: string; ownerId: number; ownerName: string;
  lastFollowUpAt: Date | null;
  /** Where its clocks started: the last follow-up, or when its owner got it, or its creation. */
  since: Date;
  /** Whole days since `since`. */
  days: number;
  /** The cadence in force (null: no cadence rule matches it); `overdueDays` past it (null: not overdue yet). */
  everyDays: number | null; overdueDays: number | null;
  /** When it goes back to the pool (null: no pool-return rule matches it), and whole days left until then (0: today). */
  returnAt: Date | null; daysLeft: number | null;
}

export interface StaleQuery {
  /** Only this owner's customers (who must be the reader or someone the reader may see). */
  ownerId?: number;
  /** Items returned at most (default 100, at most 500); `total` counts them all. */
  limit?: number;
  /** The `nextCursor` of the page before (paging.ts): the items after it, in the same order. */
  cursor?: string;
}

export interface StaleCustomers {
  /** Whose customers: the reader's own, their team's, or everyone's. */
  scope: 'mine' | 'team' | 'all';
  total: number;
  /** Most urgent first: the soonest back to the pool, then the longest waiting; a page of `limit` after `cursor`. */
  items: StaleCustomer[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  /** Whose they are, the most first: every owner of the whole list (not only of `items`). */
  owners: { id: number; name: string; count: number }[];
  /** What "about to go back to the pool" means here, in days. */
  poolSoonDays: number;
}

/**
 * Customers past their follow-up cadence or due back in the pool within `poolSoonDays`. Who: anyone, each seeing the
 * owned customers they may see (a rep their own, a manager their team's, admins all); `ownerId` outside that is
 * refused. Reads only: customers, the claim/assign audit rows that restart their clocks, owners' names.
 */
export async function staleCustomers(c: DomainContext, q: StaleQuery = {}): Promise<StaleCustomers> {
  if (q.ownerId !== undefined && !(await canSeeOwner(c, q.ownerId))) throw forbidden('customer.stale');
  const visible = await visibleOwnerIds(c);
  const owners = q.ownerId !== undefined ? [q.ownerId] : visible;
  const scope = readScope(visible);
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const cadence = await cadenceRules(c);
  const pool = await poolReturnRules(c);
  const soonDays = Math.max(POOL_SOON_DAYS, pool.warnHoursBefore / 24);
  if (owners !== 'all' && !owners.length) return { scope, total: 0, items: [], nextCursor: null, owners: [], poolSoonDays: soonDays };

  // Only customers whose plain anchor is old enough for the shortest rule can be due; the real anchor (a later claim or
  // assignment) is never earlier, so this never leaves out one that is.
  const shortest = Math.min(...cadence.rules.map((r) => r.action), ...pool.set.rules.map((r) => r.action - soonDays), 3650);
  const before = new Date(c.now.getTime() - Math.max(0, shortest) * DAY);
  const qb = c.tx.createQueryBuilder(Customer, 'cu')
    .where('cu.owner_id IS NOT NULL AND COALESCE(cu.last_follow_up_at, cu.created_at) <= :before', { before: dbTime(c.db, before) });
  if (owners !== 'all') qb.andWhere('cu.owner_id IN (:...owners)', { owners });
  const candidates = await qb.orderBy('cu.id').getMany();

  const found: Omit<StaleCustomer, 'ownerName'>[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const page = candidates.slice(i, i + CHUNK);
    const anchors = await customerAnchors(c, page);
    for (const cu of page) {
      const since = anchors.get(cu.id)!;
      const cad = cadenceClock(cadence, cu, since, c.now);
      const back = poolClock(pool, cu, since, c.now);
      const overdue = !!cad && cad.dueAt <= c.now;
      const soon = !!back && back.returnAt.getTime() - c.now.getTime() <= soonDays * DAY;
      if (!overdue && !soon) continue;
      found.push({
        id: cu.id, name: cu.name, level: cu.level, ownerId: cu.ownerId!, lastFollowUpAt: cu.lastFollowUpAt, since,
        days: Math.floor((c.now.getTime() - since.getTime()) / DAY),
        everyDays: cad?.everyDays ?? null, overdueDays: overdue ? Math.floor((c.now.getTime() - cad!.dueAt.getTime()) / DAY) : null,
        returnAt: back?.returnAt ?? null, daysLeft: back ? Math.max(0, Math.floor((back.returnAt.getTime() - c.now.getTime()) / DAY)) : null,
      });
    }
  }
  found.sort((a, b) => compareKeys(urgency(a), urgency(b)) || a.id - b.id);
  const page = pageSorted(found, urgency, (x) => x.id, { cursor: q.cursor, limit });
  const counts = new Map<number, number>();
  for (const x of found) counts.set(x.ownerId, (counts.get(x.ownerId) ?? 0) + 1);
  const names = new Map(counts.size
    ? (await c.tx.find(User, { where: { id: In([...counts.keys()]) }, select: { id: true, name: true } })).map((u) => [Number(u.id), u.name])
    : []);
  return {
    scope, total: found.length,
    items: page.items.map((x) => ({ ...x, ownerName: names.get(x.ownerId) ?? '' })), nextCursor: page.nextCursor,
    owners: [...counts].map(([id, count]) => ({ id, name: names.get(id) ?? '', count })).sort((a, b) => b.count - a.count || a.id - b.id),
    poolSoonDays: soonDays,
  };
}
