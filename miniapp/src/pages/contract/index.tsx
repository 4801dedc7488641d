// Contracts: a rep drafts a contract from a customer's 360 page (or an opportunity, prefilled), submits it for
// approval, and follows its status and approval progress here.
// New: /pages/contract/index?customerId=…[&opportunityId=…]; an existing one (deep link): ?id=…
// Amounts are typed in yuan and sent as integer cents; the API's localized errors show inline by their field.
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { EmptyState, ErrorLine, Loading, Section, Uc } from '../../components/bits';
import { ApprovalProgress, statusWord } from '../../components/ApprovalProgress';
import { api, ApiError } from '../../api/client';
import type { ApprovalDetail, ContractRecord, Customer, Opportunity } from '../../api/types';
import { useMe } from '../../lib/session';
import { dateOnly, money } from '../../lib/format';
import { startOfDayKey } from '../../lib/clock';
import { useT } from '../../i18n';

const EDITABLE = ['draft', 'rejected', 'withdrawn'];
type Field = 'title' | 'amount' | 'number' | 'signedAt' | 'startAt' | 'endAt';
const DATE_FIELDS: Field[] = ['signedAt', 'startAt', 'endAt'];
interface Values { title: string; amount: string; number: string; signedAt: string; startAt: string; endAt: string }
/** A problem to show: on a field (under its input) or for the whole form. */
interface Problem { field?: Field; message: string }

/** "80,000.5" → 8000050; null when it is not a positive amount with at most two decimals. */
export function yuanToCents(text: string): number | null {
  const s = text.replace(/[,\s]/g, '');
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}
const centsToYuan = (c: number | undefined | null) => (c === undefined || c === null ? '' : String(c / 100));
const isoDay = (d: string) => startOfDayKey(d)!.toISOString();

/** The server names fields by the API's names: map them back to the form's inputs. */
function fieldOf(apiField: string | undefined): Field | undefined {
  if (!apiField) return undefined;
  if (apiField === 'amountCents') return 'amount';
  return (['title', 'number', 'signedAt', 'startAt', 'endAt'] as string[]).includes(apiField) ? (apiField as Field) : undefined;
}
export function problemOf(e: unknown): Problem {
  if (e instanceof ApiError) return { field: fieldOf(e.field), message: e.message };
  return { message: (e as Error)?.message || 'error' };
}

function ContractForm({ initial, busy, onSave, problem, isNew }: {
  initial: Values; busy: boolean; isNew: boolean; problem: Problem | null;
  onSave(v: Values, submit: boolean): void;
}) {
  const { t } = useT();
  const [v, setV] = useState<Values>(initial);
  const [local, setLocal] = useState<Problem | null>(null);
  useEffect(() => setLocal(null), [v]);
  const shown = local ?? problem;
  const set = (k: Field) => (e: { detail: { value: string } }) => setV((x) => ({ ...x, [k]: e.detail.value }));
  const check = (): Problem | null => {
    if (!v.title.trim()) return { field: 'title', message: t('contract.titleRequired') };
    if (yuanToCents(v.amount) === null) return { field: 'amount', message: t('contract.amountInvalid') };
    for (const f of DATE_FIELDS) if (v[f] && !startOfDayKey(v[f])) return { field: f, message: t('opps.invalidDate') };
    if (v.startAt && v.endAt && v.endAt < v.startAt) return { field: 'endAt', message: t('contract.endBeforeStart') };
    return null;
  };
  const go = (submit: boolean) => {
    if (busy) return;
    const p = check();
    if (p) { setLocal(p); return; }
    onSave(v, submit);
  };
  const err = (f: Field) => (shown?.field === f ? <View className='field-error' data-testid={`error-${f}`}>{shown.message}</View> : null);
  const input = (f: Field, label: string, props: Record<string, unknown> = {}) => (
    <View className='field'>
      <View className='field-label'>{label}</View>
      <Input className={`input ${shown?.field === f ? 'input-bad' : ''}`} value={v[f]} onInput={set(f)} data-testid={`contract-${f}`} {...props} />
      {err(f)}
    </View>
  );
  return (
    <View className='pad' data-testid='contract-form'>
      {input('title', t('contract.title'), { maxlength: 128 })}
      {input('amount', t('contract.amount'), { type: 'digit', placeholder: '80000' })}
      {input('number', t('contract.number'), { maxlength: 64, placeholder: t('common.optional') })}
      {input('signedAt', t('contract.signedAt'), { placeholder: 'YYYY-MM-DD' })}
      {input('startAt', t('contract.startAt'), { placeholder: 'YYYY-MM-DD' })}
      {input('endAt', t('contract.endAt'), { placeholder: 'YYYY-MM-DD' })}
      {shown && !shown.field && <View className='field-error' data-testid='form-error'>{shown.message}</View>}
      <View className='actions'>
        <View className='btn' data-testid='contract-save' onClick={() => go(false)}>{t(isNew ? 'contract.saveDraft' : 'common.save')}</View>
        <View className='btn btn-primary' data-testid='contract-submit-new' onClick={() => go(true)}>{t(busy ? 'contract.working' : 'contract.saveSubmit')}</View>
      </View>
    </View>
  );
}

