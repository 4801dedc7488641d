// Demo sign-in: a tap on a demo person, for browsers outside WeCom and DingTalk with the server in demo mode.
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Section } from '../../components/bits';
import { ApiError } from '../../api/client';
import { demoLogin } from '../../platform/session';
import { forgetMe } from '../../lib/session';
import { useT } from '../../i18n';

// The demo company's people (server/db/seed/demo-people.ts); usernames are all the picker needs.
const DEMO = [
  { username: 'rep.zhang', role: 'rep' }, { username: 'rep.liu', role: 'rep' }, { username: 'rep.emily', role: 'rep' },
  { username: 'mgr.wang', role: 'manager' }, { username: 'mgr.chen', role: 'manager' }, { username: 'director.li', role: 'manager' },
  { username: 'finance.sun', role: 'finance' }, { username: 'legal.wu', role: 'rep' }, { username: 'gm.zhou', role: 'admin' },
  { username: 'admin', role: 'admin' },
];

export default function Login() {
  const { t } = useT();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (username: string) => {
    setBusy(username);
    setError(null);
    try {
      await demoLogin(username);
      forgetMe();
      const to = router.params.redirect ? decodeURIComponent(router.params.redirect) : '/pages/today/index';
      await Taro.redirectTo({ url: to.startsWith('/pages/login') ? '/pages/today/index' : to });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('login.demoUnavailable') : t('login.failed', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Shell title={t('nav.login')}>
      <View className='header'>{t('login.title')}</View>
      <View className='pad muted'>{t('login.hint')}</View>
      {error && <View className='pad' data-testid='login-error' style={{ color: '#f53f3f' }}>{error}</View>}
      <Section title={t('app.name')}>
        {DEMO.map((p) => (
          <View key={p.username} className='row' data-testid={`login-${p.username}`} onClick={() => { if (!busy) void pick(p.username); }}>
            <View className='row-main'>
              <View className='row-title'>{p.username}</View>
              <View className='row-sub'>{t(`role.${p.role}`)}</View>
            </View>
            <Text className='muted'>{busy === p.username ? t('login.signingIn') : ''}</Text>
          </View>
        ))}
      </Section>
    </Shell>
  );
}
