// The mic button of the follow-up form: tap to start, tap again to stop; the recognized text goes to onText.
// Shown only where the platform gives voice-to-text (platform/voice: WeCom or DingTalk H5 with a signed page).
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { detectVoiceInput, VoiceError, type VoiceInput } from '../../platform/voice';
import { useT } from '../../i18n';

type Phase = 'idle' | 'listening' | 'working';

export function VoiceButton({ onText }: { onText(text: string): void }) {
  const { t } = useT();
  const [voice, setVoice] = useState<VoiceInput | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');

  useEffect(() => {
    let mounted = true;
    void detectVoiceInput().then((v) => { if (mounted) setVoice(v); });
    return () => { mounted = false; };
  }, []);

  if (!voice) return null;

  const explain = (e: unknown) => {
    const err = e instanceof VoiceError ? e : new VoiceError('failed', (e as Error)?.message ?? String(e));
    const title = err.kind === 'denied' ? t('followup.voiceDenied') : err.kind === 'nothing' ? t('followup.voiceNothing') : t('followup.voiceFailed', { message: err.message });
    void Taro.showToast({ title, icon: 'none', duration: 3000 });
  };

  const tap = async () => {
    if (phase === 'working') return;
    if (phase === 'idle') {
      try { await voice.start(); setPhase('listening'); } catch (e) { explain(e); }
      return;
    }
    setPhase('working');
    try { onText(await voice.stop()); } catch (e) { explain(e); } finally { setPhase('idle'); }
  };

  const label = phase === 'listening' ? t('followup.voiceListening') : phase === 'working' ? t('followup.voiceWorking') : t('followup.voice');
  return (
    <Button block type={phase === 'listening' ? 'danger' : 'default'} loading={phase === 'working'} data-testid='voice' data-phase={phase}
      aria-pressed={phase === 'listening'} onClick={() => void tap()} style={{ minHeight: '48px', marginTop: '8px' }}>
      {label}
    </Button>
  );
}
