// 回款 in chat. "华为回款50万到账了" (finance) → the receipt on that customer's open instalments, answered with the
// receipt card and its 撤销; "哪些合同还没回款" / "逾期回款" → the open instalments the asker may read, overdue first;
// "本月回款情况" → the month's receipts against its plan. The same use cases as the REST API
// (server/domain/contract/receive-on-contract.ts, outstanding-payments.ts, payments-summary.ts).
import { User } from '../../server/domain/user/user.entity.js';
import { seesAllMoney } from '../../server/domain/shared/permissions.js';
import { DomainError } from '../../server/domain/shared/domain-error.js';
import type { DomainContext } from '../../server/domain/shared/with-tx.js';
import { userAddress } from '../../server/domain/automation/notify-users.js';
import { contractsAwaitingPayment } from '../../server/domain/contract/awaiting-payment.js';
import { receiveOnContract } from '../../server/domain/contract/receive-on-contract.js';
import type { ReceiptView } from '../../server/domain/contract/receipt-view.js';
import { outstandingPayments, type OutstandingItem } from '../../server/domain/contract/outstanding-payments.js';
import { paymentsSummary } from '../../server/domain/contract/payments-summary.js';
import { cardIdFor } from '../../cards/spec.js';
import { MAX_CHOICES } from '../../cards/templates/choice.js';
import type { PaymentReceiptData } from '../../cards/templates/payment-receipt.js';
import { formatDate, formatMoney, formatPercent } from '../../cards/format.js';
import { t, type Locale } from '../../locales/index.js';
import { markdown, reply, text, turnKey, type Command, type Turn, type UnderstandingOf } from './command.js';
import { replyInPrivate } from './in-private.js';

/** Lines of open instalments in one chat message; the rest are counted. */
const MAX_LINES = 15;

/** "3 期" / "3 instalments", "1 instalment". */
const instalments = (l: Locale, count: number) => t(l, count === 1 ? 'bot.payment.instalments_one' : 'bot.payment.instalments', { count });

/** The receipt card's data for a receipt as the domain answers it. */
export function receiptCardData(v: ReceiptView, timeZone: string): Omit<PaymentReceiptData, 'cardId'> {
  return {
    timeZone, receiptId: String(v.id), ...(v.customerName !== undefined ? { customerName: v.customerName } : {}),
    contract: { id: String(v.contractId), title: v.contractTitle }, amountCents: v.amountCents, receivedAt: v.receivedAt,
    instalments: v.instalments.map((x) => ({ note: x.note, plannedAt: x.plannedAt, amountCents: x.amountCents, status: x.status, ...(x.remainingCents !== undefined ? { remainingCents: x.remainingCents } : {}) })),
    ...(v.undoneAt ? { undone: { at: v.undoneAt } } : { undoUntil: v.undoUntil }),
  };
}

/**
 * Records the receipt one chat message tells on `contractId` and answers with the receipt card. `turnId` is the
 * message's own id (also when a contract was picked on a choice card since): one message is one receipt.
 */
export async function receiveFor(c: DomainContext, turn: Turn, u: UnderstandingOf<'payment.receive'>, contractId: number, turnId: string): Promise<void> {
  let receipt: ReceiptView;
  try {
    receipt = await receiveOnContract(c, contractId, { amountCents: u.entities.amountCents, idempotencyKey: `${turn.inbound.platform}:${turnId}`.slice(0, 64) });
  } catch (e) {
    // Refused before anything was written: say what is open instead of a bare error.
    if (e instanceof DomainError && e.code === 'payment.exceeds_outstanding') {
      return reply(c, turn, text('bot.payment.exceeds', { contract: e.params.contract, outstanding: formatMoney(Number(e.params.outstandingCents)), amount: formatMoney(u.entities.amountCents) }));
    }
    throw e;
  }
  if (receipt.duplicate) return;
  await reply(c, turn, {
    kind: 'card', template: 'payment-receipt', recipientUserId: turn.user.id,
    cardId: cardIdFor('pr', receipt.id), subject: { type: 'payment_receipt', id: receipt.id },
    data: receiptCardData(receipt, turn.timeZone) as unknown as Record<string, unknown>,
  });
}

