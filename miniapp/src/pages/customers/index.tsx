// Customers: search, filter by owner (all / mine / pool), level and region, and an endless list by cursor.
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import SearchBar from '@nutui/nutui-react-taro/dist/es/packages/searchbar';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Uc } from '../../components/bits';
import { api, qs, type Page } from '../../api/client';
import type { Customer } from '../../api/types';
import { useMe } from '../../lib/session';
import { useLatestRequest } from '../../lib/latest-request';
import { shortTime } from '../../lib/format';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

type Owner = 'all' | 'mine' | 'pool';

export default function Customers() {
  const { t } = useT();
  const me = useMe();
  const [q, setQ] = useState('');
  const [owner, setOwner] = useState<Owner>('all');
  const [level, setLevel] = useState<string>('all');
  const [region, setRegion] = useState<string>('all');
  const [regions, setRegions] = useState<string[]>([]);
  const [items, setItems] = useState<Customer[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { loading, error, run } = useLatestRequest();

  const fetchPage = useCallback(async (reset: boolean) => {
    if (!me) return;
    await run(async (current) => {
      const ownerId = owner === 'mine' ? me.id : owner === 'pool' ? 'null' : undefined;
      const page = await api<Page<Customer>>('GET', `/customers${qs({
        q: q.trim() || undefined, ownerId, level: level === 'all' ? undefined : level, region: region === 'all' ? undefined : region,
        sort: '-updatedAt', limit: 20, cursor: reset ? undefined : cursor ?? undefined,
      })}`);
      if (!current()) return;
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
      // Region chips come from what the server holds: the districts seen so far.
      setRegions((prev) => [...new Set([...prev, ...page.items.map((c) => c.region).filter((r): r is string => !!r)])].slice(0, 12));
    });
  }, [me, q, owner, level, region, cursor, run]);

  useEffect(() => { void fetchPage(true); }, [me, owner, level, region]);
  useReachBottom(() => { if (!done && !loading) void fetchPage(false); });
  usePullDownRefresh(() => { void fetchPage(true).finally(() => Taro.stopPullDownRefresh()); });

  const claim = async (c: Customer) => {
    await api('POST', `/customers/${c.id}/claim`, {});
    void Taro.showToast({ title: t('customers.claimed'), icon: 'success' });
    void fetchPage(true);
  };

  return (
    <Shell title={t('nav.customers')} tab='customers'>
      <View data-testid='search'>
        <SearchBar value={q} placeholder={t('customers.search')} onChange={(v: string) => setQ(v)} onSearch={() => void fetchPage(true)}
          onClear={() => { setQ(''); setTimeout(() => void fetchPage(true)); }} />
      </View>
      <Chips testId='owner' value={owner} onChange={setOwner}
        options={(['all', 'mine', 'pool'] as const).map((k) => ({ key: k, label: t(`customers.owner.${k}`) }))} />
      <Chips testId='level' value={level} onChange={setLevel}
        options={[{ key: 'all', label: t('customers.level.all') }, ...['A', 'B', 'C'].map((l) => ({ key: l, label: t('customers.level', { level: l }) }))]} />
      {regions.length > 0 && (
        <Chips testId='region' value={region} onChange={setRegion}
          options={[{ key: 'all', label: t('customers.region.all') }, ...regions.map((r) => ({ key: r, label: r, uc: true }))]} />
      )}
      <View className='section' data-testid='customer-list'>
        {items.map((c) => (
          <View key={c.id} className='row' data-testid='customer-row'>
            <View className='row-main' onClick={() => Taro.navigateTo({ url: `/pages/customer/index?id=${c.id}` })}>
              <View className='row-title'>
                <Text className={`badge badge-${c.level.toLowerCase()}`}>{c.level}</Text>
                {c.ownerId === null && <Text className='badge badge-warn'>{t('customers.inPool')}</Text>}
                <Uc>{c.name}</Uc>
              </View>
              <View className='row-sub'>
                {c.region && <Uc>{c.region} · </Uc>}
                {c.lastFollowUpAt ? t('customers.lastFollowUp', { time: shortTime(c.lastFollowUpAt) }) : t('today.neverFollowed')}
              </View>
            </View>
            {c.ownerId === null
              ? <View className='btn' onClick={() => void claim(c)}>{t('customers.claim')}</View>
              : <View className='btn btn-primary' onClick={() => openFollowUp(c.id, c.name)}>{t('today.followUp')}</View>}
          </View>
        ))}
      </View>
      {error && <ErrorLine error={error} onRetry={() => void fetchPage(items.length === 0)} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <EmptyState />}
      {!loading && done && items.length > 0 && <View className='pad center muted'>{t('common.noMore')}</View>}
    </Shell>
  );
}
