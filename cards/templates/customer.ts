// A customer at a glance: level, owner, last follow-up, open opportunities. Amount obeys field rules.
import { t, type Locale } from '../../locales/index.js';
import { formatDateTime, formatMoney } from '../format.js';
import type { CardSpec } from '../spec.js';
import { baseSpec, linkButton, type CardCommon } from './common.js';

export interface CustomerSummaryData extends CardCommon {
  customer: { id: string; name: string; level?: 'A' | 'B' | 'C'; ownerName?: string; region?: string };
  lastFollowUp?: { at: Date; text: string; byName?: string };
  openOpportunities: number;
  /** Sum of open opportunity amounts; null when this reader may not see amounts. */
  openAmountCents?: number | null;
  currency?: string;
}

export function customerCard(data: CustomerSummaryData, locale: Locale): CardSpec {
  const c = data.customer;
  const spec = baseSpec('customer', data, locale, c.name);
  spec.openPath = `pages/customer/index?id=${encodeURIComponent(c.id)}`;
  if (c.level) spec.subtitle = t(locale, 'card.customer.level_value', { level: c.level });
  spec.fields.push(
    { label: t(locale, 'card.customer.owner'), value: c.ownerName ?? t(locale, 'card.customer.no_owner') },
    { label: t(locale, 'card.customer.region'), value: c.region ?? '' },
    { label: t(locale, 'card.customer.last_followup'), value: data.lastFollowUp ? formatDateTime(data.lastFollowUp.at, locale, data.timeZone) : t(locale, 'card.customer.never') },
    { label: t(locale, 'card.customer.open_opportunities'), value: String(data.openOpportunities) },
    { label: t(locale, 'card.customer.open_amount'), value: data.openAmountCents == null ? '' : formatMoney(data.openAmountCents, data.currency), hidden: data.openAmountCents === null },
  );
  if (data.lastFollowUp) spec.notes.push(data.lastFollowUp.byName ? t(locale, 'card.customer.last_note_by', { by: data.lastFollowUp.byName, text: data.lastFollowUp.text }) : data.lastFollowUp.text);
  spec.buttons.push(
    linkButton(locale, 'log', 'card.button.log_followup', `pages/follow-up/index?customerId=${encodeURIComponent(c.id)}`),
    linkButton(locale, 'open', 'card.button.open_app', spec.openPath),
  );
  return spec;
}
