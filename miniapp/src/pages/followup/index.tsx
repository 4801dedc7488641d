// The follow-up form, for a customer (?customerId=) or a lead (?leadId=): at most three taps (open, a next-step
// pick, save) — type defaults to a call and the outcome to reached, the text box has focus. Saved through the
// offline-draft queue, so a weak signal never loses what was written.
import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Shell } from '../../components/Shell';
import { Chips, Section, Uc, EmptyState } from '../../components/bits';
import { submitFollowUp } from '../../drafts/drafts';
import { DateSheet } from '../../components/DateSheet';
import { dateOnly } from '../../lib/format';
import { nowMs, onDayOf, quickPick } from '../../lib/clock';
import { useMe } from '../../lib/session';
import { useT } from '../../i18n';
import { VoiceButton } from './VoiceButton';
import { appendSpoken } from './spoken';

const TYPES = ['call', 'visit', 'wechat', 'meeting', 'email', 'other'] as const;
// A failed one (no answer, refused) counts toward the customer's (or lead's) return to the pool.
const OUTCOMES = ['reached', 'failed'] as const;
const PICKS = ['none', 'tomorrow', 'nextWeek', 'monthEnd', 'date'] as const;
const MAX_CONTENT = 2000;
type Pick = (typeof PICKS)[number];

/** The next step's due time: a quick pick or a day from the picker, at 09:00 company time. */
function dueAt(pick: Exclude<Pick, 'none'>, day: Date | null): Date {
  return pick === 'date' ? onDayOf(day ?? nowMs(), 9) : quickPick(pick);
}

export default function FollowUp() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const customerId = Number(params.customerId) || 0;
  const leadId = Number(params.leadId) || 0;
  const name = decodeURIComponent(params.name ?? '');
  const [type, setType] = useState<(typeof TYPES)[number]>('call');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('reached');
  const [content, setContent] = useState('');
  const [pick, setPick] = useState<Pick>('none');
  const [day, setDay] = useState<Date | null>(null);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);

  // Recognition ends a while after the tap: append to what is in the box then, typing meanwhile included.
  const contentNow = useRef(content);
  contentNow.current = content;
  const addSpoken = (spoken: string) => {
    const { text, cut } = appendSpoken(contentNow.current, spoken, MAX_CONTENT);
    setContent(text);
    if (cut) void Taro.showToast({ title: t('followup.voiceTruncated', { max: MAX_CONTENT }), icon: 'none', duration: 3000 });
  };

  const save = async () => {
    if (saving) return;
    if (!content.trim()) { void Taro.showToast({ title: t('followup.contentRequired'), icon: 'none' }); return; }
    setSaving(true);
    try {
      const nextStep = pick === 'none' ? undefined : { title: t('followup.nextStepTitle', { name }), dueAt: dueAt(pick, day).toISOString() };
      const target = leadId ? { leadId } : { customerId };
      const r = await submitFollowUp({ ...target, customerName: name, type, outcome, content: content.trim(), nextStep });
      await Taro.showToast({ title: t(r === 'sent' ? 'followup.saved' : 'followup.savedDraft'), icon: r === 'sent' ? 'success' : 'none', duration: 1500 });
      const pages = Taro.getCurrentPages();
      if (pages.length > 1) await Taro.navigateBack();
      // Opened straight from a card: land on the record's own page.
      else await Taro.redirectTo({ url: leadId ? '/pages/leads/index' : `/pages/customer/index?id=${customerId}` });
    } catch (e) {
      void Taro.showToast({ title: t('common.error', { message: (e as Error).message }), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  if (!customerId && !leadId) return <Shell title={t('nav.followup')}><EmptyState text={t('followup.chooseCustomer')} /></Shell>;
  return (
    <Shell title={t('nav.followup')}>
      <View className='pad'><Text className='muted'>{t(leadId ? 'followup.lead' : 'followup.customer')} </Text><Uc className='row-title'>{name}</Uc></View>
      <Section title={t('followup.type')}>
        <Chips testId='type' value={type} onChange={setType} options={TYPES.map((k) => ({ key: k, label: t(`type.${k}`) }))} />
      </Section>
      <Section title={t('followup.outcome')}>
        <Chips testId='outcome' value={outcome} onChange={setOutcome} options={OUTCOMES.map((k) => ({ key: k, label: t(`followup.outcomes.${k}`) }))} />
      </Section>
      <Section title={t('followup.content')}>
        <View className='pad'>
          <Textarea className='textarea' data-testid='content' value={content} focus autoFocus maxlength={MAX_CONTENT}
            placeholder={t('followup.placeholder')} onInput={(e) => setContent(e.detail.value)} />
          {/* Only once signed in: the page signature is asked of the server with the session. */}
          {me && <VoiceButton onText={addSpoken} />}
        </View>
      </Section>
      <Section title={t('followup.nextStep')}>
        <Chips testId='next' value={pick} onChange={(k) => (k === 'date' ? setPicking(true) : setPick(k))}
          options={PICKS.map((k) => ({ key: k, label: k === 'date' && pick === 'date' && day ? dateOnly(day.toISOString()) : t(`followup.pick.${k}`) }))} />
      </Section>
      <DateSheet visible={picking} value={day} title={t('followup.nextStep')} onClose={() => setPicking(false)}
        onPick={(d) => { setDay(d); setPick('date'); setPicking(false); }} />
      <View className='pad'>
        <Button type='primary' block loading={saving} data-testid='save' onClick={() => void save()} style={{ minHeight: '48px' }}>
          {t('followup.save')}
        </Button>
      </View>
    </Shell>
  );
}
