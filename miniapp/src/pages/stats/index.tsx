// Leaderboard and funnel for my team. Both APIs arrive with a later issue: a 404 shows "not available yet".
import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Section } from '../../components/bits';
import { Bars, type Bar } from '../../components/Bars';
import { api, ApiError, qs } from '../../api/client';
import { useMe } from '../../lib/session';
import { money } from '../../lib/format';
import { stageName } from '../../lib/stages';
import { useT } from '../../i18n';

const METRICS = ['wonAmount', 'payments', 'newCustomers', 'followUps'] as const;
const PERIODS = ['week', 'month', 'quarter'] as const;
type Metric = (typeof METRICS)[number];

interface Row { userId?: number; name?: string; value: number }
interface FunnelStage { stage: string; label?: string; count: number; amountCents?: number; conversion?: number | null }

const isMoney = (m: Metric) => m === 'wonAmount' || m === 'payments';

export default function Stats() {
  const { t } = useT();
  const me = useMe();
  const [metric, setMetric] = useState<Metric>('wonAmount');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const [board, setBoard] = useState<Row[] | null | 'unavailable'>(null);
  const [funnel, setFunnel] = useState<FunnelStage[] | null | 'unavailable'>(null);
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
      grab<Row[]>(`/leaderboard${qs({ metric, period })}`, setBoard, (r) => (Array.isArray(r) ? r : r.items ?? r.rows ?? [])),
      grab<FunnelStage[]>('/funnel', setFunnel, (r) => (Array.isArray(r) ? r : r.stages ?? r.items ?? [])),
    ]);
  }, [me, metric, period]);
  useEffect(() => { void load(); }, [load]);

  const boardBars: Bar[] = Array.isArray(board) ? board.map((r, i) => ({
    key: String(r.userId ?? i), label: r.name ?? String(r.userId ?? ''), userLabel: true, value: r.value,
    display: isMoney(metric) ? money(r.value) : t('stats.count', { count: r.value }),
  })) : [];
  const funnelBars: Bar[] = Array.isArray(funnel) ? funnel.map((s) => ({
    key: s.stage, label: stageName(s.stage), value: s.count,
    display: s.conversion !== undefined && s.conversion !== null ? t('stats.conversion', { rate: Math.round(s.conversion * 100) }) : t('stats.count', { count: s.count }),
  })) : [];

  return (
    <Shell title={t('nav.stats')} tab='me'>
      {error && <ErrorLine error={error} onRetry={load} />}
      <Section title={t('stats.leaderboard')} testId='leaderboard'>
        <Chips testId='metric' value={metric} onChange={setMetric} options={METRICS.map((m) => ({ key: m, label: t(`stats.metric.${m}`) }))} />
        <Chips testId='period' value={period} onChange={setPeriod} options={PERIODS.map((p) => ({ key: p, label: t(`stats.period.${p}`) }))} />
        {board === null && <Loading />}
        {board === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {Array.isArray(board) && (board.length ? <Bars bars={boardBars} /> : <EmptyState />)}
      </Section>
      <Section title={t('stats.funnel')} testId='funnel'>
        {funnel === null && <Loading />}
        {funnel === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {Array.isArray(funnel) && (funnel.length ? <Bars bars={funnelBars} /> : <EmptyState />)}
      </Section>
      <View style={{ height: '16px' }} />
    </Shell>
  );
}
