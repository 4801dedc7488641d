// Approvals inbox: what waits for me (pending) and what I acted on (done). Approve, reject (a comment is
// required), transfer to a colleague, or return (to the submitter or an earlier step) — POST /approvals/:id/decide,
// the same domain action the chat cards call, so a decision here updates the cards in chat.
// Deep link: /pages/approvals/index?id=… opens that approval.
import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, Tx, Uc } from '../../components/bits';
import { ApprovalProgress, statusWord } from '../../components/ApprovalProgress';
import { api, ApiError, qs, type Page } from '../../api/client';
import type { Approval, ApprovalDetail, Colleague, Me } from '../../api/types';
import { useMe } from '../../lib/session';
import { money, shortTime } from '../../lib/format';
import { useT } from '../../i18n';

type Tab = 'pending' | 'done';
type Action = 'approve' | 'reject' | 'transfer' | 'return';
const ACTIONS: Action[] = ['approve', 'reject', 'transfer', 'return'];

let colleagues: Promise<Colleague[]> | null = null;
function loadColleagues(): Promise<Colleague[]> {
  colleagues ??= api<Page<Colleague>>('GET', `/users${qs({ limit: 500 })}`).then((r) => r.items).catch((e) => { colleagues = null; throw e; });
  return colleagues;
}

