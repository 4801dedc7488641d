// 龙虎榜: rank the people of a team by won amount, received payments, new customers or follow-ups in a period.
import type { DomainContext } from '../shared/with-tx.js';
import { User } from '../user/user.entity.js';
import { Team } from '../user/team.entity.js';
import { teamSubtree, hiddenFields } from '../shared/permissions.js';
import { dbTime } from '../shared/sql.js';
import { periodRange, type Period } from './period.js';
import { getSetting } from '../settings/settings.js';

export type Metric = 'won_amount' | 'payments' | 'new_customers' | 'followups';

export interface BoardQuery { metric: Metric; period: Period; offset?: number; teamId?: number | null }
export interface Board {
  metric: Metric; period: Period; periodLabel: string; teamName: string | null;
  rows: { rank: number; userId: number; name: string; value: number }[];
  /** Amounts are hidden from this reader by a field rule: values are absent, ranks stay. */
  amountsHidden: boolean;
}

const SQL: Record<Metric, string> = {
  won_amount: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM opportunity WHERE status = 'won' AND closed_at >= ? AND closed_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  payments: `SELECT owner_id AS uid, SUM(received_amount_cents) AS v FROM payment WHERE received_at >= ? AND received_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  new_customers: `SELECT created_by_id AS uid, COUNT(*) AS v FROM customer WHERE created_at >= ? AND created_at < ? AND created_by_id IN (%IDS%) GROUP BY created_by_id`,
  followups: `SELECT author_id AS uid, COUNT(*) AS v FROM activity WHERE occurred_at >= ? AND occurred_at < ? AND author_id IN (%IDS%) GROUP BY author_id`,
};

/**
 * The board for a team (default: the reader's own team, or the whole company for admins). Who: anyone; a team
 * board shows names and ranks of that team. Amount metrics obey the `opportunity.amountCents` field rule for the reader.
 */
export async function leaderboard(c: DomainContext, q: BoardQuery): Promise<Board> {
  const tz = await getSetting(c, 'timeZone');
  const range = periodRange(q.period, c.now, tz, q.offset ?? 0);
  const teamId = q.teamId === undefined ? c.actor.teamId : q.teamId;
  const teams = teamId ? await teamSubtree(c, teamId) : null;
  const qb = c.tx.createQueryBuilder(User, 'u').where('u.active = :on', { on: true }).andWhere("u.role IN ('rep', 'manager')");
  if (teams) qb.andWhere('u.team_id IN (:...teams)', { teams });
  const people = await qb.getMany();
  const team = teamId ? await c.tx.findOne(Team, { where: { id: teamId } }) : null;
  if (!people.length) return { metric: q.metric, period: q.period, periodLabel: range.label, teamName: team?.name ?? null, rows: [], amountsHidden: false };
  const sql = SQL[q.metric].replace('%IDS%', people.map(() => '?').join(','));
  const raw: { uid: number; v: string | number }[] = await c.tx.query(sql, [dbTime(c.db, range.start), dbTime(c.db, range.end), ...people.map((p) => p.id)]);
  const byUser = new Map(raw.map((r) => [Number(r.uid), Number(r.v)]));
  const sorted = people.map((p) => ({ userId: p.id, name: p.name, value: byUser.get(p.id) ?? 0 }))
    .filter((r) => r.value > 0).sort((a, b) => b.value - a.value || a.userId - b.userId);
  let rank = 0;
  const rows = sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].value === r.value ? rank : (rank = i + 1) }));
  const money = q.metric === 'won_amount' || q.metric === 'payments';
  const amountsHidden = money && (await hiddenFields(c, q.metric === 'payments' ? 'payment' : 'opportunity', null)).some((f) => f.toLowerCase().includes('amount'));
  return { metric: q.metric, period: q.period, periodLabel: range.label, teamName: team?.name ?? null, rows: amountsHidden ? rows.map((r) => ({ ...r, value: 0 })) : rows, amountsHidden };
}
