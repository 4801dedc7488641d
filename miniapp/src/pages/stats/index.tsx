// Leaderboard and funnel for my team, from the server's rollups (GET /leaderboard, GET /funnel). A server
// without these APIs (404) shows "not available yet". Amounts hidden by a field rule keep their ranks.
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { Bars, type Bar } from '../../components/Bars';
import { api, ApiError, qs } from '../../api/client';
import { useMe } from '../../lib/session';
import { money } from '../../lib/format';
import { stageName } from '../../lib/stages';
import { useT } from '../../i18n';

const METRICS = ['wonAmount', 'payments', 'newCustomers', 'followUps'] as const;
const PERIODS = ['week', 'month', 'quarter'] as const;
type Metric = (typeof METRICS)[number];

interface Row { userId: number; name: string; value: number; rank: number }
interface Board { periodLabel?: string; teamName?: string | null; amountsHidden?: boolean; items: Row[] }
interface FunnelStage { stage: string; label?: string; count: number; amountCents?: number; conversion?: number | null }
interface Funnel { stages: FunnelStage[]; won?: { entered: number; conversion: number | null }; forecastCents?: number; amountsHidden?: boolean; teamName?: string | null }

// Card links say won_amount / new_customers / followups (the domain's names); this page says wonAmount etc.
const FROM_LINK: Record<string, Metric> = { won_amount: 'wonAmount', payments: 'payments', new_customers: 'newCustomers', followups: 'followUps' };
const linkMetric = (m?: string): Metric => (m && (METRICS as readonly string[]).includes(m) ? (m as Metric) : (m && FROM_LINK[m]) || 'wonAmount');
const linkPeriod = (p?: string): (typeof PERIODS)[number] => (p && (PERIODS as readonly string[]).includes(p) ? (p as (typeof PERIODS)[number]) : 'month');

const isMoney = (m: Metric) => m === 'wonAmount' || m === 'payments';
const pct = (r: number) => Math.round(r * 100);

export default function Stats() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [metric, setMetric] = useState<Metric>(linkMetric(params.metric));
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(linkPeriod(params.period));
  const [board, setBoard] = useState<Board | null | 'unavailable'>(null);
  const [funnel, setFunnel] = useState<Funnel | null | 'unavailable'>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    setBoard(null);
    const grab = async <T,>(path: string, set: (v: T | 'unavailable') => void, pick: (r: any) => T) => {
      try { set(pick(await api('GET', path))); } catch (e) {
        if (e instanceof ApiError && e.status === 404) set('unavailable'); else setError((e as Error).message);
      }
    };
    await Promise.all([
      grab<Board>(`/leaderboard${qs({ metric, period })}`, setBoard, (r) => (Array.isArray(r) ? { items: r } : { ...r, items: r.items ?? r.rows ?? [] })),
      grab<Funnel>('/funnel', setFunnel, (r) => (Array.isArray(r) ? { stages: r } : { ...r, stages: r.stages ?? [] })),
    ]);
  }, [me, metric, period]);
  useEffect(() => { void load(); }, [load]);
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  const hidden = typeof board === 'object' && !!board?.amountsHidden && isMoney(metric);
  const boardBars: Bar[] = board && board !== 'unavailable' ? board.items.map((r, i) => ({
    key: String(r.userId ?? i), label: r.name ?? String(r.userId ?? ''), userLabel: true, rank: r.rank ?? i + 1,
    value: hidden ? 1 : r.value,
    display: hidden ? t('stats.hidden') : isMoney(metric) ? money(r.value) : t('stats.count', { count: r.value }),
  })) : [];
  const f = funnel && funnel !== 'unavailable' ? funnel : null;
  const funnelBars: Bar[] = f ? f.stages.map((s) => ({
    key: s.stage, label: stageName(s.stage, [{ key: s.stage, label: s.label, probability: 0 }]), value: s.count,
    display: f.amountsHidden || s.amountCents === undefined ? t('stats.count', { count: s.count }) : t('stats.funnelValue', { count: s.count, amount: money(s.amountCents) }),
    note: s.conversion !== undefined && s.conversion !== null ? t('stats.conversion', { rate: pct(s.conversion) }) : undefined,
  })) : [];

  return (
    <Shell title={t('nav.stats')} tab='me'>
      {error && <ErrorLine error={error} onRetry={load} />}
      <Section title={t('stats.leaderboard')} testId='leaderboard'
        extra={typeof board === 'object' && board?.periodLabel ? <Text className='muted'>{board.teamName && <Uc>{board.teamName} · </Uc>}<Text>{board.periodLabel}</Text></Text> : undefined}>
        <Chips testId='metric' value={metric} onChange={setMetric} options={METRICS.map((m) => ({ key: m, label: t(`stats.metric.${m}`) }))} />
        <Chips testId='period' value={period} onChange={setPeriod} options={PERIODS.map((p) => ({ key: p, label: t(`stats.period.${p}`) }))} />
        {board === null && <Loading />}
        {board === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {board && board !== 'unavailable' && (boardBars.length ? <Bars bars={boardBars} testId='board' rowTestId='board-row' /> : <EmptyState text={t('stats.boardEmpty')} />)}
        {hidden && <View className='pad muted'>{t('stats.amountsHidden')}</View>}
      </Section>
      <Section title={t('stats.funnel')} testId='funnel'>
        {funnel === null && <Loading />}
        {funnel === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {f && (f.stages.some((s) => s.count > 0) ? <Bars bars={funnelBars} testId='funnel-bars' rowTestId='funnel-row' /> : <EmptyState />)}
        {f && !f.amountsHidden && f.forecastCents !== undefined && (
          <View className='stat-line' data-testid='forecast'><Text>{t('stats.forecast')}</Text><Text>{money(f.forecastCents)}</Text></View>
        )}
        {f?.won && f.won.conversion !== null && (
          <View className='stat-line'><Text>{t('stats.wonRate')}</Text><Text>{pct(f.won.conversion)}%</Text></View>
        )}
      </Section>
      <View style={{ height: '16px' }} />
    </Shell>
  );
}
