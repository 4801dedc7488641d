// Leaderboard for my team from the server's rollups (GET /leaderboard): an F2 bar chart and, under it, the
// ranked list with the same numbers in text (what screen readers read). Amounts hidden by a field rule keep
// their ranks and get no chart. Card deep link: pages/leaderboard/index?metric=&period=[&offset=-1][&teamId=] — a
// group card opens its team's board for the period it showed (its own subpackage: the chart library stays out of the
// main package).
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { F2Chart } from '../../components/charts/F2Chart';
import { boardChartHeight, leaderboardChart } from '../../components/charts/leaderboardChart';
import { qs } from '../../api/client';
import { getOptional, type Optional } from '../../lib/optional-api';
import { useMe } from '../../lib/session';
import { money } from '../../lib/format';
import { useT } from '../../i18n';

const METRICS = ['wonAmount', 'payments', 'newCustomers', 'followUps'] as const;
const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
type Metric = (typeof METRICS)[number];
type Period = (typeof PERIODS)[number];

interface Row { userId: number; name: string; value?: number; rank: number }
interface Board { periodLabel?: string; teamName?: string | null; amountsHidden?: boolean; items: Row[] }

// Card links say won_amount / new_customers / followups (the domain's names); this page says wonAmount etc.
const FROM_LINK: Record<string, Metric> = { won_amount: 'wonAmount', payments: 'payments', new_customers: 'newCustomers', followups: 'followUps' };
const linkMetric = (m?: string): Metric => (m && (METRICS as readonly string[]).includes(m) ? (m as Metric) : (m && FROM_LINK[m]) || 'wonAmount');
const linkPeriod = (p?: string): Period => (p && (PERIODS as readonly string[]).includes(p) ? (p as Period) : 'month');
const isMoney = (m: Metric) => m === 'wonAmount' || m === 'payments';
/** The current period, or the one before it (yesterday, last week …). */
type When = '0' | '-1';

export default function Leaderboard() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [metric, setMetric] = useState<Metric>(linkMetric(params.metric));
  const [period, setPeriod] = useState<Period>(linkPeriod(params.period));
  const [when, setWhen] = useState<When>(params.offset === '-1' ? '-1' : '0');
  const teamId = Number(params.teamId) || undefined;
  const [board, setBoard] = useState<Optional<Board> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    setBoard(null);
    try {
      const r = await getOptional<Board & { rows?: Row[] }>(`/leaderboard${qs({ metric, period, offset: when === '-1' ? -1 : undefined, teamId })}`);
      setBoard(r === 'unavailable' ? r : { ...r, items: r.items ?? r.rows ?? [] });
    } catch (e) { setError((e as Error).message); }
  }, [me, metric, period, when, teamId]);
  useEffect(() => { void load(); }, [load]);
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  const b = board && board !== 'unavailable' ? board : null;
  const hidden = !!b?.amountsHidden && isMoney(metric);
  const display = (v: number | undefined) => (hidden || v === undefined ? t('stats.hidden') : isMoney(metric) ? money(v) : t('stats.count', { count: v }));
  const rows = b?.items ?? [];

  return (
    <Shell title={t('stats.leaderboard')} tab='me'>
      {error && <ErrorLine error={error} onRetry={load} />}
      <Section title={t('stats.leaderboard')} testId='leaderboard'
        extra={b?.periodLabel ? <Text className='muted'>{b.teamName && <Uc>{b.teamName} · </Uc>}<Text>{b.periodLabel}</Text></Text> : undefined}>
        <Chips testId='metric' value={metric} onChange={setMetric} options={METRICS.map((m) => ({ key: m, label: t(`stats.metric.${m}`) }))} />
        <Chips testId='period' value={period} onChange={setPeriod} options={PERIODS.map((p) => ({ key: p, label: t(when === '-1' ? `stats.period.previous.${p}` : `stats.period.${p}`) }))} />
        <Chips testId='when' value={when} onChange={setWhen} options={[{ key: '0', label: t('stats.when.current') }, { key: '-1', label: t('stats.when.previous') }]} />
        {board === null && !error && <Loading />}
        {board === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {b && rows.length === 0 && <EmptyState text={t('stats.boardEmpty')} />}
        {b && rows.length > 0 && !hidden && (
          <F2Chart testId='board-chart' height={boardChartHeight(rows.length)} version={`${metric}/${period}/${when}/${rows.map((r) => `${r.userId}:${r.value}`).join(',')}`}
            build={leaderboardChart(rows.map((r) => ({ name: r.name, value: r.value ?? 0, display: display(r.value) })))} />
        )}
        {b && rows.length > 0 && (
          <View data-testid='board' role='list'>
            {rows.map((r) => (
              <View key={r.userId} className='rank-row' data-testid='board-row' role='listitem'>
                <Text className='rank'>{r.rank}</Text>
                <Uc className='rank-name'>{r.name}</Uc>
                <Text className='rank-value' data-testid='board-value'>{display(r.value)}</Text>
              </View>
            ))}
          </View>
        )}
        {hidden && <View className='pad muted' data-testid='amounts-hidden'>{t('stats.amountsHidden')}</View>}
      </Section>
      <View className='pad'>
        <View className='btn btn-block' data-testid='go-funnel' onClick={() => Taro.navigateTo({ url: '/pages/funnel/index' })}>{t('stats.funnel')}</View>
      </View>
    </Shell>
  );
}
