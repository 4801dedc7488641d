// Voice input in H5: only inside WeCom (@wecom/jssdk) or DingTalk (dingtalk-jsapi), each loaded on demand so a plain
// browser never downloads them. Once per page load: the server signs this page for the app's JS-API, the app checks
// the signature and says whether recording and speech-to-text are there; only then is there a mic button.
import { host } from './env';
import type { VoiceInput } from './voice-error';

export { VoiceError, type VoiceFailure, type VoiceInput } from './voice-error';

let detected: Promise<VoiceInput | null> | undefined;

export function detectVoiceInput(): Promise<VoiceInput | null> {
  detected ??= detect().catch((e: unknown) => {
    // No button then; a later page load tries again.
    console.warn('voice input unavailable', e);
    return null;
  });
  return detected;
}

async function detect(): Promise<VoiceInput | null> {
  const where = host();
  if (where === 'wecom') return (await import(/* webpackChunkName: "voice-wecom" */ './voice-wecom')).wecomVoice();
  if (where === 'dingtalk') return (await import(/* webpackChunkName: "voice-dingtalk" */ './voice-dingtalk')).dingtalkVoice();
  return null;
}