function toBody(v: Values, isNew: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { title: v.title.trim(), amountCents: yuanToCents(v.amount) };
  if (v.number.trim()) body.number = v.number.trim(); else if (!isNew) body.number = null;
  for (const f of DATE_FIELDS) {
    if (v[f]) body[f] = isoDay(v[f]);
    else if (!isNew) body[f] = null;
  }
  return body;
}

export default function ContractPage() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [id, setId] = useState<number | null>(Number(params.id) || null);
  const customerId = Number(params.customerId) || null;
  const opportunityId = Number(params.opportunityId) || null;

  const [contract, setContract] = useState<ContractRecord | null>(null);
  const [approval, setApproval] = useState<ApprovalDetail | null>(null);
  const [customer, setCustomer] = useState<Pick<Customer, 'id' | 'name'> | null>(null);
  const [initial, setInitial] = useState<Values | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loadError, setLoadError] = useState<{ msg: string; notFound: boolean } | null>(null);

  const load = useCallback(async () => {
    if (!me) return;
    try {
      if (id) {
        const k = await api<ContractRecord>('GET', `/contracts/${id}`);
        setContract(k);
        setApproval(k.approvalId ? await api<ApprovalDetail>('GET', `/approvals/${k.approvalId}`).catch(() => null) : null);
        if (!customer || customer.id !== k.customerId) setCustomer(await api<Customer>('GET', `/customers/${k.customerId}`).catch(() => null));
      } else if (customerId) {
        const [c, o] = await Promise.all([
          api<Customer>('GET', `/customers/${customerId}`),
          opportunityId ? api<Opportunity>('GET', `/opportunities/${opportunityId}`).catch(() => null) : Promise.resolve(null),
        ]);
        setCustomer(c);
        setInitial((x) => x ?? { title: o?.name ?? '', amount: centsToYuan(o?.amountCents), number: '', signedAt: '', startAt: '', endAt: '' });
      }
      setLoadError(null);
    } catch (e) {
      setLoadError({ msg: (e as Error).message, notFound: e instanceof ApiError && e.status === 404 });
    }
  }, [me, id, customerId, opportunityId]);
  useEffect(() => { void load(); }, [load]);
  useDidShow(() => { if (contract) void load(); });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  const submit = async (contractId: number) => {
    await api('POST', `/contracts/${contractId}/submit`, {});
    void Taro.showToast({ title: t('contract.submitted'), icon: 'success' });
  };

  const save = async (v: Values, andSubmit: boolean) => {
    setBusy(true);
    setProblem(null);
    let savedId = id;
    try {
      if (!id) {
        const created = await api<ContractRecord>('POST', '/contracts', { customerId, ...(opportunityId ? { opportunityId } : {}), ...toBody(v, true) });
        savedId = created.id;
        // From here on this page shows the stored contract (a failed submit leaves a draft to retry).
        setId(created.id);
        setContract(created);
      } else {
        setContract(await api<ContractRecord>('PATCH', `/contracts/${id}`, toBody(v, false)));
      }
      setEditing(false);
      if (andSubmit && savedId) await submit(savedId);
      else void Taro.showToast({ title: t('contract.saved'), icon: 'success' });
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };
  // After a save the id is set: load the stored record and its approval.
  useEffect(() => { if (id && !busy) void load(); }, [id, busy]);

  const act = async (what: 'submit' | 'withdraw') => {
    if (!contract || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      if (what === 'submit') await submit(contract.id);
      else { await api('POST', `/contracts/${contract.id}/withdraw`, {}); void Taro.showToast({ title: t('contract.withdrawn'), icon: 'none' }); }
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };

  const title = t(id ? 'nav.contract' : 'nav.newContract');
  if (loadError?.notFound || (!id && !customerId)) return <Shell title={title}><EmptyState text={t('contract.notFound')} /></Shell>;
  if (loadError && !contract && !initial) return <Shell title={title}><ErrorLine error={loadError.msg} onRetry={load} /></Shell>;

  // New contract: the form.
  if (!id) {
    if (!initial) return <Shell title={title}><Loading /></Shell>;
    return (
      <Shell title={title}>
        <View className='pad'><Text className='muted'>{t('contract.customer')} </Text><Uc className='row-title'>{customer?.name ?? ''}</Uc></View>
        <Section title={t('nav.newContract')}>
          <ContractForm isNew initial={initial} busy={busy} problem={problem} onSave={(v, s) => void save(v, s)} />
        </Section>
      </Shell>
    );
  }
  if (!contract) return <Shell title={title}><Loading /></Shell>;

  const k = contract;
  const editable = EDITABLE.includes(k.status);
  return (
    <Shell title={title}>
      <View className='header' data-testid='contract-header'><Uc>{k.title}</Uc></View>
      <View className='pad'>
        <Text className={`badge badge-${k.status}`} data-testid='contract-status' data-status={k.status}>{statusWord('contract.status', k.status)}</Text>
        <Text data-testid='contract-amount'>{money(k.amountCents)}</Text>
      </View>
      <Section title={t('contract.details')} testId='contract-details'>
        <View className='row' onClick={() => customer && Taro.navigateTo({ url: `/pages/customer/index?id=${customer.id}` })}>
          <View className='row-main'><View className='row-sub'>{t('contract.customer')}</View><View className='row-title'><Uc>{customer?.name ?? k.customerName ?? `#${k.customerId}`}</Uc></View></View>
        </View>
        {k.number && <View className='row'><View className='row-main'><View className='row-sub'>{t('contract.number')}</View><Uc>{k.number}</Uc></View></View>}
        <View className='row'>
          <View className='row-main'>
            <View className='row-sub'>{t('contract.term')}</View>
            <Text>{k.startAt || k.endAt ? t('contract.range', { from: dateOnly(k.startAt) || '…', to: dateOnly(k.endAt) || '…' }) : t('opps.noDate')}</Text>
            {k.signedAt && <Text className='muted'> · {t('contract.signedOn', { date: dateOnly(k.signedAt) })}</Text>}
          </View>
        </View>
      </Section>

      {problem && !editing && <View className='pad field-error' data-testid='form-error'>{problem.message}</View>}
      {editing && (
        <Section title={t('contract.edit')}>
          <ContractForm isNew={false} busy={busy} problem={problem} onSave={(v, s) => void save(v, s)} initial={{
            title: k.title, amount: centsToYuan(k.amountCents), number: k.number ?? '', signedAt: dateOnly(k.signedAt), startAt: dateOnly(k.startAt), endAt: dateOnly(k.endAt),
          }} />
        </Section>
      )}
      {!editing && (editable || k.status === 'pending' || approval?.canDecide) && (
        <View className='actions pad'>
          {editable && <View className='btn' data-testid='contract-edit' onClick={() => { setProblem(null); setEditing(true); }}>{t('contract.edit')}</View>}
          {editable && <View className='btn btn-primary' data-testid='contract-submit' onClick={() => void act('submit')}>{t(busy ? 'contract.working' : 'contract.submit')}</View>}
          {k.status === 'pending' && approval?.canWithdraw && <View className='btn btn-danger' data-testid='contract-withdraw' onClick={() => void act('withdraw')}>{t('contract.withdraw')}</View>}
          {approval?.canDecide && <View className='btn btn-primary' data-testid='contract-decide' onClick={() => Taro.navigateTo({ url: `/pages/approvals/index?id=${approval.id}` })}>{t('contract.decide')}</View>}
        </View>
      )}

      <Section title={t('contract.approval')} testId='contract-approval'>
        {approval ? <ApprovalProgress detail={approval} /> : <View className='pad muted'>{t(k.status === 'draft' ? 'contract.notSubmitted' : 'contract.noApproval')}</View>}
      </Section>
    </Shell>
  );
}
