// The follow-up form: at most three taps (open, a next-step pick, save) — type defaults to a call, the text
// box has focus. Saved through the offline-draft queue, so a weak signal never loses what was written.
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Shell } from '../../components/Shell';
import { Chips, Section, Uc, EmptyState } from '../../components/bits';
import { submitFollowUp } from '../../drafts/drafts';
import { quickPick } from '../../lib/format';
import { useMe } from '../../lib/session';
import { useT } from '../../i18n';

const TYPES = ['call', 'visit', 'wechat', 'meeting', 'email', 'other'] as const;
const PICKS = ['none', 'tomorrow', 'nextWeek', 'monthEnd'] as const;
type Pick = (typeof PICKS)[number];

export default function FollowUp() {
  const { t } = useT();
  useMe();
  const { params } = useRouter();
  const customerId = Number(params.customerId);
  const name = decodeURIComponent(params.name ?? '');
  const [type, setType] = useState<(typeof TYPES)[number]>('call');
  const [content, setContent] = useState('');
  const [pick, setPick] = useState<Pick>('none');
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (saving) return;
    if (!content.trim()) { void Taro.showToast({ title: t('followup.contentRequired'), icon: 'none' }); return; }
    setSaving(true);
    try {
      const nextStep = pick === 'none' ? undefined : { title: t('followup.nextStepTitle', { name }), dueAt: quickPick(pick).toISOString() };
      const r = await submitFollowUp({ customerId, customerName: name, type, content: content.trim(), nextStep });
      await Taro.showToast({ title: t(r === 'sent' ? 'followup.saved' : 'followup.savedDraft'), icon: r === 'sent' ? 'success' : 'none', duration: 1500 });
      const pages = Taro.getCurrentPages();
      if (pages.length > 1) await Taro.navigateBack();
      else await Taro.redirectTo({ url: `/pages/customer/index?id=${customerId}` });
    } catch (e) {
      void Taro.showToast({ title: t('common.error', { message: (e as Error).message }), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  if (!customerId) return <Shell title={t('nav.followup')}><EmptyState text={t('followup.chooseCustomer')} /></Shell>;
  return (
    <Shell title={t('nav.followup')}>
      <View className='pad'><Text className='muted'>{t('followup.customer')} </Text><Uc className='row-title'>{name}</Uc></View>
      <Section title={t('followup.type')}>
        <Chips testId='type' value={type} onChange={setType} options={TYPES.map((k) => ({ key: k, label: t(`type.${k}`) }))} />
      </Section>
      <Section title={t('followup.content')}>
        <View className='pad'>
          <Textarea className='textarea' data-testid='content' value={content} focus autoFocus maxlength={2000}
            placeholder={t('followup.placeholder')} onInput={(e) => setContent(e.detail.value)} />
        </View>
      </Section>
      <Section title={t('followup.nextStep')}>
        <Chips testId='next' value={pick} onChange={setPick} options={PICKS.map((k) => ({ key: k, label: t(`followup.pick.${k}`) }))} />
      </Section>
      <View className='pad'>
        <Button type='primary' block loading={saving} data-testid='save' onClick={() => void save()} style={{ minHeight: '48px' }}>
          {t('followup.save')}
        </Button>
      </View>
    </Shell>
  );
}
