// Receipt after a task is created in chat ("明天上午10点提醒我给华为打电话"): what it is, on which customer or lead,
// when it is due; "完成" closes it, "撤销" takes it back for a few minutes, "open" shows the day in the mini-program.
// Closed anywhere else (done, cancelled, deleted), every open copy is updated to say so (server/domain/activity/task-receipts.ts).
import { t, type Locale } from '../../locales/index.js';
import { formatDateTime } from '../format.js';
import type { CardSpec } from '../spec.js';
import { actionButton, baseSpec, linkButton, undoneStatus, undoOffer, type CardCommon } from './common.js';

export interface TaskReceiptData extends CardCommon {
  taskId: string;
  title: string;
  customer?: { id: string; name: string };
  lead?: { id: string; company: string; contact?: string };
  due: Date;
  /** No time was said: the due time is the default, and the card says so. */
  dueDefault?: boolean;
  /** Undo is offered until this instant; the card states it because the platform cannot expire a button. */
  undoUntil?: Date;
  /** Completed (by 完成 here, or in chat): status banner, no buttons. */
  done?: { at: Date };
  /** Undone: status banner, no buttons. */
  undone?: { at: Date };
  /** Cancelled elsewhere (the mini-program, REST): status banner, no buttons. */
  cancelled?: { at: Date };
  /** Deleted (the mini-program, REST): status banner naming who, no buttons. */
  deleted?: { at: Date; byName?: string };
}

export function taskReceiptCard(data: TaskReceiptData, locale: Locale): CardSpec {
  const tz = data.timeZone;
  const spec = baseSpec('task-receipt', data, locale, t(locale, 'card.task.title'));
  spec.openPath = data.customer ? `pages/customer/index?id=${encodeURIComponent(data.customer.id)}` : 'pages/today/index';
  spec.fields.push({ label: t(locale, 'card.task.what'), value: data.title });
  if (data.customer) spec.fields.push({ label: t(locale, 'card.task.customer'), value: data.customer.name });
  if (data.lead) spec.fields.push({ label: t(locale, 'card.task.lead'), value: data.lead.contact ? t(locale, 'card.task.lead_contact', { company: data.lead.company, contact: data.lead.contact }) : data.lead.company });
  const due = formatDateTime(data.due, locale, tz, data.now);
  spec.fields.push({ label: t(locale, 'card.task.due'), value: due });
  if (undoneStatus(spec, 'card.task', data.undone, tz)) return spec;
  if (data.done) {
    spec.status = { tone: 'success', text: t(locale, 'card.task.done', { at: formatDateTime(data.done.at, locale, tz) }), short: t(locale, 'card.task.done_short') };
    return spec;
  }
  if (data.cancelled) {
    spec.status = { tone: 'info', text: t(locale, 'card.task.cancelled', { at: formatDateTime(data.cancelled.at, locale, tz) }), short: t(locale, 'card.task.cancelled_short') };
    return spec;
  }
  if (data.deleted) {
    const at = formatDateTime(data.deleted.at, locale, tz);
    spec.status = { tone: 'warning', text: data.deleted.byName ? t(locale, 'card.task.deleted_by', { by: data.deleted.byName, at }) : t(locale, 'card.task.deleted', { at }), short: t(locale, 'card.task.deleted_short') };
    return spec;
  }
  spec.notes.push(data.dueDefault ? t(locale, 'card.task.due_default', { due }) : t(locale, 'card.task.reminder'));
  spec.buttons.push(actionButton(locale, 'done', 'card.button.complete', 'primary', 'task.done', { i: data.taskId }));
  undoOffer(spec, 'card.task', 'task.undo', data.taskId, data.undoUntil, tz);
  spec.buttons.push(linkButton(locale, 'open', 'card.button.open_app', spec.openPath));
  return spec;
}
