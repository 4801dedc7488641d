// Today: tasks due by tonight and my customers overdue for a follow-up (what the morning digest lists),
// each one tap away from the follow-up form.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorLine, Loading, Section, Tx, Uc } from '../../components/bits';
import { api, qs, type Page } from '../../api/client';
import type { Customer, Me, Task } from '../../api/types';
import { useMe } from '../../lib/session';
import { daysSince, shortTime } from '../../lib/format';
import { fromWall, nowMs, wall } from '../../lib/clock';
import { listDrafts, onDraftsChange } from '../../drafts/drafts';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

/** Follow-up cadence by level, in days (the digest's rule of thumb). */
const CADENCE: Record<string, number> = { A: 7, B: 14, C: 30 };

interface TodayData { tasks: Task[]; overdue: Customer[]; names: Record<number, string> }

export async function loadToday(me: Me): Promise<TodayData> {
  // Due by the end of the company's today, on the server's clock.
  const today = wall(nowMs());
  const end = new Date(fromWall(today.year, today.month, today.day + 1).getTime() - 1);
  const weekAgo = new Date(nowMs() - 7 * 86400000).toISOString();
  const [tasks, never, stale] = await Promise.all([
    api<Page<Task>>('GET', `/tasks${qs({ status: 'open', 'dueAt.lte': end.toISOString(), ownerId: me.id, sort: 'dueAt', limit: 50 })}`),
    api<Page<Customer>>('GET', `/customers${qs({ ownerId: me.id, lastFollowUpAt: 'null', sort: '-updatedAt', limit: 10 })}`),
    api<Page<Customer>>('GET', `/customers${qs({ ownerId: me.id, 'lastFollowUpAt.lte': weekAgo, sort: 'lastFollowUpAt', limit: 40 })}`),
  ]);
  const overdue = [...never.items, ...stale.items.filter((c) => daysSince(c.lastFollowUpAt) >= (CADENCE[c.level] ?? 30))].slice(0, 30);
  // Task rows show their customer's name: fetch the few we do not already have.
  const names: Record<number, string> = {};
  for (const c of overdue) names[c.id] = c.name;
  const missing = [...new Set(tasks.items.map((x) => x.customerId).filter((id): id is number => !!id && !names[id]))].slice(0, 20);
  await Promise.all(missing.map((id) => api<Customer>('GET', `/customers/${id}`).then((c) => { names[id] = c.name; }).catch(() => {})));
  return { tasks: tasks.items, overdue, names };
}

export default function Today() {
  const { t } = useT();
  const me = useMe();
  const [data, setData] = useState<TodayData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState(listDrafts().length);
  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try { setData(await loadToday(me)); } catch (e) { setError((e as Error).message); }
  }, [me]);
  useEffect(() => { void load(); }, [load]);
  useDidShow(() => { if (data) void load(); setDrafts(listDrafts().length); });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });
  useEffect(() => onDraftsChange((d) => setDrafts(d.length)), []);

  const complete = async (task: Task) => {
    await api('POST', `/tasks/${task.id}/complete`, {});
    void Taro.showToast({ title: t('today.completed'), icon: 'success' });
    void load();
  };

  return (
    <Shell title={t('nav.today')} tab='today'>
      {me && <View className='header'><Tx k='today.greeting' params={{ name: <Uc>{me.name}</Uc> }} /></View>}
      {drafts > 0 && (
        <View className='section pad' data-testid='drafts-banner' onClick={() => Taro.navigateTo({ url: '/pages/me/index?drafts=1' })}>
          <Text className='badge badge-warn'>{t('drafts.pending')}</Text><Text>{t('today.drafts', { count: drafts })}</Text>
        </View>
      )}
      {error && <ErrorLine error={error} onRetry={load} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <Section title={t('today.tasks')} testId='today-tasks'>
            {data.tasks.length === 0 && <EmptyState text={t('today.tasksEmpty')} />}
            {data.tasks.map((task) => (
              <View key={task.id} className='row' data-testid='task-row'>
                <View className='row-main' onClick={() => task.customerId && Taro.navigateTo({ url: `/pages/customer/index?id=${task.customerId}` })}>
                  <View className='row-title'><Uc>{task.title}</Uc></View>
                  <View className='row-sub'>
                    {task.customerId && data.names[task.customerId] ? <Uc>{data.names[task.customerId]} · </Uc> : null}
                    <Text>{t('today.dueAt', { time: shortTime(task.dueAt) })}</Text>
                  </View>
                </View>
                {task.customerId && (
                  <View className='btn btn-primary' data-testid='task-followup'
                    onClick={() => openFollowUp(task.customerId!, data.names[task.customerId!] ?? '', task.id)}>{t('today.followUp')}</View>
                )}
                <View className='btn' data-testid='task-complete' onClick={() => void complete(task)}>{t('today.complete')}</View>
              </View>
            ))}
          </Section>
          <Section title={t('today.overdue')} testId='today-overdue'>
            {data.overdue.length === 0 && <EmptyState text={t('today.overdueEmpty')} />}
            {data.overdue.map((c) => (
              <View key={c.id} className='row' data-testid='overdue-row'>
                <View className='row-main' onClick={() => Taro.navigateTo({ url: `/pages/customer/index?id=${c.id}` })}>
                  <View className='row-title'><Text className={`badge badge-${c.level.toLowerCase()}`}>{c.level}</Text><Uc>{c.name}</Uc></View>
                  <View className='row-sub'>{c.lastFollowUpAt ? t('today.overdueDays', { days: daysSince(c.lastFollowUpAt) }) : t('today.neverFollowed')}</View>
                </View>
                <View className='btn btn-primary' data-testid='overdue-followup' onClick={() => openFollowUp(c.id, c.name)}>{t('today.followUp')}</View>
              </View>
            ))}
          </Section>
        </>
      )}
    </Shell>
  );
}
