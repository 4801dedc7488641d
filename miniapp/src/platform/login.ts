// Sign-in without typing. Taro picks login.weapp.ts / login.alipay.ts / login.h5.ts per build; this file is
// the shared contract (and the fallback for any other runtime: no silent login, show the demo picker).
export type LoginResult = 'signed-in' | 'needs-picker' | 'redirecting';

export async function silentLogin(): Promise<LoginResult> {
  return 'needs-picker';
}
