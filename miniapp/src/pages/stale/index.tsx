// Overdue customers (Today → "all", Me): the customers past their follow-up cadence or going back to the pool soon —
// GET /customers/stale, the list the bot answers "which customers have gone quiet" with, on the reminders' clocks. A rep sees their
// own; a manager their team's (an admin everyone's), grouped by owner, with a chip per owner to see one person's.
// Each row says how long since the last follow-up and why it is listed (days past its cadence, the day it goes back
// to the pool); a tap opens the customer, and on one's own customers the follow-up form is one tap away. A page at a
// time by cursor (scrolling to the bottom, or "load more"); the summary, chips and group counts cover the whole list.
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, PageFooter, Uc } from '../../components/bits';
import { api, qs } from '../../api/client';
import type { StaleCustomer, StaleCustomers } from '../../api/types';
import { useMe } from '../../lib/session';
import { useLatestRequest } from '../../lib/latest-request';
import { dateOnly } from '../../lib/format';
import { nowMs } from '../../lib/clock';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

/** Rows asked for a page at a time (the list's nextCursor brings the next). */
const LIMIT = 20;
/** 'all', or one owner's id as the chip key. */
type Owner = string;

function StaleRow({ c, mine }: { c: StaleCustomer; mine: boolean }) {
  const { t } = useT();
  return (
    <View className='row' data-testid='stale-row' data-id={c.id} data-owner={c.ownerId}>
      <View className='row-main' onClick={() => Taro.navigateTo({ url: `/pages/customer/index?id=${c.id}` })}>
        <View className='row-title'><Text className={`badge badge-${c.level.toLowerCase()}`}>{c.level}</Text><Uc>{c.name}</Uc></View>
        <View className='row-sub' data-testid='stale-days' data-days={c.days}>
          {c.lastFollowUpAt
            ? t(c.days === 1 ? 'stale.daysOne' : 'stale.days', { days: c.days })
            : t(c.days === 1 ? 'stale.neverOne' : 'stale.never', { days: c.days })}
        </View>
        <View className='row-sub reasons'>
          {c.overdueDays !== null && (
            <Text className='badge badge-a' data-testid='stale-reason' data-reason='cadence'>
              {c.overdueDays > 0
                ? t(c.overdueDays === 1 ? 'stale.pastCadenceOne' : 'stale.pastCadence', { days: c.overdueDays, every: c.everyDays ?? '' })
                : t('stale.cadenceNow', { every: c.everyDays ?? '' })}
            </Text>
          )}
          {c.returnAt !== null && c.daysLeft !== null && (
            <Text className='badge badge-warn' data-testid='stale-reason' data-reason='pool'>
              {Date.parse(c.returnAt) <= nowMs() ? t('stale.poolDue')
                : c.daysLeft === 0 ? t('stale.poolWithinDay')
                  : t(c.daysLeft === 1 ? 'stale.poolOnOne' : 'stale.poolOn', { date: dateOnly(c.returnAt), days: c.daysLeft })}
            </Text>
          )}
        </View>
      </View>
      {mine && <View className='btn btn-primary' data-testid='stale-followup' onClick={() => openFollowUp(c.id, c.name)}>{t('today.followUp')}</View>}
    </View>
  );
}

export default function Stale() {
  const { t } = useT();
  const me = useMe();
  const [owner, setOwner] = useState<Owner>('all');
  const [data, setData] = useState<StaleCustomers | null>(null);
  /** Whose the whole list is (from the answer for everyone): the chips stay while one person's is shown. */
  const [owners, setOwners] = useState<StaleCustomers['owners']>([]);
  const [scope, setScope] = useState<StaleCustomers['scope']>('mine');
  const { loading, error, run } = useLatestRequest();

  /** The first page again (reset), or the page after what is shown. */
  const fetchPage = useCallback(async (reset: boolean) => {
    if (!me) return;
    await run(async (current) => {
      const cursor = reset ? undefined : data?.nextCursor ?? undefined;
      const r = await api<StaleCustomers>('GET', `/customers/stale${qs({ limit: LIMIT, cursor, ownerId: owner === 'all' ? undefined : Number(owner) })}`);
      if (!current()) return;
      setData((prev) => (reset || !prev ? r : { ...r, items: [...prev.items, ...r.items] }));
      if (owner === 'all') { setOwners(r.owners); setScope(r.scope); }
    });
  }, [me, owner, data, run]);
  const load = useCallback(() => fetchPage(true), [fetchPage]);
  const more = () => { if (data?.nextCursor && !loading) void fetchPage(false); };
  useEffect(() => { setData(null); void fetchPage(true); }, [me, owner]);
  useReachBottom(more);
  // Back from a follow-up or the customer: a customer followed up leaves the list.
  const away = useRef(false);
  useDidHide(() => { away.current = true; });
  useDidShow(() => { if (away.current) { away.current = false; void load(); } });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  const team = scope !== 'mine';
  // A manager's list for everyone comes by owner (the one with the most first), each most urgent first.
  const grouped = team && owner === 'all';
  /** Whose list the words speak of: mine, my team's, everyone's, or one person's (an owner chip). */
  const kind = owner !== 'all' ? 'one' : scope;
  const groups = !data ? [] : grouped
    ? owners.map((o) => ({ ...o, items: data.items.filter((c) => c.ownerId === o.id) })).filter((g) => g.items.length > 0)
    : [{ id: owner === 'all' ? 0 : Number(owner), name: '', count: data.total, items: data.items }];

  return (
    <Shell title={t('nav.stale')} tab='today'>
      {team && owners.length > 1 && (
        <Chips testId='stale-owner' value={owner} onChange={setOwner}
          options={[{ key: 'all', label: t('stale.everyone') }, ...owners.map((o) => ({ key: String(o.id), label: t('stale.ownerChip', { name: o.name, count: o.count }), uc: true }))]} />
      )}
      {error && <ErrorLine error={error} onRetry={() => void fetchPage(!data)} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <View className='pad muted' data-testid='stale-summary'>
            <Text>{t(`stale.summary.${kind}`, { count: data.total, days: data.poolSoonDays })}</Text>
          </View>
          {data.items.length === 0 && <EmptyState text={t(`stale.empty.${kind}`, { days: data.poolSoonDays })} />}
          {groups.map((g) => (
            <View key={g.id} className='section' data-testid='stale-group' data-owner={g.id}>
              {grouped && (
                <View className='section-title' data-testid='stale-group-title'><Uc>{g.name}</Uc><Text className='muted'>{t('stale.count', { count: g.count })}</Text></View>
              )}
              {g.items.map((c) => <StaleRow key={c.id} c={c} mine={c.ownerId === me?.id} />)}
            </View>
          ))}
          {data.total > data.items.length && (
            <View className='pad center muted' data-testid='stale-more'>{t('stale.more', { shown: data.items.length, total: data.total })}</View>
          )}
          <PageFooter loading={loading} error={error} hasMore={!!data.nextCursor} shown={data.items.length} onMore={more} />
        </>
      )}
    </Shell>
  );
}
