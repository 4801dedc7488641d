// H5 opened as an in-app page. WeCom: the OAuth redirect hands back ?code= (the @wecom/jssdk session is
// not needed for that); DingTalk: dingtalk-jsapi requestAuthCode. Outside both: the demo picker.
// A code already in the URL is exchanged even when this build knows no corp id (the server knows it). Inside
// DingTalk the corp id is read from the page URL when the app's home URL is configured as `…?corpId=$CORPID$`:
// DingTalk itself replaces `$CORPID$` with the opening organisation's id; DINGTALK_CORP_ID is the build-time fallback.
import { exchange } from './session';
import { host } from './env';
import type { LoginResult } from './login';

function dingtalkCorpId(): string {
  return new URL(window.location.href).searchParams.get('corpId') || DINGTALK_CORP_ID;
}

function takeCodeFromUrl(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('code');
  if (!code) return null;
  url.searchParams.delete('code');
  url.searchParams.delete('state');
  window.history.replaceState(null, '', url.toString());
  return code;
}

export async function silentLogin(): Promise<LoginResult> {
  const where = host();
  if (where === 'wecom') {
    const code = takeCodeFromUrl();
    if (code) { await exchange('/auth/wecom', { code, kind: 'oauth' }); return 'signed-in'; }
    if (!WECOM_CORP_ID) return 'needs-picker';
    const back = encodeURIComponent(window.location.href);
    window.location.href = `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${WECOM_CORP_ID}&redirect_uri=${back}`
      + `&response_type=code&scope=snsapi_base&state=chatcrm&agentid=${WECOM_AGENT_ID}#wechat_redirect`;
    return 'redirecting';
  }
  const corpId = where === 'dingtalk' ? dingtalkCorpId() : '';
  if (corpId) {
    // Loaded only inside DingTalk: the SDK touches `self`/DOM at import and is not needed elsewhere.
    const dd = await import(/* webpackChunkName: "dingtalk" */ 'dingtalk-jsapi');
    const { code } = await dd.runtime.permission.requestAuthCode({ corpId });
    await exchange('/auth/dingtalk', { authCode: code });
    return 'signed-in';
  }
  return 'needs-picker';
}
