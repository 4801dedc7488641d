// Small builders shared by the card templates. Every word comes from locales/ through t().
import { t, type Locale } from '../../locales/index.js';
import { formatDateTime } from '../format.js';
import type { ActionButton, ActionData, ButtonStyle, CardSpec, CardTemplateId, LinkButton } from '../spec.js';

/** Fields every template's data carries. */
export interface CardCommon {
  /** Stable per copy (cardIdFor(instance, recipient)). */
  cardId: string;
  /** Company time zone for times shown; default Asia/Shanghai. */
  timeZone?: string;
  /** When the card is shown (set at each delivery, never stored): a due time in another year shows its year. */
  now?: Date;
}

export function baseSpec(template: CardTemplateId, data: CardCommon, locale: Locale, title: string): CardSpec {
  return { template, cardId: data.cardId, locale, source: t(locale, 'card.source'), title, fields: [], notes: [], buttons: [] };
}

export function actionButton(locale: Locale, id: string, labelKey: string, style: ButtonStyle, action: string, payload: ActionData): ActionButton {
  return { kind: 'action', id, labelKey, label: t(locale, labelKey), style, action, payload };
}

export function linkButton(locale: Locale, id: string, labelKey: string, path: string): LinkButton {
  return { kind: 'link', id, labelKey, label: t(locale, labelKey), style: 'default', path };
}

/**
 * A receipt taken back (follow-up, task, payment): its status says when, in the receipt's own keys
 * (`${keys}.undone`, `${keys}.undone_short`). True when it was, and the card offers nothing more.
 */
export function undoneStatus(spec: CardSpec, keys: string, undone: { at: Date } | null | undefined, tz?: string): boolean {
  if (!undone) return false;
  spec.status = { tone: 'warning', text: t(spec.locale, `${keys}.undone`, { at: formatDateTime(undone.at, spec.locale, tz) }), short: t(spec.locale, `${keys}.undone_short`) };
  return true;
}

/** Until its deadline a receipt says how long it may be taken back (`${keys}.undo_until`) and offers 撤销 (`action`). */
export function undoOffer(spec: CardSpec, keys: string, action: string, id: string | number, undoUntil: Date | null | undefined, tz?: string): void {
  if (!undoUntil) return;
  spec.notes.push(t(spec.locale, `${keys}.undo_until`, { time: formatDateTime(undoUntil, spec.locale, tz) }));
  spec.buttons.push(actionButton(spec.locale, 'undo', 'card.button.undo', 'danger', action, { i: id, u: Math.floor(undoUntil.getTime() / 1000) }));
}
