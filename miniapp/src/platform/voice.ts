// Voice-to-text where the platform gives it. Taro picks voice.h5.ts for the H5 build (WeCom and DingTalk in-app
// pages); this file is the answer for every other runtime: no voice input. The WeCom / WeChat mini-program has no
// speech-to-text API without a plugin (see README), and the DingTalk mini-program build has none wired.
import type { VoiceInput } from './voice-error';

export { VoiceError, type VoiceFailure, type VoiceInput } from './voice-error';

/** Resolves to null where there is no voice input; never rejects. */
export async function detectVoiceInput(): Promise<VoiceInput | null> {
  return null;
}
