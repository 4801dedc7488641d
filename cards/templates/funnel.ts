// Sales funnel: count and amount per stage, stage-to-stage conversion, and the weighted forecast.
import { t, type Locale } from '../../locales/index.js';
import { formatCount, formatMoney, formatPercent } from '../format.js';
import type { CardSpec } from '../spec.js';
import { baseSpec, type CardCommon } from './common.js';

export interface FunnelData extends CardCommon {
  periodLabel?: string;
  teamName?: string;
  /** The team in scope (a group card's bound team): the mini-program opens that team's funnel. */
  teamId?: number;
  /** Stage names as configured (already in the reader's language), in pipeline order. */
  stages: { name: string; count: number; amountCents: number; /** From stage history; when present (even null) it replaces count ÷ previous count. */ conversion?: number | null }[];
  /** Which breakdown: stages (default), forecast by expected close month, or by region (rows without conversion). */
  view?: 'funnel' | 'forecast' | 'region';
  /** Open amount weighted by stage probability. */
  forecastCents?: number;
  amountsHidden: boolean;
  currency?: string;
}

export function funnelCard(data: FunnelData, locale: Locale): CardSpec {
  const spec = baseSpec('funnel', data, locale, t(locale, data.view && data.view !== 'funnel' ? `card.funnel.title_${data.view}` : 'card.funnel.title'));
  spec.openPath = `pages/funnel/index${data.teamId ? `?teamId=${data.teamId}` : ''}`;
  const sub = [data.teamName, data.periodLabel].filter(Boolean).join(' · ');
  if (sub) spec.subtitle = sub;
  spec.rows = data.stages.map((s, i) => {
    const prev = data.stages[i - 1];
    const rate = 'conversion' in s ? s.conversion : data.view && data.view !== 'funnel' ? null : prev && prev.count > 0 ? s.count / prev.count : null;
    const conv = rate !== null && rate !== undefined ? t(locale, 'card.funnel.conversion', { rate: formatPercent(rate) }) : '';
    const value = data.amountsHidden
      ? t(locale, 'card.funnel.count', { count: formatCount(s.count) })
      : t(locale, 'card.funnel.count_amount', { count: formatCount(s.count), amount: formatMoney(s.amountCents, data.currency) });
    return { label: s.name, value: conv ? `${value} ${conv}` : value };
  });
  if (!data.amountsHidden && data.forecastCents !== undefined) {
    spec.emphasis = { value: formatMoney(data.forecastCents, data.currency), label: t(locale, 'card.funnel.forecast') };
  }
  if (data.amountsHidden) spec.notes.push(t(locale, 'card.funnel.hidden'));
  return spec;
}
