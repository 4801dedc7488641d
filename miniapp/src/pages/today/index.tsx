// Today: tasks due by tonight and my customers overdue for a follow-up (what the morning digest lists),
// each one tap away from the follow-up form.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorLine, Loading, Section, Tx, Uc } from '../../components/bits';
import { api } from '../../api/client';
import type { DayTask, MyDay } from '../../api/types';
import { useMe } from '../../lib/session';
import { shortTime } from '../../lib/format';
import { listDrafts, onDraftsChange } from '../../drafts/drafts';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

/** The same day as the morning digest and the bot's agenda, counted by the server in the company's time zone. */
export const loadToday = (): Promise<MyDay> => api<MyDay>('GET', '/my-day');

export default function Today() {
  const { t } = useT();
  const me = useMe();
  const [data, setData] = useState<MyDay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState(listDrafts().length);
  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try { setData(await loadToday()); } catch (e) { setError((e as Error).message); }
  }, [me]);
  useEffect(() => { void load(); }, [load]);
  useDidShow(() => { if (data) void load(); setDrafts(listDrafts().length); });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });
  useEffect(() => onDraftsChange((d) => setDrafts(d.length)), []);

  const complete = async (task: DayTask) => {
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
                    {task.customerName ? <Uc>{task.customerName} · </Uc> : null}
                    <Text>{t('today.dueAt', { time: shortTime(task.at) })}</Text>
                  </View>
                </View>
                {task.customerId && (
                  <View className='btn btn-primary' data-testid='task-followup'
                    onClick={() => openFollowUp(task.customerId!, task.customerName ?? '', task.id)}>{t('today.followUp')}</View>
                )}
                <View className='btn' data-testid='task-complete' onClick={() => void complete(task)}>{t('today.complete')}</View>
              </View>
            ))}
          </Section>
          <Section title={t('today.overdue')} testId='today-overdue'>
            {data.customers.length === 0 && <EmptyState text={t('today.overdueEmpty')} />}
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