/** A rep or manager told it: finance records receipts; finance is told what was said, to check and record it. */
async function passToFinance(c: DomainContext, turn: Turn, u: UnderstandingOf<'payment.receive'>): Promise<void> {
  const finance = await c.tx.find(User, { where: { role: 'finance', active: true }, order: { id: 'ASC' } });
  const told: string[] = [];
  for (const f of finance) {
    const address = userAddress(c.db, f);
    if (!address) continue;
    await c.outbox.push({
      address, locale: (f.locale as Locale) ?? 'zh-CN', message: { kind: 'text', key: 'bot.payment.told_finance', params: { name: turn.user.name, said: u.text } },
      dedupeKey: `${turnKey(turn)}:fin:${f.id}`,
    });
    told.push(f.name);
  }
  await reply(c, turn, told.length ? text('bot.payment.finance_told', { names: told.join(t(turn.locale, 'bot.list_separator')) }) : text('bot.payment.finance_only'));
}

export const receivePaymentCommand: Command<'payment.receive'> = {
  intent: 'payment.receive',
  async run(c, turn, u) {
    const e = u.entities;
    if (!seesAllMoney(c)) return passToFinance(c, turn, u);
    if (e.currency && e.currency !== 'CNY') return reply(c, turn, text('bot.payment.cny_only'));
    const mention = e.customerName?.trim();
    if (!mention) return reply(c, turn, text('bot.payment.which_customer', { amount: formatMoney(e.amountCents) }));
    const found = await contractsAwaitingPayment(c, mention);
    if (found.kind === 'none') return reply(c, turn, text('bot.payment.no_customer', { name: mention }));
    if (found.kind === 'settled') return reply(c, turn, text('bot.payment.nothing_open', { name: found.customers.join(t(turn.locale, 'bot.list_separator')) || mention }));
    if (found.contracts.length === 1) return receiveFor(c, turn, u, found.contracts[0].id, turn.inbound.eventId);
    // Several contracts (of one customer, or of several the name matches): which one, never a guess.
    const candidates = found.contracts.slice(0, MAX_CHOICES).map((k) => ({
      id: String(k.id), name: k.customerName ? `${k.customerName} · ${k.title}` : k.title,
      detail: [
        t(turn.locale, 'bot.payment.choice.open', { instalments: instalments(turn.locale, k.openInstalments) }),
        ...(k.outstandingCents !== undefined ? [t(turn.locale, 'bot.payment.choice.left', { amount: formatMoney(k.outstandingCents) })] : []),
        ...(k.nextPlannedAt ? [t(turn.locale, 'bot.payment.choice.due', { date: formatDate(k.nextPlannedAt, turn.locale, turn.timeZone) })] : []),
      ].join(' · '),
    }));
    await reply(c, turn, {
      kind: 'card', template: 'choice', cardId: cardIdFor('pick', turn.inbound.platform, turn.inbound.eventId), recipientUserId: turn.user.id,
      data: { query: mention, of: 'contract', action: 'choice.contract', turnId: turn.inbound.eventId.slice(0, 64), candidates, pending: u as unknown as Record<string, unknown> },
    });
  },
};

function openLine(x: OutstandingItem, n: number, turn: Turn): string {
  const l = turn.locale;
  const date = x.plannedDate ? formatDate(x.plannedDate, l, turn.timeZone) : '';
  const facts = [
    ...(x.note ? [x.note] : []),
    ...(x.plannedAmountCents !== undefined && x.remainingCents !== undefined
      ? [x.remainingCents < x.plannedAmountCents
        ? t(l, 'bot.payment.open.amount_partial', { planned: formatMoney(x.plannedAmountCents), remaining: formatMoney(x.remainingCents) })
        : t(l, 'bot.payment.open.amount', { planned: formatMoney(x.plannedAmountCents) })]
      : []),
    !x.plannedDate ? t(l, 'bot.payment.open.undated') : x.daysOverdue > 0 ? t(l, x.daysOverdue === 1 ? 'bot.payment.open.overdue_one' : 'bot.payment.open.overdue', { days: x.daysOverdue, date }) : t(l, 'bot.payment.open.due', { date }),
    ...(x.ownerName && x.ownerId !== turn.user.id ? [t(l, 'bot.payment.open.owner', { name: x.ownerName })] : []),
  ];
  return t(l, 'bot.payment.open.line', { n, customer: x.customerName ?? '—', contract: x.contractTitle, facts: facts.join(' · ') });
}

