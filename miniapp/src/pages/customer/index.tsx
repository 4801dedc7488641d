// Customer 360 (deep link: /pages/customer/index?id=…): contacts, open opportunities with stages, the
// follow-up timeline, contracts with payments, open tasks; call / WeChat / follow-up quick actions.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { ReasonForm } from '../../components/ReasonForm';
import { ContractRow } from '../../components/ContractRow';
import { api, ApiError } from '../../api/client';
import type { Customer360 } from '../../api/types';
import { useMe } from '../../lib/session';
import { money, shortTime, dateOnly } from '../../lib/format';
import { useT } from '../../i18n';
import { openFollowUp } from '../followup/open';

export default function CustomerPage() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const id = Number(params.id);
  const [data, setData] = useState<Customer360 | null>(null);
  const [error, setError] = useState<{ msg: string; notFound: boolean } | null>(null);
  const [releasing, setReleasing] = useState(false);

  const load = useCallback(async () => {
    if (!me || !id) return;
    try {
      setData(await api<Customer360>('GET', `/customers/${id}/360`));
      setError(null);
    } catch (e) {
      setError({ msg: (e as Error).message, notFound: e instanceof ApiError && e.status === 404 });
    }
  }, [me, id]);
  useEffect(() => { void load(); }, [load]);
  useDidShow(() => { if (data) void load(); });

  if (!id || error?.notFound) return <Shell title={t('nav.customer')}><EmptyState text={t('customer.notFound')} /></Shell>;
  if (error && !data) return <Shell title={t('nav.customer')}><ErrorLine error={error.msg} onRetry={load} /></Shell>;
  if (!data) return <Shell title={t('nav.customer')}><Loading /></Shell>;

  const c = data.customer;
  const primary = data.contacts.find((x) => x.isPrimary) ?? data.contacts[0];
  const newContract = (opportunityId?: number) =>
    void Taro.navigateTo({ url: `/pages/contract/index?customerId=${c.id}${opportunityId ? `&opportunityId=${opportunityId}` : ''}` });
  const release = async (reason: string) => {
    await api('POST', `/customers/${c.id}/release`, { reason });
    void Taro.showToast({ title: t('customer.released'), icon: 'success' });
    setReleasing(false);
    void load();
  };

  return (
    <Shell title={t('nav.customer')}>
      <View className='header'><Text className={`badge badge-${c.level.toLowerCase()}`}>{c.level}</Text><Uc>{c.name}</Uc></View>
      <View className='pad muted'>{c.region && <Uc>{c.region} </Uc>}{c.industry && <Uc>· {c.industry}</Uc>}</View>
      <View className='chips' data-testid='quick-actions'>
        <View className='btn btn-primary' data-testid='followup' onClick={() => openFollowUp(c.id, c.name)}>{t('customer.followUp')}</View>
        {primary?.phone && <View className='btn' data-testid='call' onClick={() => void Taro.makePhoneCall({ phoneNumber: primary.phone! })}>{t('customer.call')}</View>}
        {primary?.wechat && (
          <View className='btn' onClick={() => void Taro.setClipboardData({ data: primary.wechat! }).then(() => Taro.showToast({ title: t('customer.wechatCopied'), icon: 'none' }))}>
            {t('customer.wechat')}
          </View>
        )}
        {c.ownerId !== null && c.ownerId === me?.id && <View className='btn btn-danger' onClick={() => setReleasing(true)}>{t('customer.release')}</View>}
      </View>
      {releasing && <Section title={t('pool.reason')}><ReasonForm onSubmit={release} onCancel={() => setReleasing(false)} /></Section>}

      <Section title={t('customer.timeline')} testId='timeline'>
        {data.followUps.length === 0 && <EmptyState />}
        {data.followUps.map((a) => (
          <View key={a.id} className='timeline-item' data-testid='timeline-item'>
            <View><Text className='badge'>{t(`type.${a.type}`)}</Text><Text className='muted'>{shortTime(a.occurredAt)}</Text></View>
            <View style={{ marginTop: '4px' }}><Uc>{a.content}</Uc></View>
            {a.nextStep && <View className='row-sub'><Uc>{a.nextStep}</Uc></View>}
          </View>
        ))}
      </Section>

      <Section title={t('customer.tasks')}>
        {data.openTasks.length === 0 && <EmptyState />}
        {data.openTasks.map((x) => (
          <View key={x.id} className='row'><View className='row-main'><View className='row-title'><Uc>{x.title}</Uc></View>
            <View className='row-sub'>{t('today.dueAt', { time: shortTime(x.dueAt) })}</View></View></View>
        ))}
      </Section>

      <Section title={t('customer.contacts')} testId='contacts'>
        {data.contacts.length === 0 && <EmptyState />}
        {data.contacts.map((p) => (
          <View key={p.id} className='row'>
            <View className='row-main'>
              <View className='row-title'>{p.isPrimary && <Text className='badge'>{t('customer.primary')}</Text>}<Uc>{p.name}</Uc></View>
              <View className='row-sub'>{p.title && <Uc>{p.title} </Uc>}{p.phone && <Uc>{p.phone}</Uc>}</View>
            </View>
            {p.phone && <View className='btn' onClick={() => void Taro.makePhoneCall({ phoneNumber: p.phone! })}>{t('customer.call')}</View>}
          </View>
        ))}
      </Section>

      <Section title={t('customer.opportunities')} testId='opportunities'>
        {data.openOpportunities.length === 0 && <EmptyState />}
        {data.openOpportunities.map((o) => (
          <View key={o.id} className='row' data-testid='opp-row'>
            <View className='row-main' onClick={() => Taro.navigateTo({ url: `/pages/opportunities/index?id=${o.id}` })}>
              <View className='row-title'><Uc>{o.name}</Uc></View>
              <View className='row-sub'><Text className='badge'>{t(`stage.${o.stage}`)}</Text>{money(o.amountCents)} · {t('opps.closeDate')} {dateOnly(o.expectedCloseAt) || t('opps.noDate')}</View>
            </View>
            <View className='btn' data-testid='opp-contract' onClick={() => newContract(o.id)}>{t('customer.newContract')}</View>
          </View>
        ))}
      </Section>

      <Section title={t('customer.contracts')} testId='contracts'
        extra={<View className='btn btn-primary' data-testid='new-contract' onClick={() => newContract()}>{t('customer.newContract')}</View>}>
        {data.contracts.length === 0 && <EmptyState />}
        {data.contracts.map((k) => (
          <ContractRow key={k.id} k={k}>
            {k.payments && (k.payments.receivedCents !== undefined
              ? <Text> · {t('customer.payments', { received: money(k.payments.receivedCents), planned: money(k.payments.plannedCents), count: k.payments.count })}</Text>
              : <Text> · {t('customer.paymentsHidden', { count: k.payments.count })}</Text>)}
          </ContractRow>
        ))}
      </Section>
    </Shell>
  );
}
