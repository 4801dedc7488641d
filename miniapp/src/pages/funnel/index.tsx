// Sales funnel for my team (GET /funnel): an F2 funnel of opportunity counts per open stage and, under it,
// the stages in text with count, amount (unless a field rule hides amounts) and conversion, then the
// weighted forecast and the win rate. Card deep link: pages/funnel/index[?teamId=] — a group card opens its team's
// funnel (its own subpackage, like the leaderboard).
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { F2Chart } from '../../components/charts/F2Chart';
import { funnelChart, funnelChartHeight } from '../../components/charts/funnelChart';
import { getOptional, type Optional } from '../../lib/optional-api';
import { qs } from '../../api/client';
import { useMe } from '../../lib/session';
import { money } from '../../lib/format';
import { stageName } from '../../lib/stages';
import { useT } from '../../i18n';

interface FunnelStage { stage: string; label?: string; count: number; amountCents?: number; conversion?: number | null }
interface Funnel { stages: FunnelStage[]; won?: { entered: number; conversion: number | null }; forecastCents?: number; amountsHidden?: boolean; teamName?: string | null }

const pct = (r: number) => Math.round(r * 100);

export default function FunnelPage() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const teamId = Number(params.teamId) || undefined;
  const [funnel, setFunnel] = useState<Optional<Funnel> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    setFunnel(null);
    try {
      const r = await getOptional<Funnel>(`/funnel${qs({ teamId })}`);
      setFunnel(r === 'unavailable' ? r : { ...r, stages: r.stages ?? [] });
    } catch (e) { setError((e as Error).message); }
  }, [me, teamId]);
  useEffect(() => { void load(); }, [load]);
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  const f = funnel && funnel !== 'unavailable' ? funnel : null;
  const stages = (f?.stages ?? []).map((s) => ({ ...s, name: stageName(s.stage, [{ key: s.stage, label: s.label, probability: 0 }]) }));

  return (
    <Shell title={t('stats.funnel')} tab='me'>
      {error && <ErrorLine error={error} onRetry={load} />}
      <Section title={t('stats.funnel')} testId='funnel' extra={f?.teamName ? <Uc className='muted'>{f.teamName}</Uc> : undefined}>
        {funnel === null && !error && <Loading />}
        {funnel === 'unavailable' && <EmptyState unavailable text={t('stats.unavailable')} />}
        {f && !stages.some((s) => s.count > 0) && <EmptyState />}
        {f && stages.some((s) => s.count > 0) && (
          <>
            <F2Chart testId='funnel-chart' height={funnelChartHeight(stages.length)} version={stages.map((s) => `${s.stage}:${s.count}:${s.name}`).join(',')}
              build={funnelChart(stages.map((s) => ({ label: s.name, count: s.count })))} />
            <View data-testid='funnel-list' role='list'>
              {stages.map((s) => (
                <View key={s.stage} className='rank-row' data-testid='funnel-row' role='listitem'>
                  <View className='rank-name'>
                    <Text>{s.name}</Text>
                    {s.conversion !== undefined && s.conversion !== null && <View className='bar-note'>{t('stats.conversion', { rate: pct(s.conversion) })}</View>}
                  </View>
                  <Text className='rank-value'>
                    {f.amountsHidden || s.amountCents === undefined ? t('stats.count', { count: s.count }) : t('stats.funnelValue', { count: s.count, amount: money(s.amountCents) })}
                  </Text>
                </View>
              ))}
            </View>
          </>
        )}
        {f && !f.amountsHidden && f.forecastCents !== undefined && (
          <View className='stat-line' data-testid='forecast'><Text>{t('stats.forecast')}</Text><Text>{money(f.forecastCents)}</Text></View>
        )}
        {f?.amountsHidden && <View className='pad muted' data-testid='amounts-hidden'>{t('stats.amountsHidden')}</View>}
        {f?.won && f.won.conversion !== null && (
          <View className='stat-line'><Text>{t('stats.wonRate')}</Text><Text>{pct(f.won.conversion)}%</Text></View>
        )}
      </Section>
      <View className='pad'>
        <View className='btn btn-block' data-testid='go-leaderboard' onClick={() => Taro.navigateTo({ url: '/pages/leaderboard/index' })}>{t('stats.leaderboard')}</View>
      </View>
    </Shell>
  );
}