export const outstandingPaymentsCommand: Command<'payment.outstanding'> = {
  intent: 'payment.outstanding',
  async run(c, turn, u) {
    const { overdueOnly } = u.entities;
    const list = await outstandingPayments(c, { overdueOnly, limit: MAX_LINES });
    if (!list.total) return reply(c, turn, text(overdueOnly ? 'bot.payment.open.none_overdue' : 'bot.payment.open.none'));
    const l = turn.locale;
    const title = overdueOnly ? t(l, 'bot.payment.open.title_overdue', { count: list.total }) : t(l, 'bot.payment.open.title', { count: list.total, overdue: list.overdue });
    const totals = list.remainingCents === undefined ? ''
      : overdueOnly ? t(l, 'bot.payment.open.totals_overdue', { overdue: formatMoney(list.overdueCents ?? 0) })
        : t(l, 'bot.payment.open.totals', { remaining: formatMoney(list.remainingCents), overdue: formatMoney(list.overdueCents ?? 0) });
    const lines = list.items.map((x, i) => openLine(x, i + 1, turn)).join('\n');
    const more = list.total > list.items.length ? t(l, 'bot.payment.open.more', { more: list.total - list.items.length }) : '';
    const note = list.amountsHidden ? `\n\n${t(l, 'bot.payment.amounts_hidden')}` : '';
    // Contracts, customers and amounts are for the asker: a group reads the counts, the list goes to them one to one.
    await replyInPrivate(c, turn, markdown('bot.payment.open.list', { title, totals, lines, more, note }),
      (sent) => markdown('bot.payment.open.group', { title, note: t(l, sent ? 'bot.payment.group_private' : 'bot.payment.group_private_unreachable') }));
  },
};

export const paymentsSummaryCommand: Command<'payment.summary'> = {
  intent: 'payment.summary',
  async run(c, turn, u) {
    const s = await paymentsSummary(c, { offset: u.entities.offset });
    const l = turn.locale;
    const [year, month] = s.month.label.split('-');
    const monthName = t(l, 'card.format.months').split(',')[Number(month) - 1] ?? month;
    // Whose money, as the summary itself decided it (the API and the mini-program say the same).
    const scopeText = s.scope === 'team' && s.teamName ? t(l, 'bot.payment.summary.scope.team_named', { team: s.teamName }) : t(l, `bot.payment.summary.scope.${s.scope}`);
    /** The answer with amounts (where field rules show them) and the customers who paid most, or counts only. */
    const summary = (money: boolean, customers: boolean, note: string) => markdown('bot.payment.summary.text', {
      month: t(l, 'bot.payment.summary.month', { year, month: monthName }), scope: scopeText, note,
      lines: [
        money ? t(l, 'bot.payment.summary.received', { amount: formatMoney(s.receivedCents ?? 0), instalments: instalments(l, s.receivedCount) }) : t(l, 'bot.payment.summary.received_count', { instalments: instalments(l, s.receivedCount) }),
        money
          ? t(l, 'bot.payment.summary.planned', { amount: formatMoney(s.plannedCents ?? 0), instalments: instalments(l, s.plannedCount), in: formatMoney(s.plannedReceivedCents ?? 0), percent: formatPercent(s.plannedCents ? (s.plannedReceivedCents ?? 0) / s.plannedCents : 0) })
          : t(l, 'bot.payment.summary.planned_count', { instalments: instalments(l, s.plannedCount) }),
        money ? t(l, 'bot.payment.summary.overdue', { amount: formatMoney(s.overdueCents ?? 0), instalments: instalments(l, s.overdueCount) }) : t(l, 'bot.payment.summary.overdue_count', { instalments: instalments(l, s.overdueCount) }),
        ...(customers && s.topCustomers.length ? [t(l, 'bot.payment.summary.top', {
          customers: s.topCustomers.map((x) => (money && x.receivedCents !== undefined ? t(l, 'bot.payment.summary.top_item', { name: x.customerName ?? '—', amount: formatMoney(x.receivedCents) }) : x.customerName ?? '—'))
            .join(t(l, 'bot.list_separator')),
        })] : []),
      ].join('\n'),
    });
    // Amounts and customers are for the asker: a group reads the counts, the whole answer goes to them one to one.
    await replyInPrivate(c, turn, summary(!s.amountsHidden, true, s.amountsHidden ? `\n\n${t(l, 'bot.payment.amounts_hidden')}` : ''),
      (sent) => summary(false, false, `\n\n${t(l, sent ? 'bot.payment.group_private' : 'bot.payment.group_private_unreachable')}`));
  },
};
