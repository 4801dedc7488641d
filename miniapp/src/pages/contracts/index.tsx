// My contracts (Me → My contracts): the contracts the API lets the signed-in person see (a rep's own, a manager's
// team's, finance and admins all), most recently updated first, filtered by status, a page at a time by cursor
// (scrolling to the bottom, or "load more"). Each row names its customer as the contract itself carries it
// (customerName: for every reader of the contract, finance too, who may not open the customer; absent where a field
// rule hides it). A row opens the contract. Deep link: /pages/contracts/index?status=pending
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, PageFooter } from '../../components/bits';
import { ContractRow } from '../../components/ContractRow';
import { api, qs, type Page } from '../../api/client';
import type { ContractRecord, ContractStatus } from '../../api/types';
import { useMe } from '../../lib/session';
import { useLatestRequest } from '../../lib/latest-request';
import { useT } from '../../i18n';

const STATUSES: ContractStatus[] = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'];
type Filter = 'all' | ContractStatus;
const asFilter = (s: string | undefined): Filter => (STATUSES as string[]).includes(s ?? '') ? (s as ContractStatus) : 'all';

export default function Contracts() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [status, setStatus] = useState<Filter>(asFilter(params.status));
  const [items, setItems] = useState<ContractRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { loading, error, run } = useLatestRequest();

  const fetchPage = useCallback(async (reset: boolean) => {
    if (!me) return;
    await run(async (current) => {
      const page = await api<Page<ContractRecord>>('GET', `/contracts${qs({
        status: status === 'all' ? undefined : status, sort: '-updatedAt', limit: 20, cursor: reset ? undefined : cursor ?? undefined,
      })}`);
      if (!current()) return;
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setCursor(page.nextCursor);
    });
  }, [me, status, cursor, run]);

  useEffect(() => { setItems([]); setCursor(null); void fetchPage(true); }, [me, status]);
  // Back from a contract (submitted, withdrawn, edited): its place and status may have changed.
  const away = useRef(false);
  useDidHide(() => { away.current = true; });
  useDidShow(() => { if (away.current) { away.current = false; void fetchPage(true); } });
  useReachBottom(() => { if (cursor && !loading) void fetchPage(false); });
  usePullDownRefresh(() => { void fetchPage(true).finally(() => Taro.stopPullDownRefresh()); });

  return (
    <Shell title={t('nav.contracts')} tab='me'>
      <Chips testId='contracts-status' value={status} onChange={setStatus}
        options={[{ key: 'all', label: t('contracts.all') }, ...STATUSES.map((s) => ({ key: s, label: t(`contract.status.${s}`) }))]} />
      {items.length > 0 && (
        <View className='section' data-testid='contract-list'>
          {items.map((k) => <ContractRow key={k.id} k={k} customer={k.customerName} />)}
        </View>
      )}
      {error && <ErrorLine error={error} onRetry={() => void fetchPage(items.length === 0)} />}
      {!loading && !error && items.length === 0 && <EmptyState text={t(status === 'all' ? 'contracts.empty' : 'contracts.emptyStatus')} />}
      <PageFooter loading={loading} error={error} hasMore={!!cursor} shown={items.length} onMore={() => void fetchPage(false)} />
    </Shell>
  );
}
