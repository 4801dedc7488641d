// CardSpec → DingTalk: interactive card instance (card/instances API, platforms.md B5) and the ActionCard
// markdown fallback (B2.7). Pure; knows DingTalk's field names and nothing of the CRM.
import type { KeyEncoder } from '../action-payload.js';
import { MAX_BUTTONS, visibleFields, type CardSpec } from '../spec.js';
import { renderMarkdown } from './text.js';

export interface DingtalkRenderOptions {
  encodeKey: KeyEncoder;
  /** Card template built in DingTalk's card builder; it binds the cardParamMap keys below. */
  cardTemplateId: string;
  /** URL (H5, or dingtalk://…open_mini_app) for a mini-program path. */
  urlFor: (path: string) => string;
  callbackType?: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
}

/**
 * cardParamMap: every value is a string (B5.1). Lists travel as JSON strings; the template's buttons send back
 * `actionKey` in their callback params, which the adapter decodes with cards/action-payload.ts.
 */
export function dingtalkParams(spec: CardSpec, opts: DingtalkRenderOptions): Record<string, string> {
  const buttons = spec.buttons.slice(0, MAX_BUTTONS).map((b) => b.kind === 'action'
    ? { id: b.id, text: b.label, style: b.style, actionKey: opts.encodeKey({ action: b.action, data: b.payload }, spec.cardId) }
    : { id: b.id, text: b.label, style: b.style, url: opts.urlFor(b.path) });
  // DingTalk has no vote widget we can rely on: each option is its own button carrying the chosen id.
  const choices = spec.choice
    ? spec.choice.options.map((o) => ({ id: o.id, text: o.label, ...(o.description ? { description: o.description } : {}), actionKey: opts.encodeKey({ action: spec.choice!.action, data: { ...spec.choice!.payload, o: o.id } }, spec.cardId) }))
    : [];
  return {
    template: spec.template,
    source: spec.source,
    title: spec.title,
    subtitle: spec.subtitle ?? '',
    status: spec.status?.text ?? '',
    statusTone: spec.status?.tone ?? '',
    emphasis: spec.emphasis?.value ?? '',
    emphasisLabel: spec.emphasis?.label ?? '',
    fields: JSON.stringify(visibleFields(spec).map((f) => ({ label: f.label, value: f.value }))),
    rows: JSON.stringify(spec.rows ?? []),
    notes: spec.notes.join('\n'),
    choicePrompt: spec.choice?.prompt ?? '',
    choices: JSON.stringify(choices),
    buttons: JSON.stringify(buttons),
    hasActions: String(buttons.length + choices.length > 0),
    openUrl: opts.urlFor(spec.openPath ?? 'pages/index/index'),
    markdown: renderMarkdown(spec).text,
  };
}

/** Body for POST /v1.0/card/instances (add openSpaceId etc. for createAndDeliver). outTrackId = cardId. */
export function renderDingtalkCard(spec: CardSpec, opts: DingtalkRenderOptions): Record<string, unknown> {
  return {
    cardTemplateId: opts.cardTemplateId,
    outTrackId: spec.cardId,
    cardData: { cardParamMap: dingtalkParams(spec, opts) },
    callbackType: opts.callbackType ?? 'STREAM',
    ...(opts.callbackRouteKey ? { callbackRouteKey: opts.callbackRouteKey } : {}),
    imGroupOpenSpaceModel: { supportForward: true },
    imRobotOpenSpaceModel: { supportForward: true },
  };
}

/** Body for PUT /v1.0/card/instances: every copy shares the outTrackId, so one update changes it in place. */
export function renderDingtalkUpdate(spec: CardSpec, opts: DingtalkRenderOptions): Record<string, unknown> {
  return { outTrackId: spec.cardId, cardData: { cardParamMap: dingtalkParams(spec, opts) }, cardUpdateOptions: { updateCardDataByKey: true } };
}

/**
 * ActionCard message (sessionWebhook, custom robot) for where interactive cards cannot go. Its buttons are links
 * only, so action buttons are kept only when `actionUrl` can turn a key into a page that performs it.
 */
export function renderDingtalkActionCard(spec: CardSpec, opts: DingtalkRenderOptions & { actionUrl?: (key: string) => string }): Record<string, unknown> {
  const md = renderMarkdown(spec, { urlFor: undefined });
  const btns = spec.buttons.flatMap((b) => {
    if (b.kind === 'link') return [{ title: b.label, actionURL: opts.urlFor(b.path) }];
    return opts.actionUrl ? [{ title: b.label, actionURL: opts.actionUrl(opts.encodeKey({ action: b.action, data: b.payload }, spec.cardId)) }] : [];
  });
  const actionCard: Record<string, unknown> = { title: md.title, text: md.text, btnOrientation: btns.length > 2 ? '1' : '0' };
  if (btns.length === 0) Object.assign(actionCard, { singleTitle: spec.buttons[0]?.label ?? spec.title, singleURL: opts.urlFor(spec.openPath ?? 'pages/index/index') });
  else actionCard.btns = btns;
  return { msgtype: 'actionCard', actionCard };
}
