// "Who am I": a page asks for the session; with none, the platform's silent login runs, and where there is
// none (a plain browser) the demo picker opens and comes back to the same page and record afterwards.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { api, getToken, setToken } from '../api/client';
import type { Me } from '../api/types';
import { silentLogin } from '../platform/login';
import { setCompanyClock } from './clock';

let me: Me | null = null;
let pending: Promise<Me | null> | null = null;

export function currentRoute(): string {
  const r = Taro.getCurrentInstance().router;
  if (!r) return '/pages/today/index';
  const path = r.path.split('?')[0];
  const params = Object.entries(r.params ?? {}).filter(([k, v]) => v !== undefined && !k.startsWith('$') && k !== 'stamp');
  return `${path.startsWith('/') ? path : `/${path}`}${params.length ? `?${params.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}` : ''}`;
}

async function resolveMe(): Promise<Me | null> {
  if (!getToken()) {
    const r = await silentLogin().catch(() => 'needs-picker' as const);
    if (r !== 'signed-in') return null;
  }
  try {
    const m = await api<Me>('GET', '/me');
    setCompanyClock(m);
    return m;
  } catch {
    setToken(null);
    return null;
  }
}

export function forgetMe(): void { me = null; pending = null; }

/** The signed-in user, or a redirect to sign-in (the hook then stays null). */
export function useMe(): Me | null {
  const [state, setState] = useState<Me | null>(me);
  useEffect(() => {
    if (me) return;
    pending ??= resolveMe().finally(() => { pending = null; });
    const back = currentRoute();
    void pending.then((m) => {
      me = m;
      if (m) setState(m);
      else if (!back.startsWith('/pages/login/')) void Taro.redirectTo({ url: `/pages/login/index?redirect=${encodeURIComponent(back)}` });
    });
  }, []);
  return state;
}

export function setMe(m: Me | null): void {
  me = m;
  if (m) setCompanyClock(m);
}
