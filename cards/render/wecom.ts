// CardSpec → WeCom template_card JSON (message/send) and update_template_card bodies. Pure; knows WeCom's field
// names and limits (platforms.md A3.5, A3.7) and nothing of the CRM.
import type { KeyEncoder } from '../action-payload.js';
import { MAX_BUTTONS, visibleFields, type CardSpec, type LinkButton, type StatusTone } from '../spec.js';

export interface WecomRenderOptions {
  encodeKey: KeyEncoder;
  /** H5 URL for a mini-program path; used by url buttons and by card_action when no appid is set. */
  urlFor: (path: string) => string;
  /** Mini-program linked to the WeCom app: the card and link buttons then open the page in it (type 2). */
  miniProgramAppId?: string;
  sourceIconUrl?: string;
}

export type WecomCardType = 'text_notice' | 'button_interaction' | 'vote_interaction';
export type WecomTemplateCard = { card_type: WecomCardType } & Record<string, unknown>;

const MAX_HORIZONTAL = 6;
const MAX_JUMPS = 3;
const MAX_OPTIONS = 20;
const MAX_KEY_BYTES = 1024;
const MAX_VALUE_CHARS = 30; // "建议不超过30个字" for horizontal values; the full text lives in the mini-program

// source.desc_color: 0 grey, 1 black, 2 red, 3 green (WxJava WxCpMessage javadoc).
const DESC_COLOR: Record<StatusTone, number> = { success: 3, danger: 2, warning: 0, info: 0 };
const TONE_MARK: Record<StatusTone, string> = { success: '\u2705', danger: '\u274c', warning: '\u26a0\ufe0f', info: '\u2139\ufe0f' };
// button style accepts 1..4 (default 1). The exact colours are UNCONFIRMED; 1 is the emphasised style in doc samples.
const BUTTON_STYLE = { primary: 1, default: 2, danger: 3 } as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const clip = (s: string, n: number) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n - 1).join('')}\u2026` : s);

function keyOf(encode: KeyEncoder, action: string, payload: Record<string, string | number>, cardId: string): string {
  const key = encode({ action, data: payload }, cardId);
  if (bytes(key) > MAX_KEY_BYTES) throw new Error(`WeCom key over ${MAX_KEY_BYTES} bytes for ${action}`);
  return key;
}

function statusLine(spec: CardSpec): string | undefined {
  return spec.status ? `${TONE_MARK[spec.status.tone]} ${spec.status.text}` : undefined;
}

/** The `template_card` object for message/send (msgtype template_card). */
export function renderWecom(spec: CardSpec, opts: WecomRenderOptions): WecomTemplateCard {
  const appid = opts.miniProgramAppId;
  const actions = spec.buttons.filter((b) => b.kind === 'action');
  const links = spec.buttons.filter((b): b is LinkButton => b.kind === 'link');
  // With a linked mini-program, link buttons become jump_list entries (type 2); otherwise url buttons.
  const jumps = appid ? links.slice(0, MAX_JUMPS) : [];
  const urlButtons = appid ? [] : links;
  const buttonCount = actions.length + urlButtons.length;
  const cardType: WecomCardType = spec.choice ? 'vote_interaction' : buttonCount > 0 ? 'button_interaction' : 'text_notice';

  const card: WecomTemplateCard = { card_type: cardType };
  card.source = { ...(opts.sourceIconUrl ? { icon_url: opts.sourceIconUrl } : {}), desc: spec.source, desc_color: spec.status ? DESC_COLOR[spec.status.tone] : 0 };
  card.main_title = { title: spec.title, ...(spec.subtitle ? { desc: spec.subtitle } : {}) };
  if (spec.emphasis) card.emphasis_content = { title: spec.emphasis.value, desc: spec.emphasis.label };
  const lines = [statusLine(spec), ...(spec.rows ?? []).map((r) => (r.value ? `${r.label}  ${r.value}` : r.label)), ...spec.notes].filter(Boolean);
  if (lines.length) card.sub_title_text = lines.join('\n');
  const fields = visibleFields(spec).slice(0, MAX_HORIZONTAL);
  if (fields.length) card.horizontal_content_list = fields.map((f) => ({ keyname: f.label, value: clip(f.value, MAX_VALUE_CHARS) }));
  if (jumps.length) card.jump_list = jumps.map((j) => ({ type: 2, title: j.label, appid, pagepath: j.path }));
  const open = spec.openPath ?? 'pages/index/index';
  card.card_action = appid ? { type: 2, appid, pagepath: open } : { type: 1, url: opts.urlFor(open) };
  if (cardType !== 'text_notice') card.task_id = spec.cardId;

  if (cardType === 'button_interaction') {
    const list = [
      ...actions.map((b) => ({ text: b.label, style: BUTTON_STYLE[b.style], key: keyOf(opts.encodeKey, b.action, b.payload, spec.cardId) })),
      ...urlButtons.map((b) => ({ text: b.label, style: BUTTON_STYLE[b.style], type: 1, url: opts.urlFor(b.path) })),
    ];
    card.button_list = list.slice(0, MAX_BUTTONS);
  }
  if (cardType === 'vote_interaction' && spec.choice) {
    const c = spec.choice;
    for (const o of c.options) if (bytes(o.id) > 128) throw new Error('WeCom option id over 128 bytes');
    card.checkbox = {
      question_key: c.key,
      mode: 0,
      option_list: c.options.slice(0, MAX_OPTIONS).map((o) => ({ id: o.id, text: o.description ? `${o.label} (${o.description})` : o.label, is_checked: false })),
    };
    card.submit_button = { text: c.submitLabel, key: keyOf(opts.encodeKey, c.action, c.payload, spec.cardId) };
  }
  return card;
}

export interface WecomUpdateTarget {
  agentId: number;
  /** From the tap callback (ResponseCode) or the send response; usable once (platforms.md A3.7). */
  responseCode: string;
  userIds: string[];
}

/**
 * update_template_card body replacing the whole card, typically with its decided version (status, no buttons).
 * `keepType` keeps the original card_type; a button card then shows one grey button via `replace_text`
 * (doc 94888 as remembered, UNCONFIRMED — the replace_name body below is the documented fallback).
 */
export function renderWecomUpdate(spec: CardSpec, target: WecomUpdateTarget, opts: WecomRenderOptions & { keepType?: WecomCardType }): Record<string, unknown> {
  const card = renderWecom(spec, opts);
  if (opts.keepType && opts.keepType !== card.card_type && spec.status) {
    card.card_type = opts.keepType;
    card.task_id = spec.cardId;
    if (opts.keepType === 'button_interaction') { card.button_list = []; card.replace_text = spec.status.short; }
  }
  return { userids: target.userIds, agentid: target.agentId, response_code: target.responseCode, template_card: card };
}

/** update_template_card body that only greys out the buttons with a label, e.g. "已同意". */
export function renderWecomReplaceButton(target: WecomUpdateTarget, replaceName: string): Record<string, unknown> {
  return { userids: target.userIds, agentid: target.agentId, response_code: target.responseCode, button: { replace_name: replaceName } };
}
