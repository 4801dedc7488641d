// What every runtime's voice input shares: the recorder's shape and the failures the form explains.
export type VoiceFailure = 'denied' | 'nothing' | 'failed';

/** A failure the form explains in its own words (permission, silence) or with the platform's message. */
export class VoiceError extends Error {
  constructor(readonly kind: VoiceFailure, message: string = kind) { super(message); }
}

/** One recording at a time: start, then stop to get the recognized text (never empty: that is VoiceError 'nothing'). */
export interface VoiceInput {
  start(): Promise<void>;
  stop(): Promise<string>;
}

/** Sorts a platform's refusal: permission words (English, or the Chinese words for permission / authorization) mean the microphone was refused. */
export function voiceFailure(e: unknown): VoiceError {
  if (e instanceof VoiceError) return e;
  const o = (e ?? {}) as { errMsg?: string; errorMessage?: string; message?: string };
  const message = o.errMsg || o.errorMessage || o.message || String(e);
  return new VoiceError(/denied|deny|permission|not authori[sz]ed|\u6743\u9650|\u6388\u6743/i.test(message) ? 'denied' : 'failed', message);
}
