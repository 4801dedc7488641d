// Leads and the pool: my leads (follow up, release with a reason, convert to a customer) and the pool (claim first).
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Uc } from '../../components/bits';
import { ReasonForm } from '../../components/ReasonForm';
import { api, qs, type Page } from '../../api/client';
import type { Lead } from '../../api/types';
import { useMe } from '../../lib/session';
import { useT } from '../../i18n';
import { openLeadFollowUp } from '../followup/open';

type Tab = 'mine' | 'pool';

export default function Leads() {
  const { t } = useT();
  const me = useMe();
  const [tab, setTab] = useState<Tab>('mine');
  const [items, setItems] = useState<Lead[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<number | null>(null);

  const load = useCallback(async (reset: boolean) => {
    if (!me) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page<Lead>>('GET', `/leads${qs({
        ownerId: tab === 'mine' ? me.id : 'null', status: tab === 'mine' ? 'new,contacted,qualified' : undefined,
        sort: '-updatedAt', limit: 20, cursor: reset ? undefined : cursor ?? undefined,
      })}`);
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [me, tab, cursor]);
  useEffect(() => { setItems([]); void load(true); }, [me, tab]);
  useReachBottom(() => { if (cursor && !loading) void load(false); });
  usePullDownRefresh(() => { void load(true).finally(() => Taro.stopPullDownRefresh()); });

  const act = async (path: string, body: unknown, done: string, after?: (r: any) => void) => {
    try {
      const r = await api('POST', path, body);
      void Taro.showToast({ title: t(done), icon: 'success' });
      after?.(r);
      void load(true);
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  return (
    <Shell title={t('nav.leads')} tab='me'>
      <Chips testId='lead-tab' value={tab} onChange={setTab} options={[{ key: 'mine', label: t('leads.mine') }, { key: 'pool', label: t('leads.pool') }]} />
      <View className='section'>
        {items.map((l) => (
          <View key={l.id}>
            <View className='row' data-testid='lead-row'>
              <View className='row-main'>
                <View className='row-title'><Uc>{l.company}</Uc></View>
                <View className='row-sub'><Text className='badge'>{t(`leads.status.${l.status}`)}</Text>{l.contactName && <Uc>{l.contactName} </Uc>}{l.region && <Uc>· {l.region}</Uc>}</View>
              </View>
              {tab === 'pool'
                ? <View className='btn btn-primary' onClick={() => void act(`/leads/${l.id}/claim`, {}, 'leads.claimed')}>{t('leads.claim')}</View>
                : (
                  <>
                    <View className='btn' data-testid='lead-followup' onClick={() => openLeadFollowUp(l.id, l.company)}>{t('leads.followUp')}</View>
                    <View className='btn' onClick={() => setReleasing(releasing === l.id ? null : l.id)}>{t('leads.release')}</View>
                    <View className='btn btn-primary' onClick={() => void act(`/leads/${l.id}/convert`, {}, 'leads.converted', (r) => {
                      const id = r?.customer?.id ?? r?.customerId ?? r?.convertedCustomerId;
                      if (id) void Taro.navigateTo({ url: `/pages/customer/index?id=${id}` });
                    })}>{t('leads.convert')}</View>
                  </>
                )}
            </View>
            {releasing === l.id && (
              <ReasonForm onCancel={() => setReleasing(null)}
                onSubmit={async (reason) => { await api('POST', `/leads/${l.id}/release`, { reason }); setReleasing(null); void Taro.showToast({ title: t('leads.released'), icon: 'success' }); void load(true); }} />
            )}
          </View>
        ))}
      </View>
      {error && <ErrorLine error={error} onRetry={() => void load(true)} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <EmptyState />}
    </Shell>
  );
}
