// DingTalk mini-program (Alipay runtime): dd.getAuthCode gives a one-time code for /auth/dingtalk.
import { exchange } from './session';
import type { LoginResult } from './login';

declare const dd: { getAuthCode?(o: { corpId?: string; success(r: { authCode: string }): void; fail(e: unknown): void }): void } | undefined;

export async function silentLogin(): Promise<LoginResult> {
  if (typeof dd === 'undefined' || !dd.getAuthCode) return 'needs-picker';
  const authCode = await new Promise<string>((resolve, reject) =>
    dd!.getAuthCode!({ corpId: DINGTALK_CORP_ID || undefined, success: (r) => resolve(r.authCode), fail: reject }));
  await exchange('/auth/dingtalk', { authCode });
  return 'signed-in';
}
