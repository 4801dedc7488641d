// Opportunities: move the stage (asking for the fields a stage requires first), edit amount and close date.
// Deep link: /pages/opportunities/index?id=… opens that one.
import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Uc } from '../../components/bits';
import { ReasonForm } from '../../components/ReasonForm';
import { api, qs, type Page } from '../../api/client';
import type { Opportunity, Stage } from '../../api/types';
import { useMe } from '../../lib/session';
import { dateOnly, money } from '../../lib/format';
import { onDayOf } from '../../lib/clock';
import { DateSheet } from '../../components/DateSheet';
import { loadStages, stageName } from '../../lib/stages';
import { useT } from '../../i18n';

function Editor({ opp, stage, stages, onDone }: { opp: Opportunity; stage?: Stage; stages: Stage[]; onDone(): void }) {
  const { t } = useT();
  const [amount, setAmount] = useState(opp.amountCents ? String(opp.amountCents / 100) : '');
  const [close, setClose] = useState<Date | null>(opp.expectedCloseAt ? new Date(opp.expectedCloseAt) : null);
  const [picking, setPicking] = useState(false);
  const [lostReason, setLostReason] = useState<boolean>(stage?.key === 'lost');
  const save = async () => {
    try {
      const patch: Record<string, unknown> = {};
      if (amount !== '') patch.amountCents = Math.round(Number(amount) * 100);
      // The start of the company's day, as the list and the forecast's months read it back.
      patch.expectedCloseAt = close ? onDayOf(close).toISOString() : null;
      await api('PATCH', `/opportunities/${opp.id}`, patch);
      if (stage) await api('POST', `/opportunities/${opp.id}/stage`, { stage: stage.key });
      void Taro.showToast({ title: t('opps.updated'), icon: 'success' });
      onDone();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };
  if (lostReason) {
    return <ReasonForm onCancel={() => { setLostReason(false); onDone(); }} onSubmit={async (reason) => {
      await api('POST', `/opportunities/${opp.id}/stage`, { stage: 'lost', lostReason: reason });
      void Taro.showToast({ title: t('opps.updated'), icon: 'success' });
      onDone();
    }} />;
  }
  return (
    <View className='pad' data-testid='opp-editor'>
      {stage && <View className='muted'>{t('opps.moveStage')}: {stageName(stage.key, stages)}</View>}
      <View className='muted' style={{ marginTop: '8px' }}>{t('opps.amountInput')}</View>
      <Input className='input' type='digit' value={amount} onInput={(e) => setAmount(e.detail.value)} />
      <View className='muted' style={{ marginTop: '8px' }}>{t('opps.closeDateInput')}</View>
      <View style={{ display: 'flex', alignItems: 'center' }}>
        <View className='input date-field' data-testid='opp-close' onClick={() => setPicking(true)}>
          {close ? dateOnly(close.toISOString()) : <Text className='muted'>{t('opps.noDate')}</Text>}
        </View>
        {close && <View className='btn' data-testid='opp-close-clear' onClick={() => setClose(null)}>{t('opps.clearDate')}</View>}
      </View>
      <DateSheet visible={picking} value={close} title={t('opps.closeDateInput')} onClose={() => setPicking(false)}
        onPick={(d) => { setClose(d); setPicking(false); }} />
      <View style={{ display: 'flex', justifyContent: 'flex-end', marginTop: '8px' }}>
        <View className='btn' onClick={onDone}>{t('common.cancel')}</View>
        <View className='btn btn-primary' data-testid='opp-save' onClick={() => void save()}>{t('common.save')}</View>
      </View>
    </View>
  );
}

export default function Opportunities() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const focusId = Number(params.id) || null;
  const [stages, setStages] = useState<Stage[]>([]);
  const [items, setItems] = useState<Opportunity[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ id: number; stage?: Stage; edit?: boolean } | null>(focusId ? { id: focusId } : null);

  const load = useCallback(async (reset: boolean) => {
    if (!me) return;
    setLoading(true);
    setError(null);
    try {
      const [st, page] = await Promise.all([
        loadStages().catch(() => [] as Stage[]),
        api<Page<Opportunity>>('GET', `/opportunities${qs({ status: 'open', sort: '-updatedAt', limit: 20, cursor: reset ? undefined : cursor ?? undefined })}`),
      ]);
      let list = reset ? page.items : [...items, ...page.items];
      if (reset && focusId && !list.some((o) => o.id === focusId)) {
        const one = await api<Opportunity>('GET', `/opportunities/${focusId}`).catch(() => null);
        if (one) list = [one, ...list];
      }
      setStages(st);
      setItems(list);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [me, cursor, items, focusId]);
  useEffect(() => { void load(true); }, [me]);
  useReachBottom(() => { if (cursor && !loading) void load(false); });
  usePullDownRefresh(() => { void load(true).finally(() => Taro.stopPullDownRefresh()); });

  const move = async (o: Opportunity, s: Stage) => {
    const missing = (s.requiredFields ?? []).filter((f) => f === 'lostReason' || !(o as unknown as Record<string, unknown>)[f]);
    if (missing.length) { setOpen({ id: o.id, stage: s }); return; }
    try {
      await api('POST', `/opportunities/${o.id}/stage`, { stage: s.key });
      void Taro.showToast({ title: t('opps.updated'), icon: 'success' });
      void load(true);
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      setOpen({ id: o.id, stage: s });
    }
  };

  return (
    <Shell title={t('nav.opportunities')} tab='opportunities'>
      {error && <ErrorLine error={error} onRetry={() => void load(true)} />}
      {items.map((o) => (
        <View key={o.id} className='section' data-testid='opp'>
          <View className='row' onClick={() => setOpen(open?.id === o.id ? null : { id: o.id })}>
            <View className='row-main'>
              <View className='row-title'><Uc>{o.name}</Uc></View>
              <View className='row-sub'>
                <Text className='badge'>{stageName(o.stage, stages)}</Text>
                {money(o.amountCents)} · {t('opps.closeDate')} {dateOnly(o.expectedCloseAt) || t('opps.noDate')} · {t('opps.probability', { p: o.probability })}
              </View>
            </View>
          </View>
          {open?.id === o.id && (
            <>
              <Chips testId='stage' value={o.stage} onChange={(k) => { const s = stages.find((x) => x.key === k); if (s && k !== o.stage) void move(o, s); }}
                options={stages.map((s) => ({ key: s.key, label: stageName(s.key, stages) }))} />
              {open.stage || open.edit
                ? <Editor opp={o} stage={open.stage} stages={stages} onDone={() => { setOpen(null); void load(true); }} />
                : (
                  <View className='pad actions'>
                    <View className='btn' data-testid='opp-edit' onClick={() => setOpen({ id: o.id, edit: true })}>{t('opps.edit')}</View>
                    <View className='btn btn-primary' data-testid='opp-new-contract'
                      onClick={() => void Taro.navigateTo({ url: `/pages/contract/index?customerId=${o.customerId}&opportunityId=${o.id}` })}>{t('customer.newContract')}</View>
                  </View>
                )}
            </>
          )}
        </View>
      ))}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <EmptyState />}
    </Shell>
  );
}
