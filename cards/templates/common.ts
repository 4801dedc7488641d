// Small builders shared by the card templates. Every word comes from locales/ through t().
import { t, type Locale } from '../../locales/index.js';
import type { ActionButton, ActionData, ButtonStyle, CardSpec, CardTemplateId, LinkButton } from '../spec.js';

/** Fields every template's data carries. */
export interface CardCommon {
  /** Stable per copy (cardIdFor(instance, recipient)). */
  cardId: string;
  /** Company time zone for times shown; default Asia/Shanghai. */
  timeZone?: string;
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