function Decide({ detail, me, onDone }: { detail: ApprovalDetail; me: Me; onDone(action: Action): void }) {
  const { t } = useT();
  const [mode, setMode] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [search, setSearch] = useState('');
  const [toUser, setToUser] = useState<number | null>(null);
  const [toStep, setToStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (mode !== 'transfer' || people) return;
    loadColleagues().then(setPeople).catch((e) => setError((e as Error).message));
  }, [mode]);
  const candidates = useMemo(() => (people ?? [])
    .filter((p) => p.id !== me.id && p.id !== detail.submitter?.id)
    .filter((p) => !search.trim() || p.name.toLowerCase().includes(search.trim().toLowerCase())), [people, search]);

  const send = async (action: Action) => {
    if (busy) return;
    setError(null);
    if (action === 'reject' && !comment.trim()) { setMode('reject'); setError(t('approvals.commentRequired')); return; }
    if (action === 'transfer' && !toUser) { setError(t('approvals.pickColleague')); return; }
    setBusy(true);
    try {
      await api('POST', `/approvals/${detail.id}/decide`, {
        action, ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(action === 'transfer' ? { toUserId: toUser } : {}), ...(action === 'return' && toStep ? { toStep } : {}),
      });
      void Taro.showToast({ title: t(`approvals.toast.${action}`), icon: 'success' });
      onDone(action);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  // The first tap on transfer/return opens its options; approve/reject act at once (reject checks the comment).
  const tap = (action: Action) => {
    if ((action === 'transfer' || action === 'return') && mode !== action) { setMode(action); setError(null); return; }
    void send(action);
  };
  const earlier = detail.steps.filter((s) => s.index < detail.currentStep);

  return (
    <View className='pad' data-testid='decide'>
      <Textarea className='textarea' value={comment} maxlength={1000} data-testid='approval-comment' style={{ minHeight: '72px' }}
        placeholder={t(mode === 'reject' ? 'approvals.commentRequiredHint' : 'approvals.comment')} onInput={(e) => { setComment(e.detail.value); setError(null); }} />
      {mode === 'transfer' && (
        <View data-testid='transfer-picker'>
          <View className='muted' style={{ marginTop: '8px' }}>{t('approvals.transferTo')}</View>
          <Input className='input' style={{ marginTop: '4px' }} value={search} placeholder={t('approvals.searchColleague')} onInput={(e) => setSearch(e.detail.value)} data-testid='colleague-search' />
          {!people && !error && <Loading />}
          {people && (
            <View className='pick-list'>
              {candidates.map((p) => (
                <View key={p.id} className={`pick ${toUser === p.id ? 'pick-on' : ''}`} data-testid='colleague' data-id={p.id} onClick={() => { setToUser(p.id); setError(null); }}>
                  <Uc>{p.name}</Uc>
                  {p.position && <Text className='muted' style={{ marginLeft: '8px' }}>{statusWord('position', p.position)}</Text>}
                </View>
              ))}
              {candidates.length === 0 && <View className='pick muted'>{t('common.empty')}</View>}
            </View>
          )}
        </View>
      )}
      {mode === 'return' && (
        <View data-testid='return-picker'>
          <View className='muted' style={{ marginTop: '8px' }}>{t('approvals.returnTo')}</View>
          <Chips testId='return-to' value={String(toStep)} onChange={(k) => setToStep(Number(k))} options={[
            { key: '0', label: t('approvals.toSubmitter') },
            ...earlier.map((s) => ({ key: String(s.index), label: t('approvals.toStep', { step: s.index, name: s.name }) })),
          ]} />
        </View>
      )}
      {error && <View className='field-error' data-testid='decide-error'>{error}</View>}
      <View className='actions'>
        {mode === 'transfer' || mode === 'return' ? (
          <>
            <View className='btn' onClick={() => { setMode(null); setError(null); }}>{t('common.cancel')}</View>
            <View className='btn btn-primary' data-testid={`approval-${mode}-confirm`} onClick={() => void send(mode)}>{t(`approvals.confirm.${mode}`)}</View>
          </>
        ) : ACTIONS.map((x) => (
          <View key={x} data-testid={`approval-${x}`} className={`btn ${x === 'approve' ? 'btn-primary' : x === 'reject' ? 'btn-danger' : ''}`} onClick={() => tap(x)}>
            {t(`approvals.${x}`)}
          </View>
        ))}
      </View>
    </View>
  );
}

function Detail({ id, me, pending, onDone }: { id: number; me: Me; pending: boolean; onDone(action: Action): void }) {
  const { t } = useT();
  const [detail, setDetail] = useState<ApprovalDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try { setDetail(await api<ApprovalDetail>('GET', `/approvals/${id}`)); setError(null); } catch (e) { setError((e as Error).message); }
  }, [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <ErrorLine error={error} onRetry={load} />;
  if (!detail) return <Loading />;
  return (
    <View data-testid='approval-detail'>
      <ApprovalProgress detail={detail} />
      <View className='actions pad' style={{ marginTop: 0 }}>
        <View className='btn' data-testid='open-contract' onClick={() => Taro.navigateTo({ url: `/pages/contract/index?id=${detail.contract.id}` })}>{t('approvals.openContract')}</View>
      </View>
      {pending && detail.canDecide && <Decide detail={detail} me={me} onDone={onDone} />}
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
  useDidShow(() => { if (items) void load(); });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  // A deep link to an approval that is not in this list (done, or someone else's turn) still opens it.
  const linked = open && items && !items.some((a) => a.id === open) && Number(params.id) === open ? open : null;

  return (
    <Shell title={t('nav.approvals')} tab='approvals'>
      <Chips testId='approval-tab' value={tab} onChange={(k) => { setTab(k); setOpen(null); }} options={[{ key: 'pending', label: t('approvals.pending') }, { key: 'done', label: t('approvals.done') }]} />
      {unavailable && <EmptyState unavailable text={t('approvals.unavailable')} />}
      {error && <ErrorLine error={error} onRetry={load} />}
      {!unavailable && !error && !items && <Loading />}
      {linked && me && (
        <View className='section' data-testid='approval-linked'>
          <Detail id={linked} me={me} pending onDone={() => { setOpen(null); void load(); }} />
        </View>
      )}
      {items && items.length === 0 && <EmptyState text={t('approvals.empty')} />}
      {items && items.length > 0 && (
        <View className='section'>
          {items.map((a) => (
            <View key={`${a.id}-${a.taskId ?? ''}`} data-testid='approval-row' data-id={a.id} data-object={a.objectId}>
              <View className='row' onClick={() => setOpen(open === a.id ? null : a.id)}>
                <View className='row-main'>
                  <View className='row-title'><Uc>{a.title ?? a.summary ?? `#${a.id}`}</Uc></View>
                  <View className='row-sub'>
                    {a.customerName && <Text data-testid='approval-customer'><Uc>{a.customerName}</Uc> · </Text>}
                    {a.amountCents !== undefined && <Text>{money(a.amountCents)} · </Text>}
                    {a.submitterName && <Tx k='approvals.submittedBy' params={{ name: <Uc>{a.submitterName}</Uc> }} />}
                    {tab === 'pending' && a.createdAt && <Text> {shortTime(a.createdAt)}</Text>}
                    {tab === 'done' && a.decidedAt && <Text> · {t('approvals.decidedAt', { time: shortTime(a.decidedAt) })}</Text>}
                  </View>
                  {a.stepName && (
                    <View className='row-sub'>
                      <Text>{t('approval.stepOf', { step: a.stepIndex ?? 1, total: a.stepTotal ?? 1 })} · </Text><Uc>{a.stepName}</Uc>
                    </View>
                  )}
                </View>
                {tab === 'done' && <Text className={`badge badge-${a.status}`} data-testid='approval-result'>{statusWord('approvals.result', a.status)}</Text>}
              </View>
              {open === a.id && me && <Detail id={a.id} me={me} pending={tab === 'pending'} onDone={() => { setOpen(null); void load(); }} />}
            </View>
          ))}
        </View>
      )}
    </Shell>
  );
}
