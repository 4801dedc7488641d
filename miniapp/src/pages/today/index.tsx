// Today: tasks due by tonight and my customers overdue for a follow-up (what the morning digest lists),
// each one tap away from the follow-up form; "tomorrow" shows what falls due then, to plan the day ahead.
// "All" opens every overdue customer (a manager: the team's); finance gets shortcuts to open and overdue payments.
// A task is closed from its row: done, or cancelled (asked once more on the row, as a cancel cannot be taken back).
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Section, Tx, Uc } from '../../components/bits';
import { api } from '../../api/client';
import { cancelTask, completeTask } from '../../api/tasks';
import type { DayTask, MyDay } from '../../api/types';
import { useMe } from '../../lib/session';
import { shortTime } from '../../lib/format';
import { listDrafts, onDraftsChange } from '../../drafts/drafts';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

/** The same day as the morning digest and the bot's agenda, counted by the server in the company's time zone. */
export const loadToday = (): Promise<MyDay> => api<MyDay>('GET', '/my-day');

/** The company's day after `ymd` ('YYYY-MM-DD'): calendar arithmetic, the phone's own clock and zone play no part. */
export function nextDay(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type When = 'today' | 'tomorrow';

export default function Today() {
  const { t } = useT();
  const me = useMe();
  const [when, setWhen] = useState<When>('today');
  const [data, setData] = useState<MyDay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState(listDrafts().length);
  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try {
      // Tomorrow is the server's today plus one: ask for today first (it says which day that is).
      const today = await loadToday();
      setData(when === 'today' ? today : await api<MyDay>('GET', `/my-day?day=${nextDay(today.day)}`));
    } catch (e) { setError((e as Error).message); }
  }, [me, when]);
  useEffect(() => { void load(); }, [load]);
  useDidShow(() => { if (data) void load(); setDrafts(listDrafts().length); });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });
  useEffect(() => onDraftsChange((d) => setDrafts(d.length)), []);

  /** The task whose row asks "cancel it?" (one at a time). */
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [taskError, setTaskError] = useState<string | null>(null);
  const close = async (task: DayTask, how: 'done' | 'cancelled') => {
    setTaskError(null);
    try {
      await (how === 'done' ? completeTask(task.id) : cancelTask(task.id));
      setCancelling(null);
      void Taro.showToast({ title: t(how === 'done' ? 'today.completed' : 'today.cancelled'), icon: 'success' });
      void load();
    } catch (e) { setTaskError((e as Error).message); }
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
      {me?.role === 'finance' && (
        <Section title={t('today.shortcuts')} testId='today-shortcuts'>
          <View className='grid'>
            <View className='grid-item'><View className='btn btn-block' data-testid='go-payments' onClick={() => Taro.navigateTo({ url: '/pages/payments/index' })}>{t('payments.view.open')}</View></View>
            <View className='grid-item'><View className='btn btn-block' data-testid='go-payments-overdue' onClick={() => Taro.navigateTo({ url: '/pages/payments/index?view=overdue' })}>{t('payments.view.overdue')}</View></View>
          </View>
        </Section>
      )}
      <Chips testId='day' value={when} onChange={(w) => { setData(null); setWhen(w); }}
        options={[{ key: 'today', label: t('today.when.today') }, { key: 'tomorrow', label: t('today.when.tomorrow') }]} />
      {data && (
        <>
          <Section title={t(when === 'today' ? 'today.tasks' : 'today.tasksTomorrow')} testId='today-tasks'>
            {taskError && <ErrorLine error={taskError} onRetry={load} />}
            {data.tasks.length === 0 && <EmptyState text={t(when === 'today' ? 'today.tasksEmpty' : 'today.tasksTomorrowEmpty')} />}
            {data.tasks.map((task) => (
              <View key={task.id} className='row' data-testid='task-row'>
                <View className='row-main' onClick={() => task.customerId && Taro.navigateTo({ url: `/pages/customer/index?id=${task.customerId}` })}>
                  <View className='row-title'><Uc>{task.title}</Uc></View>
                  <View className='row-sub'>
                    {cancelling === task.id ? <Text data-testid='task-cancel-ask'>{t('today.cancelAsk')}</Text> : <>
                      {task.customerName ? <Uc>{task.customerName} · </Uc> : null}
                      <Text>{t('today.dueAt', { time: shortTime(task.at) })}</Text>
                    </>}
                  </View>
                </View>
                {cancelling === task.id ? <>
                  <View className='btn' data-testid='task-keep' onClick={() => setCancelling(null)}>{t('today.keep')}</View>
                  <View className='btn btn-danger' data-testid='task-cancel-confirm' onClick={() => void close(task, 'cancelled')}>{t('today.cancelConfirm')}</View>
                </> : <>
                  {task.customerId && (
                    <View className='btn btn-primary' data-testid='task-followup'
                      onClick={() => openFollowUp(task.customerId!, task.customerName ?? '', task.id)}>{t('today.followUp')}</View>
                  )}
                  <View className='btn' data-testid='task-complete' onClick={() => void close(task, 'done')}>{t('today.complete')}</View>
                  <View className='btn btn-danger' data-testid='task-cancel' onClick={() => { setTaskError(null); setCancelling(task.id); }}>{t('today.cancel')}</View>
                </>}
              </View>
            ))}
            {data.earlier > 0 && (
              <View className='row muted' data-testid='today-earlier' onClick={() => { setData(null); setWhen('today'); }}>
                <Text>{t('today.earlier', { count: data.earlier })}</Text>
              </View>
            )}
          </Section>
          <Section title={t(when === 'today' ? 'today.overdue' : 'today.dueTomorrow')} testId='today-overdue'
            extra={me?.role !== 'finance' && (
              <View className='btn' data-testid='go-stale' onClick={() => Taro.navigateTo({ url: '/pages/stale/index' })}>{t('today.allStale')}</View>
            )}>
            {data.customers.length === 0 && <EmptyState text={t(when === 'today' ? 'today.overdueEmpty' : 'today.dueTomorrowEmpty')} />}
            {data.customers.map((c) => (
              <View key={c.id} className='row' data-testid='overdue-row'>
                <View className='row-main' onClick={() => Taro.navigateTo({ url: `/pages/customer/index?id=${c.id}` })}>
                  <View className='row-title'><Text className={`badge badge-${c.level.toLowerCase()}`}>{c.level}</Text><Uc>{c.name}</Uc></View>
                  <View className='row-sub'>{c.lastFollowUpAt ? t('today.overdueDays', { days: c.days }) : t('today.neverFollowed')}</View>
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
