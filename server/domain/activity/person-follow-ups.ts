// 张伟这周的跟进 / what did Emily do this week: the follow-ups one person logged in a period, newest first, with the
// customer or lead each was on. A manager reads the people of their team (with its sub-teams), an admin anyone,
// everyone else only themselves — the same reach as follow-ups through their author (activity.object.ts).
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { canSeeOwner } from '../shared/permissions.js';
import { forbidden, notFound } from '../shared/domain-error.js';
import { getSetting } from '../settings/settings.js';
import { periodRange } from '../leaderboard/period.js';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';
import { User } from '../user/user.entity.js';
import { Activity, type ActivityOutcome, type ActivityType } from './activity.entity.js';
import { In } from 'typeorm';

const DAY = 86_400_000;

/** 'recent': the last seven days up to now; otherwise a calendar period of the company zone (offset -1: the one before). */
export type FollowUpWindow = { period: 'recent' | 'day' | 'week' | 'month'; offset?: number };

export interface PersonFollowUp {
  id: number; type: ActivityType; outcome: ActivityOutcome; occurredAt: Date; content: string;
  customerId: number | null; leadId: number | null;
  /** The customer's name, or the lead's company. */
  subjectName: string | null;
}
export interface PersonFollowUps {
  user: { id: number; name: string };
  start: Date; end: Date;
  total: number;
  items: PersonFollowUp[];
}

/** Whether the actor may read `userId`'s follow-ups: themselves; a manager their team's people; admins anyone. */
export async function mayReadPersonFollowUps(c: DomainContext, userId: number): Promise<boolean> {
  if (c.actor.userId === userId || c.actor.role === 'admin' || c.actor.role === 'system') return true;
  return c.actor.role === 'manager' && canSeeOwner(c, userId);
}

/** The instants [start, end) of a window in the company zone. */
export async function followUpWindow(c: DomainContext, w: FollowUpWindow): Promise<{ start: Date; end: Date }> {
  if (w.period === 'recent') return { start: new Date(c.now.getTime() - 7 * DAY), end: c.now };
  const r = periodRange(w.period, c.now, await getSetting(c, 'timeZone'), w.offset ?? 0);
  return { start: r.start, end: r.end };
}

/**
 * `userId`'s follow-ups in the window, newest first (`limit`, default 20, at most 100; `total` counts them all). Who:
 * see mayReadPersonFollowUps; anyone else is refused. Reads only: that person's activities and the names of their
 * customers and leads.
 */
export async function personFollowUps(c: DomainContext, userId: number, w: FollowUpWindow, limit = 20): Promise<PersonFollowUps> {
  const user = await c.tx.findOne(User, { where: { id: userId }, select: { id: true, name: true } });
  if (!user) throw notFound('user');
  if (!(await mayReadPersonFollowUps(c, userId))) throw forbidden('activity.person');
  const { start, end } = await followUpWindow(c, w);
  const qb = () => c.tx.createQueryBuilder(Activity, 'a')
    .where('a.author_id = :userId AND a.occurred_at >= :start AND a.occurred_at < :end', { userId, start: dbTime(c.db, start), end: dbTime(c.db, end) });
  const total = await qb().getCount();
  const rows = await qb().orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').take(Math.min(Math.max(limit, 1), 100)).getMany();
  return { user: { id: Number(user.id), name: user.name }, start, end, total, items: await withSubjects(c, rows) };
}

/** Follow-ups as the lists show them: each with the name of its customer (or its lead's company), in two reads at most. */
export async function withSubjects(c: DomainContext, rows: Activity[]): Promise<PersonFollowUp[]> {
  const customerIds = [...new Set(rows.map((a) => a.customerId).filter((id): id is number => id !== null))];
  const leadIds = [...new Set(rows.map((a) => a.leadId).filter((id): id is number => id !== null))];
  const customers = new Map(customerIds.length ? (await c.tx.find(Customer, { where: { id: In(customerIds) }, select: { id: true, name: true } })).map((x) => [Number(x.id), x.name]) : []);
  const leads = new Map(leadIds.length ? (await c.tx.find(Lead, { where: { id: In(leadIds) }, select: { id: true, company: true } })).map((x) => [Number(x.id), x.company]) : []);
  return rows.map((a) => ({
    id: a.id, type: a.type, outcome: a.outcome, occurredAt: a.occurredAt, content: a.content, customerId: a.customerId, leadId: a.leadId,
    subjectName: (a.customerId !== null ? customers.get(a.customerId) : a.leadId !== null ? leads.get(a.leadId) : undefined) ?? null,
  }));
}
