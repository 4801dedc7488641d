// Every page's frame: the translated title, the offline banner, the bottom navigation.
import { type PropsWithChildren, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useT } from '../i18n';

const TABS = [
  { key: 'today', url: '/pages/today/index' },
  { key: 'customers', url: '/pages/customers/index' },
  { key: 'opportunities', url: '/pages/opportunities/index' },
  { key: 'approvals', url: '/pages/approvals/index' },
  { key: 'me', url: '/pages/me/index' },
] as const;

export type TabKey = (typeof TABS)[number]['key'];

export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const on = (r: { isConnected: boolean }) => setOnline(r.isConnected);
    Taro.getNetworkType?.().then((r) => setOnline(r.networkType !== 'none')).catch(() => {});
    Taro.onNetworkStatusChange?.(on);
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    if (process.env.TARO_ENV === 'h5') {
      setOnline(navigator.onLine);
      window.addEventListener('online', up);
      window.addEventListener('offline', down);
    }
    return () => {
      Taro.offNetworkStatusChange?.(on);
      if (process.env.TARO_ENV === 'h5') { window.removeEventListener('online', up); window.removeEventListener('offline', down); }
    };
  }, []);
  return online;
}

export function Shell({ title, tab, children }: PropsWithChildren<{ title: string; tab?: TabKey }>) {
  const { t } = useT();
  const online = useOnline();
  const setTitle = () => { void Taro.setNavigationBarTitle({ title }).catch(() => {}); if (process.env.TARO_ENV === 'h5') document.title = title; };
  useDidShow(setTitle);
  useEffect(setTitle, [title]);
  return (
    <View className='page'>
      {!online && <View className='offline' data-testid='offline'>{t('common.offline')}</View>}
      {children}
      {tab && (
        <View className='tabbar'>
          {TABS.map((x) => (
            <View key={x.key} className={`tab ${x.key === tab ? 'tab-on' : ''}`} data-testid={`tab-${x.key}`}
              onClick={() => { if (x.key !== tab) void Taro.redirectTo({ url: x.url }); }}>
              <View className='tab-icon' />
              <Text>{t(`nav.${x.key}`)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
