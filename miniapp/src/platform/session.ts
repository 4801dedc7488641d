// Exchange a platform login code for our session token (bodies as server/http/routes/auth.ts declares them);
// the demo login for browsers outside both apps.
import { api, setToken } from '../api/client';

type Exchange =
  | ['/auth/wecom', { code: string; kind: 'oauth' | 'miniprogram' }]
  | ['/auth/dingtalk', { authCode: string }]
  | ['/auth/dev', { username: string; channel: 'miniapp' }];

export async function exchange(...[path, body]: Exchange): Promise<void> {
  const r = await api<{ token: string }>('POST', path, body);
  setToken(r.token);
}

export const demoLogin = (username: string): Promise<void> => exchange('/auth/dev', { username, channel: 'miniapp' });
