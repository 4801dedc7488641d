// 龙虎榜: rank the people of a team by won amount, received payments, new customers or follow-ups in a period.
// Reads one bucket of metric_rollup (maintained by maintain-rollups.ts), never the raw tables.
import type { DomainContext } from '../shared/with-tx.js';
import { User } from '../user/user.entity.js';
import { periodRange, type Period } from './period.js';
import { getSetting } from '../settings/settings.js';
import { bucketOfDay, GRAIN_OF, localDay } from './buckets.js';
import { AMOUNT_GUARD, hiddenForReader, hiddenForTeam, teamScope } from './audience.js';
import type { Metric } from './contributions.js';

export type { Metric } from './contributions.js';

export interface BoardQuery {
  metric: Metric; period: Period; offset?: number;
  /** Team whose people are ranked (with its sub-teams); undefined = the reader's team, null = everyone. */
  teamId?: number | null;
  /** Who reads the result: the acting user (default) or every member of `teamId` (a group chat card). */
  audience?: 'reader' | 'team';
}
export interface BoardRow { rank: number; userId: number; name: string; value: number }
export interface Board {
  metric: Metric; period: Period; periodLabel: string; teamId: number | null; teamName: string | null;
  rows: BoardRow[];
  /** Amounts are hidden from a reader by a field rule: values are 0, ranks stay. */
  amountsHidden: boolean;
}

/** Competition ranking (1, 2, 2, 4) of the non-zero values, highest first, ties by user id. */
export function rankRows(values: { userId: number; name: string; value: number }[]): BoardRow[] {
  const sorted = values.filter((r) => r.value > 0).sort((a, b) => b.value - a.value || a.userId - b.userId);
  let rank = 0;
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].value === r.value ? rank : (rank = i + 1) }));
}

/**
 * The board for a team (default: the reader's own team; admins without a team see everyone). Who: anyone; it shows
 * names, ranks and (field rules permitting) totals of that team's reps and managers. Reads only: metric_rollup.
 */
export async function leaderboard(c: DomainContext, q: BoardQuery): Promise<Board> {
  const tz = await getSetting(c, 'timeZone');
  const range = periodRange(q.period, c.now, tz, q.offset ?? 0);
  const teamId = q.teamId === undefined ? c.actor.teamId : q.teamId;
  const isRanked = (role: string) => role === 'rep' || role === 'manager';
  const scope = teamId ? await teamScope(c, teamId) : null;
  const people = scope
    ? scope.members.filter((m) => m.active && isRanked(m.role))
    : await c.tx.createQueryBuilder(User, 'u').select(['u.id', 'u.name']).where('u.active = :on', { on: true }).andWhere("u.role IN ('rep', 'manager')").getMany();
  const team = scope ? { name: scope.name } : null;
  const base = { metric: q.metric, period: q.period, periodLabel: range.label, teamId: teamId ?? null, teamName: team?.name ?? null };
  if (!people.length) return { ...base, rows: [], amountsHidden: false };
  const grain = GRAIN_OF[q.period];
  const bucket = bucketOfDay(grain, localDay(range.start, tz));
  const ids = people.map((p) => p.id);
  const raw: { u: number; v: string | number }[] = await c.tx.query(
    `SELECT user_id AS u, total AS v FROM metric_rollup WHERE metric = ? AND grain = ? AND bucket = ?${teamId ? ` AND user_id IN (${ids.map(() => '?').join(',')})` : ''}`,
    [q.metric, grain, bucket, ...(teamId ? ids : [])]);
  const byUser = new Map(raw.map((r) => [Number(r.u), Number(r.v)]));
  const rows = rankRows(people.map((p) => ({ userId: p.id, name: p.name, value: byUser.get(p.id) ?? 0 })));
  const guard = q.metric === 'won_amount' || q.metric === 'payments' ? AMOUNT_GUARD[q.metric] : null;
  const owners = rows.map((r) => r.userId);
  const amountsHidden = !!guard && (q.audience === 'team' && teamId
    ? await hiddenForTeam(c, teamId, guard.object, guard.field, owners)
    : await hiddenForReader(c, guard.object, guard.field, owners));
  return { ...base, rows: amountsHidden ? rows.map((r) => ({ ...r, value: 0 })) : rows, amountsHidden };
}
