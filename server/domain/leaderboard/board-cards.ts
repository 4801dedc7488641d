// Card data for boards (templates in cards/templates/leaderboard.ts and funnel.ts), shared by chat replies and
// scheduled group pushes so both show the same thing.
import { t, type Locale } from '../../../locales/index.js';
import type { Board } from './leaderboard.js';
import type { Funnel } from './funnel.js';

export type FunnelView = 'funnel' | 'forecast' | 'region';

export function leaderboardCardData(b: Board, timeZone: string): Record<string, unknown> {
  return {
    timeZone, metric: b.metric, period: b.period, offset: b.offset || undefined, periodLabel: b.periodLabel, teamName: b.teamName ?? undefined, teamId: b.teamId ?? undefined,
    amountsHidden: b.amountsHidden, rows: b.rows.map((r) => ({ rank: r.rank, name: r.name, value: r.value })),
    ...(b.previous ? { previous: { periodLabel: b.previous.periodLabel, amountsHidden: b.previous.amountsHidden, rows: b.previous.rows.map((r) => ({ rank: r.rank, name: r.name, value: r.value })) } } : {}),
  };
}

export function funnelCardData(f: Funnel, view: FunnelView, locale: Locale, timeZone: string): Record<string, unknown> {
  const common = { timeZone, view, teamName: f.teamName ?? undefined, teamId: f.teamId ?? undefined, amountsHidden: f.amountsHidden, forecastCents: f.amountsHidden ? undefined : f.forecastCents };
  if (view === 'forecast') {
    return { ...common, stages: f.forecastByMonth.map((m) => ({ name: m.key || t(locale, 'leaderboard.no_close_date'), count: m.count, amountCents: m.weightedCents, conversion: null })) };
  }
  if (view === 'region') {
    return { ...common, stages: f.byRegion.map((r) => ({ name: r.key || t(locale, 'leaderboard.no_region'), count: r.count, amountCents: r.amountCents, conversion: null })) };
  }
  return { ...common, stages: f.stages.map((s) => ({ name: s.label[locale] ?? s.key, count: s.count, amountCents: s.amountCents, conversion: s.conversion })) };
}
