// Receipt after a follow-up is logged on a customer or a lead: what was stored, the task created, "undo" for a few
// minutes, "open".
import { t, type Locale } from '../../locales/index.js';
import { formatDateTime } from '../format.js';
import type { CardSpec } from '../spec.js';
import { baseSpec, linkButton, undoneStatus, undoOffer, type CardCommon } from './common.js';

export type ActivityKind = 'call' | 'visit' | 'wechat' | 'meeting' | 'email' | 'other';

export interface FollowUpReceiptData extends CardCommon {
  activityId: string;
  /** What it was logged on: a customer, or a lead (named by its company, and its contact when it has one). */
  customer?: { id: string; name: string };
  lead?: { id: string; company: string; contact?: string };
  activityType: ActivityKind;
  /** Whether the rep got through; a failed one shows the customer's streak of failures so far. */
  outcome?: 'reached' | 'failed';
  failedStreak?: number;
  content: string;
  nextStep?: { text: string; due?: Date };
  /** Undo is offered until this instant; the card states it because the platform cannot expire a button. */
  undoUntil?: Date;
  /** The follow-up was undone: status banner, no buttons. */
  undone?: { at: Date };
}

export function followUpReceiptCard(data: FollowUpReceiptData, locale: Locale): CardSpec {
  const tz = data.timeZone;
  const spec = subjectSpec(data, locale);
  spec.fields.push(
    { label: t(locale, 'card.followup.type'), value: t(locale, `card.activity.${data.activityType}`) },
    { label: t(locale, 'card.followup.content'), value: data.content },
  );
  if (data.outcome) spec.fields.push({ label: t(locale, 'card.followup.outcome'), value: outcomeText(data, locale) });
  if (data.nextStep) {
    spec.fields.push({ label: t(locale, 'card.followup.next_step'), value: data.nextStep.text });
    if (data.nextStep.due) spec.fields.push({ label: t(locale, 'card.followup.due'), value: formatDateTime(data.nextStep.due, locale, tz, data.now) });
  }
  if (undoneStatus(spec, 'card.followup', data.undone, tz)) return spec;
  undoOffer(spec, 'card.followup', 'followup.undo', data.activityId, data.undoUntil, tz);
  spec.buttons.push(linkButton(locale, 'open', 'card.button.open_app', spec.openPath));
  return spec;
}

/** Title, link and the first fields: the customer, or the lead's company and contact (the app lists leads on one page). */
function subjectSpec(data: FollowUpReceiptData, locale: Locale): CardSpec & { openPath: string } {
  const lead = data.lead;
  if (!lead) {
    const customer = data.customer!;
    const title = t(locale, 'card.followup.title', { customer: customer.name });
    const spec = { ...baseSpec('follow-up-receipt', data, locale, title), openPath: `pages/customer/index?id=${encodeURIComponent(customer.id)}` };
    spec.fields.push({ label: t(locale, 'card.followup.customer'), value: customer.name });
    return spec;
  }
  const title = lead.contact
    ? t(locale, 'card.followup.title_lead_contact', { company: lead.company, contact: lead.contact })
    : t(locale, 'card.followup.title_lead', { company: lead.company });
  const spec = { ...baseSpec('follow-up-receipt', data, locale, title), openPath: 'pages/leads/index' };
  spec.fields.push({ label: t(locale, 'card.followup.lead'), value: lead.company });
  if (lead.contact) spec.fields.push({ label: t(locale, 'card.followup.contact'), value: lead.contact });
  return spec;
}

function outcomeText(data: FollowUpReceiptData, locale: Locale): string {
  const said = t(locale, `card.outcome.${data.outcome}`);
  return data.outcome === 'failed' && data.failedStreak ? t(locale, 'card.followup.failed_streak', { outcome: said, count: data.failedStreak }) : said;
}
