// Voice input inside DingTalk through dingtalk-jsapi: dd.config with the server's signature for this page, then
// device.audio.startRecord / stopRecord / translateVoice (JS-APIs that need the page to be authorized).
import { jsapiConfig } from './jsapi-config';
import { VoiceError, voiceFailure, type VoiceInput } from './voice-error';

const VOICE_APIS = ['device.audio.startRecord', 'device.audio.stopRecord', 'device.audio.onRecordEnd', 'device.audio.translateVoice'];

export async function dingtalkVoice(): Promise<VoiceInput | null> {
  // The same chunk the sign-in loads (login.h5.ts): the SDK is downloaded once.
  const dd = await import(/* webpackChunkName: "dingtalk" */ 'dingtalk-jsapi');
  if (dd.env.platform === 'notInDingTalk') return null;
  const cfg = await jsapiConfig('dingtalk');
  dd.config({ agentId: cfg.agentId, corpId: cfg.corpId, timeStamp: cfg.timeStamp, nonceStr: cfg.nonceStr, signature: cfg.signature, jsApiList: VOICE_APIS });
  await new Promise<void>((resolve, reject) => { dd.ready(() => resolve()); dd.error((e: unknown) => reject(e)); });
  const check = await dd.checkJsApi({ jsApiList: ['device.audio.startRecord', 'device.audio.stopRecord', 'device.audio.translateVoice'] }) as Record<string, boolean>;
  if (!check['device.audio.startRecord'] || !check['device.audio.stopRecord'] || !check['device.audio.translateVoice']) return null;

  // DingTalk stops a recording by itself at its limit (60 s by default); what was said until then is still used.
  let endedAlone: { mediaId: string; duration: number } | undefined;

  return {
    async start() {
      endedAlone = undefined;
      try { await dd.device.audio.startRecord({}); } catch (e) { throw voiceFailure(e); }
      dd.device.audio.onRecordEnd({}).then((r) => { endedAlone = r as { mediaId: string; duration: number }; }, () => { /* no auto-stop notice on this client */ });
    },
    async stop() {
      try {
        const rec = endedAlone ?? (await dd.device.audio.stopRecord({})) as { mediaId: string; duration: number };
        const { content } = await dd.device.audio.translateVoice({ mediaId: rec.mediaId, duration: rec.duration }) as { content?: string };
        const text = (content ?? '').trim();
        if (!text) throw new VoiceError('nothing');
        return text;
      } catch (e) {
        throw voiceFailure(e);
      }
    },
  };
}
