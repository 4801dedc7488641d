// Demo sign-in: a tap on a demo person, for browsers outside WeCom and DingTalk with the server in demo mode.
// The people come from the server (GET /auth/dev, demo mode only): each by name, with position or role, team
// and username on the second line; sales reps first.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { statusWord } from '../../components/ApprovalProgress';
import { api, ApiError } from '../../api/client';
import type { DevPerson } from '../../api/types';
import { demoLogin } from '../../platform/session';
import { forgetMe } from '../../lib/session';
import { useT } from '../../i18n';

/** Sales reps (in a team) first, then managers, then everyone else, admins last; the server's order within. */
const rank = (p: DevPerson) => (p.role === 'rep' && p.team ? 0 : p.role === 'manager' ? 1 : p.role === 'admin' ? 3 : 2);

export default function Login() {
  const { t } = useT();
  const router = useRouter();
  const [people, setPeople] = useState<DevPerson[] | null>(null);
  const [listError, setListError] = useState<{ unavailable: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setListError(null);
    try {
      const r = await api<{ items: DevPerson[] }>('GET', '/auth/dev');
      setPeople(r.items.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p));
    } catch (e) {
      setListError({ unavailable: e instanceof ApiError && e.status === 404, message: (e as Error).message });
    }
  }, []);
  useEffect(() => { void load(); }, [load]);
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
      {listError && (listError.unavailable
        ? <View className='pad' data-testid='login-unavailable' style={{ color: '#f53f3f' }}>{t('login.demoUnavailable')}</View>
        : <ErrorLine error={listError.message} onRetry={() => void load()} />)}
      {people === null && !listError && <Loading />}
      {people && (
        <Section title={t('app.name')} testId='people'>
          {people.map((p) => (
            <View key={p.username} className='row' data-testid={`login-${p.username}`} onClick={() => { if (!busy) void pick(p.username); }}>
              <View className='row-main'>
                <View className='row-title'><Uc>{p.name}</Uc></View>
                <View className='row-sub' data-testid='person-sub'>
                  <Text>{p.position && statusWord('position', p.position) !== p.position ? statusWord('position', p.position) : t(`role.${p.role}`)}</Text>
                  {p.team && <Text> · <Uc>{p.team}</Uc></Text>}
                  <Text> · <Uc>{p.username}</Uc></Text>
                </View>
              </View>
              <Text className='muted'>{busy === p.username ? t('login.signingIn') : ''}</Text>
            </View>
          ))}
        </Section>
      )}
    </Shell>
  );
}
