// Receipt after finance records money that arrived: the customer and contract, the amount, each instalment it went
// onto and where that instalment stands now, "undo" for a few minutes, "open" the contract.
import { t, type Locale } from '../../locales/index.js';
import { formatDate, formatDateTime, formatMoney } from '../format.js';
import type { CardSpec } from '../spec.js';
import { MAX_FIELDS } from '../spec.js';
import { baseSpec, linkButton, undoneStatus, undoOffer, type CardCommon } from './common.js';

/** Characters a field value may take before some platform clips it. */
const VALUE_ROOM = 30;

export interface PaymentReceiptInstalment {
  /** The instalment's own label ("第1期（30%）"), when it has one. */
  note?: string | null;
  plannedAt?: Date | null;
  /** What this receipt put on it. */
  amountCents: number;
  /** Still to come on it after this receipt; absent where field rules hide it. */
  remainingCents?: number;
  status: 'planned' | 'partial' | 'received';
}

export interface PaymentReceiptData extends CardCommon {
  receiptId: string;
  /** Absent where a field rule hides the contract's customer from the reader. */
  customerName?: string;
  contract: { id: string; title: string };
  amountCents: number;
  receivedAt: Date;
  instalments: PaymentReceiptInstalment[];
  /** Undo is offered until this instant; the card states it because the platform cannot expire a button. */
  undoUntil?: Date;
  /** The receipt was taken back: status banner, no buttons. */
  undone?: { at: Date };
}

export function paymentReceiptCard(data: PaymentReceiptData, locale: Locale): CardSpec {
  const tz = data.timeZone;
  const who = data.customerName ?? data.contract.title;
  const spec = { ...baseSpec('payment-receipt', data, locale, t(locale, 'card.payment.title', { customer: who })), openPath: `pages/contract/index?id=${encodeURIComponent(data.contract.id)}` };
  spec.emphasis = { value: formatMoney(data.amountCents), label: t(locale, 'card.payment.amount') };
  if (data.customerName) spec.fields.push({ label: t(locale, 'card.payment.customer'), value: data.customerName });
  spec.fields.push(
    { label: t(locale, 'card.payment.contract'), value: data.contract.title },
    { label: t(locale, 'card.payment.received_at'), value: formatDateTime(data.receivedAt, locale, tz) },
  );
  // One field per instalment while they fit; the rest are summed up in a note.
  const room = MAX_FIELDS - spec.fields.length;
  const shown = data.instalments.length > room ? data.instalments.slice(0, room - 1) : data.instalments;
  for (const [i, x] of shown.entries()) {
    // Labelled in the reader's words (the due day); the instalment's own note, as finance wrote it, leads the value.
    const label = x.plannedAt ? t(locale, 'card.payment.instalment_due', { date: formatDate(x.plannedAt, locale, tz) }) : t(locale, 'card.payment.instalment', { n: i + 1 });
    const state = x.status === 'received' ? t(locale, 'card.payment.status.received')
      : x.remainingCents !== undefined ? t(locale, 'card.payment.status.partial_left', { left: formatMoney(x.remainingCents) })
        : t(locale, 'card.payment.status.partial');
    const value = t(locale, 'card.payment.instalment_value', { amount: formatMoney(x.amountCents), state });
    // The note only while the line stays short (WeCom clips values at 30 characters): where it stands matters more.
    const noted = x.note?.trim() ? `${x.note.trim()} ${value}` : value;
    spec.fields.push({ label, value: Array.from(noted).length <= VALUE_ROOM ? noted : value });
  }
  if (shown.length < data.instalments.length) {
    const rest = data.instalments.slice(shown.length);
    spec.fields.push({ label: t(locale, 'card.payment.more_instalments', { count: rest.length }), value: formatMoney(rest.reduce((s, x) => s + x.amountCents, 0)) });
  }
  if (undoneStatus(spec, 'card.payment', data.undone, tz)) return spec;
  undoOffer(spec, 'card.payment', 'payment.undo', data.receiptId, data.undoUntil, tz);
  spec.buttons.push(linkButton(locale, 'open', 'card.button.open_app', spec.openPath));
  return spec;
}
