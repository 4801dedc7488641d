// Me: language, pending drafts (sync now / discard), shortcuts to my contracts, overdue customers, payments, leads and
// statistics, sign out.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, Section, Uc } from '../../components/bits';
import { api, setToken } from '../../api/client';
import { forgetMe, useMe } from '../../lib/session';
import { discardDraft, listDrafts, onDraftsChange, syncDrafts, type Draft } from '../../drafts/drafts';
import { host } from '../../platform/env';
import { shortTime } from '../../lib/format';
import { LOCALES, setLocale, useT, type Locale } from '../../i18n';

const HOST_KEY = { weapp: 'weapp', alipay: 'dingtalk', wecom: 'wecom', dingtalk: 'dingtalk', browser: 'browser' } as const;

export default function MePage() {
  const { t, locale } = useT();
  const me = useMe();
  const [drafts, setDrafts] = useState<Draft[]>(listDrafts());
  useEffect(() => onDraftsChange(setDrafts), []);

  const sync = async () => {
    try {
      const n = await syncDrafts();
      void Taro.showToast({ title: t('drafts.synced', { count: n }), icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: t('drafts.failed', { message: (e as Error).message }), icon: 'none' });
    }
    setDrafts(listDrafts());
  };
  const logout = async () => {
    await api('POST', '/auth/logout', {}).catch(() => {});
    setToken(null);
    forgetMe();
    await Taro.reLaunch({ url: '/pages/login/index' });
  };

  return (
    <Shell title={t('nav.me')} tab='me'>
      {me && <View className='header'><Uc>{me.name}</Uc></View>}
      {me && <View className='pad muted'><Text>{t(`role.${me.role}`)} · {t('me.platform', { platform: t(`platform.${HOST_KEY[host()]}`) })}</Text></View>}
      <Section title={t('me.language')} testId='language'>
        <Chips testId='lang' value={locale} onChange={(l: Locale) => setLocale(l)} options={LOCALES.map((l) => ({ key: l, label: t(`me.lang.${l}`) }))} />
      </Section>
      <Section title={t('common.more')}>
        <View className='grid'>
          <View className='grid-item'><View className='btn btn-block' data-testid='go-contracts' onClick={() => Taro.navigateTo({ url: '/pages/contracts/index' })}>{t('nav.contracts')}</View></View>
          {me?.role !== 'finance' && (
            <View className='grid-item'><View className='btn btn-block' data-testid='go-stale' onClick={() => Taro.navigateTo({ url: '/pages/stale/index' })}>{t('nav.stale')}</View></View>
          )}
          <View className='grid-item'><View className='btn btn-block' data-testid='go-payments' onClick={() => Taro.navigateTo({ url: '/pages/payments/index' })}>{t('nav.payments')}</View></View>
          <View className='grid-item'><View className='btn btn-block' data-testid='go-leads' onClick={() => Taro.navigateTo({ url: '/pages/leads/index' })}>{t('nav.leads')}</View></View>
          <View className='grid-item'><View className='btn btn-block' data-testid='go-leaderboard' onClick={() => Taro.navigateTo({ url: '/pages/leaderboard/index' })}>{t('stats.leaderboard')}</View></View>
          <View className='grid-item'><View className='btn btn-block' data-testid='go-funnel' onClick={() => Taro.navigateTo({ url: '/pages/funnel/index' })}>{t('stats.funnel')}</View></View>
        </View>
      </Section>
      <Section title={t('drafts.title')} testId='drafts' extra={drafts.length > 0 && <View className='btn' data-testid='sync-now' onClick={() => void sync()}>{t('drafts.syncNow')}</View>}>
        {drafts.length === 0 && <EmptyState text={t('drafts.empty')} />}
        {drafts.map((d) => (
          <View key={d.key} className='row' data-testid='draft-row'>
            <View className='row-main'>
              <View className='row-title'><Text className='badge badge-warn'>{d.status === 'pending' ? t('drafts.pending') : t('drafts.failed', { message: '' })}</Text><Uc>{d.customerName}</Uc></View>
              <View className='row-sub'><Text>{t(`type.${d.type}`)} · {shortTime(d.createdAt)} · </Text><Uc>{d.content}</Uc></View>
            </View>
            <View className='btn btn-danger' onClick={() => { discardDraft(d.key); }}>{t('drafts.discard')}</View>
          </View>
        ))}
      </Section>
      <View className='pad'><View className='btn btn-block btn-danger' data-testid='logout' onClick={() => void logout()}>{t('me.logout')}</View></View>
    </Shell>
  );
}
