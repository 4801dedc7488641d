// Reminders that stop the clock from the chat: done, snooze 1 day / next week, log a follow-up (in the chat, or in
// the mini-program's follow-up form for that customer or lead), claim.
import { hasKey, t, type Locale } from '../../locales/index.js';
import { formatDateTime } from '../format.js';
import type { CardButton, CardSpec, CardStatus } from '../spec.js';
import { actionButton, baseSpec, linkButton, type CardCommon } from './common.js';

export type ReminderKind = 'task_due' | 'followup_due' | 'lead_sla' | 'pool_return' | 'pool_notice' | 'lead_pool_return' | 'lead_pool_notice';
/**
 * What a tap did, or (cancelled, deleted, done, snoozed, rescheduled) what became of the task elsewhere
 * (server/domain/activity/task-cards.ts).
 */
export type ReminderOutcome = 'done' | 'snoozed' | 'logged' | 'claimed' | 'cancelled' | 'deleted' | 'rescheduled';

/** How a copy ended: what, when, by whom (a name for the reader; the id to tell the person's own double tap), until when. */
export interface ReminderState { outcome: ReminderOutcome; byName?: string; byId?: number; at: Date; until?: Date }

export interface ReminderCardData extends CardCommon {
  reminderId: string;
  kind: ReminderKind;
  /** Task title, customer or lead name: the subject of the reminder. */
  subject: string;
  customerName?: string;
  /** The customer a follow-up would be logged on: the card then opens the mini-program's form for it too. */
  customerId?: string;
  /** The lead a follow-up would be logged on (lead SLA, lead pool return, a task on a lead): the form opens for it. */
  leadId?: string;
  due?: Date;
  overdueDays?: number;
  /** The customer's level (A/B/C) or the lead's source: one extra fact worth a glance, labelled as what it is. */
  level?: string;
  source?: string;
  /** As cards stored before `level`/`source` carry it: either of them, unlabelled. */
  detail?: string;
  state?: ReminderState;
}

const ACTIONS: Record<ReminderKind, ('done' | 'snooze_day' | 'snooze_week' | 'log_followup' | 'claim')[]> = {
  task_due: ['done', 'snooze_day', 'snooze_week', 'log_followup'],
  followup_due: ['log_followup', 'snooze_day', 'snooze_week'],
  lead_sla: ['log_followup', 'snooze_day'],
  pool_return: ['log_followup', 'snooze_week'],
  pool_notice: ['claim'],
  lead_pool_return: ['log_followup', 'snooze_week'],
  lead_pool_notice: ['claim'],
};

export function reminderCard(data: ReminderCardData, locale: Locale): CardSpec {
  const tz = data.timeZone;
  const spec = baseSpec('reminder', data, locale, t(locale, `card.reminder.title.${data.kind}`, { subject: data.subject }));
  if (data.kind === 'lead_pool_return' || data.kind === 'lead_pool_notice' || data.kind === 'lead_sla') spec.openPath = 'pages/leads/index';
  if (data.customerName) spec.fields.push({ label: t(locale, 'card.reminder.customer'), value: data.customerName });
  if (data.due) spec.fields.push({ label: t(locale, 'card.reminder.due'), value: formatDateTime(data.due, locale, tz, data.now) });
  if (data.overdueDays && data.overdueDays > 0) spec.fields.push({ label: t(locale, 'card.reminder.overdue'), value: t(locale, 'card.reminder.overdue_days', { days: data.overdueDays }) });
  if (data.level) spec.fields.push({ label: t(locale, 'card.reminder.level'), value: t(locale, 'card.reminder.level_value', { level: data.level }) });
  else if (data.source) spec.fields.push({ label: t(locale, 'card.reminder.source'), value: data.source });
  else if (data.detail) spec.fields.push({ label: t(locale, 'card.reminder.detail'), value: data.detail });
  if (data.state) {
    spec.status = reminderStatus(data.state, locale, tz, data.now);
    return spec;
  }
  const p = { i: data.reminderId };
  const styleOf = (a: string, i: number): 'primary' | 'default' => (i === 0 || a === 'claim' ? 'primary' : 'default');
  spec.buttons = ACTIONS[data.kind].map((a, i): CardButton => actionButton(locale, a, `card.button.${a}`, styleOf(a, i), `reminder.${a}`, p));
  if (ACTIONS[data.kind].includes('log_followup')) {
    const form = data.customerId ? followUpFormPath(data.customerId, data.customerName ?? data.subject)
      : data.leadId ? leadFollowUpFormPath(data.leadId, data.subject) : null;
    if (form) spec.buttons.push(linkButton(locale, 'log_followup_app', 'card.button.log_followup_app', form));
  }
  return spec;
}

/** What a settled copy says instead of its buttons; also what a late tap on it is told (bot/actions/reminder.ts). */
export function reminderStatus(s: ReminderState, locale: Locale, tz: string | undefined, now?: Date): CardStatus {
  const params = { by: s.byName ?? '', at: formatDateTime(s.at, locale, tz), until: s.until ? formatDateTime(s.until, locale, tz, now) : '' };
  // Ended by no one in particular (the system): said without a name where a key for that exists.
  const key = !s.byName && hasKey(`card.reminder.status.${s.outcome}_nobody`) ? `card.reminder.status.${s.outcome}_nobody` : `card.reminder.status.${s.outcome}`;
  const tone = s.outcome === 'snoozed' || s.outcome === 'rescheduled' || s.outcome === 'cancelled' ? 'info' : s.outcome === 'deleted' ? 'warning' : 'success';
  return { tone, text: t(locale, key, params), short: t(locale, `card.reminder.short.${s.outcome}`) };
}

/** The mini-program's follow-up form with the customer chosen (the same link the app's own buttons open). */
export function followUpFormPath(customerId: string, customerName: string): string {
  return `pages/followup/index?customerId=${encodeURIComponent(customerId)}&name=${encodeURIComponent(customerName)}`;
}

/** The same form for a lead (REST takes leadId in place of customerId). */
export function leadFollowUpFormPath(leadId: string, company: string): string {
  return `pages/followup/index?leadId=${encodeURIComponent(leadId)}&name=${encodeURIComponent(company)}`;
}
