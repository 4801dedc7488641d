// Approvals inbox: pending and done; approve / reject / transfer / return with a comment. The same domain
// action the chat cards call, so a decision here updates the cards. A server without the approval API
// (404) gets a clear "not available yet" instead of an error.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Tx, Uc } from '../../components/bits';
import { api, ApiError, qs } from '../../api/client';
import type { Approval } from '../../api/types';
import { useMe } from '../../lib/session';
import { money, shortTime } from '../../lib/format';
import { useT } from '../../i18n';

type Tab = 'pending' | 'done';
type Action = 'approve' | 'reject' | 'transfer' | 'return';
const ACTIONS: Action[] = ['approve', 'reject', 'transfer', 'return'];

function Decide({ a, onDone }: { a: Approval; onDone(): void }) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [toUser, setToUser] = useState('');
  const [transfer, setTransfer] = useState(false);
  const send = async (action: Action) => {
    if (action === 'transfer' && !transfer) { setTransfer(true); return; }
    try {
      await api('POST', `/approvals/${a.id}/decide`, { action, comment: comment.trim() || undefined, ...(action === 'transfer' ? { toUserId: Number(toUser) } : {}) });
      void Taro.showToast({ title: t('approvals.decided'), icon: 'success' });
      onDone();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };
  return (
    <View className='pad'>
      <Input className='input' value={comment} placeholder={t('approvals.comment')} onInput={(e) => setComment(e.detail.value)} data-testid='approval-comment' />
      {transfer && <Input className='input' style={{ marginTop: '8px' }} type='number' value={toUser} placeholder={t('approvals.transferTo')} onInput={(e) => setToUser(e.detail.value)} />}
      <View style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', marginTop: '8px' }}>
        {ACTIONS.map((x) => (
          <View key={x} data-testid={`approval-${x}`} className={`btn ${x === 'approve' ? 'btn-primary' : x === 'reject' ? 'btn-danger' : ''}`} onClick={() => void send(x)}>
            {t(`approvals.${x}`)}
          </View>
        ))}
      </View>
    </View>
  );
}

export default function Approvals() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>('pending');
  const [items, setItems] = useState<Approval[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(Number(params.id) || null);

  const load = useCallback(async () => {
    if (!me) return;
    setError(null);
    try {
      const r = await api<{ items: Approval[] } | Approval[]>('GET', `/approvals${qs({ status: tab })}`);
      setItems(Array.isArray(r) ? r : r.items);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setUnavailable(true);
      else setError((e as Error).message);
    }
  }, [me, tab]);
  useEffect(() => { setItems(null); void load(); }, [load]);

  return (
    <Shell title={t('nav.approvals')} tab='approvals'>
      <Chips testId='approval-tab' value={tab} onChange={setTab} options={[{ key: 'pending', label: t('approvals.pending') }, { key: 'done', label: t('approvals.done') }]} />
      {unavailable && <EmptyState unavailable text={t('approvals.unavailable')} />}
      {error && <ErrorLine error={error} onRetry={load} />}
      {!unavailable && !error && !items && <Loading />}
      {items && items.length === 0 && <EmptyState text={t('approvals.empty')} />}
      {items && items.length > 0 && (
        <View className='section'>
          {items.map((a) => (
            <View key={a.id} data-testid='approval-row'>
              <View className='row' onClick={() => setOpen(open === a.id ? null : a.id)}>
                <View className='row-main'>
                  <View className='row-title'><Uc>{a.title ?? a.summary ?? `#${a.id}`}</Uc></View>
                  <View className='row-sub'>
                    {a.amountCents !== undefined && <Text>{money(a.amountCents)} · </Text>}
                    {a.submitterName && <Tx k='approvals.submittedBy' params={{ name: <Uc>{a.submitterName}</Uc> }} />}
                    {a.createdAt && <Text> {shortTime(a.createdAt)}</Text>}
                  </View>
                </View>
                {tab === 'done' && <Text className='badge'>{t(`approvals.result.${a.status}`).startsWith('miniapp.') ? a.status : t(`approvals.result.${a.status}`)}</Text>}
              </View>
              {tab === 'pending' && open === a.id && <Decide a={a} onDone={() => { setOpen(null); void load(); }} />}
            </View>
          ))}
        </View>
      )}
    </Shell>
  );
}

