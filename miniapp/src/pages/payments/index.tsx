// Payments (Me → Payments, and finance's Today), three views: the open instalments of approved contracts
// (GET /payments/outstanding), only the overdue ones (?overdue=true), both the longest overdue first with their totals,
// and the month's summary (GET /payments/summary: received, planned and how much of it is in, overdue, the customers
// who paid most; this month or last). The server decides whose: finance and admins all, a manager their teams', a rep
// their own. An amount a field rule hides comes without its number and shows as hidden, never as 0. An instalment
// opens its contract. The instalments come a page at a time by cursor (scrolling to the bottom, or "load more"); the
// totals cover them all. The month's summary says whose money it counts (the reader's own, a team's, the company's). Deep links: /pages/payments/index?view=overdue (or ?overdue=1), ?view=month
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Shell } from '../../components/Shell';
import { Chips, EmptyState, ErrorLine, Loading, PageFooter, Section, Tx, Uc } from '../../components/bits';
import { api, qs } from '../../api/client';
import type { OpenInstalment, Outstanding, PaymentsSummary } from '../../api/types';
import { useMe } from '../../lib/session';
import { useLatestRequest } from '../../lib/latest-request';
import { money } from '../../lib/format';
import { useT } from '../../i18n';

/** Instalments asked for a page at a time (the list's nextCursor brings the next). */
const LIMIT = 20;
const VIEWS = ['open', 'overdue', 'month'] as const;
type Tab = (typeof VIEWS)[number];
type Month = '0' | '-1';
/** ?view=overdue|month (finance's Today links ?overdue=1). */
const linkView = (p: Record<string, string | undefined>): Tab =>
  p.overdue === '1' || p.overdue === 'true' ? 'overdue' : (VIEWS as readonly string[]).includes(p.view ?? '') ? (p.view as Tab) : 'open';

/** An amount as the API gives it: a number, or the word for hidden where a field rule took it out. */
function Amount({ cents, testId }: { cents: number | undefined; testId?: string }) {
  const { t } = useT();
  return cents === undefined
    ? <Text className='muted' data-testid={testId} data-hidden='yes'>{t('payments.hidden')}</Text>
    : <Text data-testid={testId} data-cents={cents}>{money(cents)}</Text>;
}

function SummaryLine({ label, count, cents, extra, testId }: { label: string; count: number; cents?: number; extra?: string; testId: string }) {
  const { t } = useT();
  return (
    <View className='stat-line' data-testid={testId} data-count={count}>
      <Text>{label}</Text>
      <View className='rank-value'>
        <Amount cents={cents} testId={`${testId}-amount`} />
        <Text className='muted'> · {t(count === 1 ? 'payments.instalmentsOne' : 'payments.instalments', { count })}</Text>
        {extra && <View className='bar-note'>{extra}</View>}
      </View>
    </View>
  );
}

function MonthSummary({ s }: { s: PaymentsSummary }) {
  const { t } = useT();
  const pct = s.plannedCents && s.plannedReceivedCents !== undefined ? Math.round((s.plannedReceivedCents / s.plannedCents) * 100) : null;
  return (
    <View data-testid='payments-summary' data-month={s.month.label} data-hidden={s.amountsHidden ? 'yes' : 'no'}>
      <View className='pad muted' data-testid='payments-scope' data-scope={s.scope}>
        {s.scope === 'team' && s.teamName ? <Tx k='payments.scope.team' params={{ team: <Uc>{s.teamName}</Uc> }} /> : t(`payments.scope.${s.scope === 'team' ? 'teamUnnamed' : s.scope}`)}
      </View>
      <SummaryLine testId='summary-received' label={t('payments.received')} count={s.receivedCount} cents={s.receivedCents} />
      <SummaryLine testId='summary-planned' label={t('payments.planned')} count={s.plannedCount} cents={s.plannedCents}
        extra={s.plannedReceivedCents !== undefined && pct !== null ? t('payments.plannedIn', { amount: money(s.plannedReceivedCents), percent: pct }) : undefined} />
      <SummaryLine testId='summary-overdue' label={t('payments.overdueNow')} count={s.overdueCount} cents={s.overdueCents} />
      {s.topCustomers.length > 0 && (
        <View data-testid='summary-top'>
          <View className='row-sub pad' style={{ paddingBottom: '0' }}>{t('payments.top')}</View>
          {s.topCustomers.map((c, i) => (
            <View key={c.customerId} className='rank-row' data-testid='top-customer'>
              <Text className='rank'>{i + 1}</Text>
              {c.customerName ? <Uc className='rank-name'>{c.customerName}</Uc> : <Text className='rank-name muted'>{t('payments.customerHidden')}</Text>}
              <View className='rank-value'><Amount cents={c.receivedCents} testId='top-amount' /></View>
            </View>
          ))}
        </View>
      )}
      {s.amountsHidden && <View className='pad muted' data-testid='summary-hidden-note'>{t('payments.amountsHidden')}</View>}
    </View>
  );
}

