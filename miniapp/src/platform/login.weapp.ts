// WeCom mini-program: wx.qy.login gives a one-time code the server trades for a session (no typing).
import { exchange } from './session';
import type { LoginResult } from './login';

declare const wx: { qy?: { login(o: { success(r: { code: string }): void; fail(e: unknown): void }): void }; login(o: { success(r: { code: string }): void; fail(e: unknown): void }): void };

export async function silentLogin(): Promise<LoginResult> {
  // Inside WeCom, wx.qy exists; in plain WeChat only wx.login does, and our server knows WeCom users only.
  if (!wx.qy) return 'needs-picker';
  const code = await new Promise<string>((resolve, reject) => wx.qy!.login({ success: (r) => resolve(r.code), fail: reject }));
  await exchange('/auth/wecom', { code, kind: 'miniprogram' });
  return 'signed-in';
}
