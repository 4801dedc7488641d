// The server's signature for this page, for the app's JS-API (POST /api/v1/platform/jsapi-config). The URL sent
// is the page without its `#` part: every hash route of the H5 app shares it, so one answer serves the whole visit.
import { api } from '../api/client';

export interface SignedPage { timestamp: number; nonceStr: string; signature: string }
export interface WecomJsapiConfig { platform: 'wecom'; url: string; corpId: string; agentId: string; config: SignedPage; agentConfig: SignedPage }
export interface DingtalkJsapiConfig { platform: 'dingtalk'; url: string; corpId: string; agentId: string; timeStamp: number; nonceStr: string; signature: string }

type ConfigOf<P> = P extends 'wecom' ? WecomJsapiConfig : DingtalkJsapiConfig;

const answers = new Map<string, Promise<unknown>>();

export function pageUrl(): string {
  return window.location.href.split('#')[0];
}

/** One request per platform and page address; a failed one is forgotten so the next try asks again. */
export function jsapiConfig<P extends 'wecom' | 'dingtalk'>(platform: P, url: string = pageUrl()): Promise<ConfigOf<P>> {
  const key = `${platform} ${url}`;
  let answer = answers.get(key) as Promise<ConfigOf<P>> | undefined;
  if (!answer) {
    answer = api<ConfigOf<P>>('POST', '/platform/jsapi-config', { platform, url });
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}