function InstalmentRow({ p, showOwner }: { p: OpenInstalment; showOwner: boolean }) {
  const { t } = useT();
  const partial = p.receivedAmountCents !== undefined && p.receivedAmountCents > 0;
  return (
    <View className='row' data-testid='payment-row' data-id={p.paymentId} data-contract={p.contractId} data-overdue={p.daysOverdue}
      onClick={() => Taro.navigateTo({ url: `/pages/contract/index?id=${p.contractId}` })}>
      <View className='row-main'>
        <View className='row-title'><Uc>{p.customerName ?? p.contractTitle}</Uc></View>
        <View className='row-sub'>
          {p.customerName && <Uc>{p.contractTitle}</Uc>}
          {p.note && <Uc>{p.customerName ? ' · ' : ''}{p.note}</Uc>}
        </View>
        <View className='row-sub'>
          {p.daysOverdue > 0
            ? <Text className='badge badge-rejected' data-testid='payment-due'>{t(p.daysOverdue === 1 ? 'payments.overdueDaysOne' : 'payments.overdueDays', { days: p.daysOverdue, date: p.plannedDate ?? '' })}</Text>
            : <Text className='badge' data-testid='payment-due'>{p.plannedDate ? t('payments.dueOn', { date: p.plannedDate }) : t('payments.undated')}</Text>}
          {p.status === 'partial' && <Text className='badge badge-pending'>{t('payments.partial')}</Text>}
          {showOwner && p.ownerName && <Uc>{p.ownerName}</Uc>}
        </View>
      </View>
      <View className='rank-value'>
        <Amount cents={p.remainingCents} testId='payment-amount' />
        {partial && p.plannedAmountCents !== undefined && <View className='bar-note'>{t('payments.ofPlanned', { amount: money(p.plannedAmountCents) })}</View>}
      </View>
    </View>
  );
}

export default function Payments() {
  const { t } = useT();
  const me = useMe();
  const { params } = useRouter();
  const [view, setView] = useState<Tab>(linkView(params));
  const [month, setMonth] = useState<Month>('0');
  const [open, setOpen] = useState<Outstanding | null>(null);
  const [summary, setSummary] = useState<PaymentsSummary | null>(null);
  const { loading, error, run } = useLatestRequest();

  /** The view from its start (reset), or the instalments' page after those shown. */
  const fetchPage = useCallback(async (reset: boolean) => {
    if (!me) return;
    await run(async (current) => {
      if (view === 'month') {
        const r = await api<PaymentsSummary>('GET', `/payments/summary${qs({ offset: month === '-1' ? -1 : undefined })}`);
        if (current()) setSummary(r);
      } else {
        const cursor = reset ? undefined : open?.nextCursor ?? undefined;
        const r = await api<Outstanding>('GET', `/payments/outstanding${qs({ overdue: view === 'overdue' ? 'true' : undefined, limit: LIMIT, cursor })}`);
        if (current()) setOpen((prev) => (reset || !prev ? r : { ...r, items: [...prev.items, ...r.items] }));
      }
    });
  }, [me, view, month, open, run]);
  const load = useCallback(() => fetchPage(true), [fetchPage]);
  const more = () => { if (view !== 'month' && open?.nextCursor && !loading) void fetchPage(false); };
  useEffect(() => { setOpen(null); setSummary(null); void fetchPage(true); }, [me, view, month]);
  useReachBottom(more);
  // Back from a contract: a receipt may have come in meanwhile.
  const away = useRef(false);
  useDidHide(() => { away.current = true; });
  useDidShow(() => { if (away.current) { away.current = false; void load(); } });
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()); });

  // A rep's list is their own: the owner's name says nothing new there.
  const showOwner = me?.role !== 'rep';
  const overdueOnly = view === 'overdue';
  const data = view === 'month' ? summary : open;

  return (
    <Shell title={t('nav.payments')} tab='me'>
      <Chips testId='payments-view' value={view} onChange={setView} options={VIEWS.map((v) => ({ key: v, label: t(`payments.view.${v}`) }))} />
      {error && <ErrorLine error={error} onRetry={() => void fetchPage(view === 'month' || !open)} />}
      {!data && !error && <Loading />}
      {view === 'month' && (
        <Section title={t('payments.summary')} testId='payments-month'
          extra={summary ? <Text className='muted' data-testid='payments-month-label'>{summary.month.label}</Text> : undefined}>
          <Chips testId='payments-when' value={month} onChange={setMonth}
            options={[{ key: '0', label: t('stats.period.month') }, { key: '-1', label: t('stats.period.previous.month') }]} />
          {summary && <MonthSummary s={summary} />}
        </Section>
      )}
      {view !== 'month' && open && (
        <>
          <View className='pad muted' data-testid='payments-totals' data-total={open.total} data-overdue={open.overdue}>
            <View><Text>{overdueOnly ? t('payments.countOverdue', { count: open.total }) : t('payments.count', { count: open.total, overdue: open.overdue })}</Text></View>
            {open.total > 0 && (open.amountsHidden
              ? <View data-testid='payments-totals-hidden'>{t('payments.amountsHidden')}</View>
              : <View data-testid='payments-totals-amount'>{overdueOnly
                ? t('payments.sumOverdue', { overdue: money(open.overdueCents) })
                : t('payments.sum', { remaining: money(open.remainingCents), overdue: money(open.overdueCents) })}</View>)}
          </View>
          {open.items.length === 0 && <EmptyState text={t(overdueOnly ? 'payments.emptyOverdue' : 'payments.empty')} />}
          {open.items.length > 0 && (
            <View className='section' data-testid='payment-list'>
              {open.items.map((p) => <InstalmentRow key={p.paymentId} p={p} showOwner={showOwner} />)}
            </View>
          )}
          {open.total > open.items.length && (
            <View className='pad center muted' data-testid='payments-more'>{t('payments.more', { shown: open.items.length, total: open.total })}</View>
          )}
          <PageFooter loading={loading} error={error} hasMore={!!open.nextCursor} shown={open.items.length} onMore={more} />
        </>
      )}
    </Shell>
  );
}
