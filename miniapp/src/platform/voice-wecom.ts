// Voice input inside WeCom through @wecom/jssdk: ww.register with the server's config and agentConfig signatures
// (the SDK signs again if the page address changes), then startRecord / stopRecord / translateVoice.
import * as ww from '@wecom/jssdk';
import { jsapiConfig } from './jsapi-config';
import { VoiceError, voiceFailure, type VoiceInput } from './voice-error';

const VOICE_APIS = ['startRecord', 'stopRecord', 'onVoiceRecordEnd', 'translateVoice'];

export async function wecomVoice(): Promise<VoiceInput | null> {
  const first = await jsapiConfig('wecom');
  ww.register({
    corpId: first.corpId,
    agentId: first.agentId,
    jsApiList: VOICE_APIS,
    getConfigSignature: async (url) => (await jsapiConfig('wecom', url)).config,
    getAgentConfigSignature: async (url) => (await jsapiConfig('wecom', url)).agentConfig,
  });
  await ww.ensureConfigReady();
  const { checkResult } = await ww.checkJsApi({ jsApiList: ['startRecord', 'stopRecord', 'translateVoice'] });
  if (!checkResult.startRecord || !checkResult.stopRecord || !checkResult.translateVoice) return null;

  // WeCom stops a recording by itself after 60 s; what was said until then is still translated.
  let endedAlone: string | undefined;
  ww.onVoiceRecordEnd((res) => { endedAlone = res.localId; });

  return {
    async start() {
      endedAlone = undefined;
      try { await ww.startRecord(); } catch (e) { throw voiceFailure(e); }
    },
    async stop() {
      let localId = endedAlone;
      try {
        if (!localId) localId = (await ww.stopRecord()).localId;
        const { translateResult } = await ww.translateVoice({ localId, isShowProgressTips: true });
        const text = (translateResult ?? '').trim();
        if (!text) throw new VoiceError('nothing');
        return text;
      } catch (e) {
        throw voiceFailure(e);
      }
    },
  };
}
