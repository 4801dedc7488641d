// 龙虎榜: rank the people of a team by won amount, received payments, new customers or follow-ups in a period.
// Reads one bucket of metric_rollup (maintained by maintain-rollups.ts; a year: its four quarters), never the raw tables.
import type { DomainContext } from '../shared/with-tx.js';
import { periodRange, type Period } from './period.js';
import { bucketsOf, GRAIN_OF, localDay } from './buckets.js';
import { AMOUNT_GUARD, hiddenForReader, hiddenForTeam } from './audience.js';
import { readBoard } from './board-read.js';
import { keptBoard, type Computed } from './board-cache.js';
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
  /** Periods before the reader's current one: 0 this one, -1 the one before (titled "last week", not "this week") … */
  offset: number;
  rows: BoardRow[];
  /** Amounts are hidden from a reader by a field rule: values are 0, ranks stay. */
  amountsHidden: boolean;
  /** With `orPrevious`, when this period has nothing yet: the previous period's leaders. */
  previous?: { periodLabel: string; rows: BoardRow[]; amountsHidden: boolean };
}

/** Competition ranking (1, 2, 2, 4) of the non-zero values, highest first, ties by user id. */
export function rankRows(values: { userId: number; name: string; value: number }[]): BoardRow[] {
  const sorted = values.filter((r) => r.value > 0).sort((a, b) => b.value - a.value || a.userId - b.userId);
  let rank = 0;
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].value === r.value ? rank : (rank = i + 1) }));
}

/**
 * The board for a team (default: the reader's own team; admins without a team see everyone). Who: anyone; it shows
 * names, ranks and (field rules permitting) totals of that team's reps and managers. Reads only: metric_rollup (a
 * board in one statement with its people and settings, board-read.ts); a team's board read again, only its board
 * stamps while nothing it shows has changed (board-cache.ts).
 */
export async function leaderboard(c: DomainContext, q: BoardQuery): Promise<Board> {
  const teamId = q.teamId === undefined ? c.actor.teamId : q.teamId;
  if (teamId === null) return (await computeBoard(c, q, null)).board;
  return keptBoard(c, teamId, q, () => computeBoard(c, q, teamId));
}

async function computeBoard(c: DomainContext, q: BoardQuery, teamId: number | null): Promise<Computed> {
  const grain = GRAIN_OF[q.period];
  // Once per zone: the buckets and the label both need it (Intl formatting, ~12 µs).
  const ranges = new Map<string, ReturnType<typeof periodRange>>();
  const rangeIn = (tz: string) => ranges.get(tz) ?? ranges.set(tz, periodRange(q.period, c.now, tz, q.offset ?? 0)).get(tz)!;
  const bucketsIn = (tz: string) => bucketsOf(q.period, localDay(rangeIn(tz).start, tz));
  // The team's or everyone's people, their totals and the settings: one statement (board-read.ts).
  const { scope, totals, timeZone: tz } = await readBoard(c, teamId, q.metric, grain, bucketsIn);
  const people = scope.members.filter((m) => m.active && isRanked(m.role));
  const base = { metric: q.metric, period: q.period, periodLabel: rangeIn(tz).label, teamId, teamName: scope.name, offset: q.offset ?? 0 };
  if (!people.length) return { board: { ...base, rows: [], amountsHidden: false }, timeZone: tz };
  const rows = rankRows(people.map((p) => ({ userId: p.id, name: p.name, value: totals.get(p.id) ?? 0 })));
  const guard = q.metric === 'won_amount' || q.metric === 'payments' ? AMOUNT_GUARD[q.metric] : null;
  const owners = rows.map((r) => r.userId);
  const amountsHidden = !!guard && (q.audience === 'team' && teamId
    ? await hiddenForTeam(c, teamId, guard.object, guard.field, owners)
    : await hiddenForReader(c, guard.object, guard.field, owners));
  return { board: { ...base, rows: amountsHidden ? rows.map((r) => ({ ...r, value: 0 })) : rows, amountsHidden }, timeZone: tz };
}

const isRanked = (role: string) => role === 'rep' || role === 'manager';

/** Leaders shown from the previous period when the current one is still empty. */
export const PREVIOUS_LEADERS = 3;

/**
 * The board, and when the current period has nothing yet (its first days: "本月排行榜" on the 2nd) the previous
 * period's leaders beside it, so the answer says who led rather than only "nothing yet". Who and reads: as leaderboard.
 */
export async function leaderboardOrPrevious(c: DomainContext, q: BoardQuery): Promise<Board> {
  const board = await leaderboard(c, q);
  if (board.rows.length || (q.offset ?? 0) !== 0) return board;
  const before = await leaderboard(c, { ...q, offset: -1 });
  if (!before.rows.length) return board;
  return { ...board, previous: { periodLabel: before.periodLabel, rows: before.rows.slice(0, PREVIOUS_LEADERS), amountsHidden: before.amountsHidden } };
}
