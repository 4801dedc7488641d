// Exchange a platform login code for our session token; the demo login for browsers outside both apps.
import { api, setToken } from '../api/client';

export async function exchange(path: '/auth/wecom' | '/auth/dingtalk' | '/auth/dev', body: Record<string, string>): Promise<void> {
  const r = await api<{ token: string }>('POST', path, { ...body, channel: 'miniapp' });
  setToken(r.token);
}

export const demoLogin = (username: string): Promise<void> => exchange('/auth/dev', { username });
