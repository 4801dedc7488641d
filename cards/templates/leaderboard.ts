// 龙虎榜 for a team: ranked rows. Where amounts are hidden from any member of the audience, ranks only.
import { t, type Locale } from '../../locales/index.js';
import { formatCount, formatMoney } from '../format.js';
import type { CardSpec } from '../spec.js';
import { baseSpec, type CardCommon } from './common.js';

export type BoardMetric = 'won_amount' | 'payments' | 'new_customers' | 'followups';
export type BoardPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface LeaderboardData extends CardCommon {
  metric: BoardMetric;
  period: BoardPeriod;
  /** -1: the period before the current one (yesterday, last week …), lower: an earlier one; absent or 0: the current one. */
  offset?: number;
  /** "2026-11", "2026-Q4", "2026", "2026-11-16~": shown under the title. */
  periodLabel?: string;
  teamName?: string;
  /** The team ranked (a group card's bound team): the mini-program opens that team's board. */
  teamId?: number;
  rows: { rank: number; name: string; value: number }[];
  /** Field rules hide amounts from someone who will see this card: show ranks without values. */
  amountsHidden: boolean;
  /** The current period is empty so far: the previous period's leaders, shown instead under a note saying so. */
  previous?: { periodLabel?: string; rows: { rank: number; name: string; value: number }[]; amountsHidden: boolean };
  currency?: string;
}

export const MAX_ROWS = 10;
const isMoney = (m: BoardMetric) => m === 'won_amount' || m === 'payments';

export function leaderboardCard(data: LeaderboardData, locale: Locale): CardSpec {
  const spec = baseSpec('leaderboard', data, locale, t(locale, 'card.leaderboard.title', {
    period: t(locale, !data.offset ? `card.period.${data.period}` : data.offset === -1 ? `card.period.previous.${data.period}` : 'card.period.earlier'), metric: t(locale, `card.metric.${data.metric}`),
  }));
  spec.openPath = `pages/leaderboard/index?metric=${data.metric}&period=${data.period}${data.offset === -1 ? '&offset=-1' : ''}${data.teamId ? `&teamId=${data.teamId}` : ''}`;
  const sub = [data.teamName, data.periodLabel].filter(Boolean).join(' · ');
  if (sub) spec.subtitle = sub;
  const before = !data.rows.length && data.previous?.rows.length ? data.previous : null;
  const hide = (data.amountsHidden || !!before?.amountsHidden) && isMoney(data.metric);
  spec.rows = (before ?? data).rows.slice(0, MAX_ROWS).map((r) => ({
    label: t(locale, before ? 'card.leaderboard.row_previous' : 'card.leaderboard.row', { rank: r.rank, name: r.name, previous: t(locale, `card.period.previous.${data.period}`) }),
    ...(hide ? {} : { value: isMoney(data.metric) ? formatMoney(r.value, data.currency) : formatCount(r.value) }),
  }));
  if (before) spec.notes.push(t(locale, 'card.leaderboard.empty_previous', { previous: t(locale, `card.period.previous.${data.period}`), label: before.periodLabel ?? '' }));
  else if (spec.rows.length === 0) spec.notes.push(t(locale, 'card.leaderboard.empty'));
  if (hide) spec.notes.push(t(locale, 'card.leaderboard.hidden'));
  return spec;
}
