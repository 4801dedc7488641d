// "Release with a reason": a small inline form instead of a modal, so it works the same on every runtime.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Input } from '@tarojs/components';
import { useT } from '../i18n';

export function ReasonForm({ onSubmit, onCancel }: { onSubmit(reason: string): Promise<void>; onCancel(): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!reason.trim()) { void Taro.showToast({ title: t('pool.reasonRequired'), icon: 'none' }); return; }
    setBusy(true);
    try { await onSubmit(reason.trim()); } catch (e) { void Taro.showToast({ title: (e as Error).message, icon: 'none' }); } finally { setBusy(false); }
  };
  return (
    <View className='pad' data-testid='reason-form'>
      <Input className='input' value={reason} placeholder={t('pool.reasonPlaceholder')} onInput={(e) => setReason(e.detail.value)} data-testid='reason' />
      <View style={{ display: 'flex', justifyContent: 'flex-end', marginTop: '8px' }}>
        <View className='btn' onClick={onCancel}>{t('common.cancel')}</View>
        <View className='btn btn-danger' onClick={() => { if (!busy) void submit(); }}>{t('common.confirm')}</View>
      </View>
    </View>
  );
}
