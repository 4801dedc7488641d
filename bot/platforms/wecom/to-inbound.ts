// Decrypted WeCom payloads (app XML, intelligent-robot JSON) → the neutral Inbound model (and a robot answer's
// feedback → ReplyFeedback). The only file that spells WeCom's field names. Returns null for anything we do not
// handle (the receiver acks and ignores it).
import type { Address, Inbound, InboundCardAction, InboundEvent, InboundMessage, ReplyFeedback } from '../../core/message.js';
import type { XmlNode } from './xml.js';
import { textOf } from './xml.js';

export interface WecomInboundContext {
  /** Our tenant id for this corp (the CorpID unless configured otherwise). */
  tenant: string;
  /** Used for aibot callbacks, whose create_time is optional. */
  now?: () => number;
}

type XmlFields = Record<string, XmlNode | XmlNode[]>;

/** Robot response_url is single-use and valid for one hour (doc path 101138). */
export const ROBOT_RESPONSE_URL_TTL_MS = 60 * 60 * 1000;

function seconds(v: string | number | undefined, fallbackMs: number): Date {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date(fallbackMs);
}

/** App callback (decrypted XML) → Inbound. Dedupe keys follow platforms.md A1.12 (+AgentID, +TaskId/EventKey). */
export function appXmlToInbound(x: XmlFields, ctx: WecomInboundContext): Inbound | null {
  const from = textOf(x, 'FromUserName');
  const msgType = textOf(x, 'MsgType');
  const createTime = textOf(x, 'CreateTime') ?? '';
  const agentId = textOf(x, 'AgentID') ?? '';
  if (!from || !msgType) return null;
  const at = seconds(createTime, ctx.now?.() ?? Date.now());
  const address: Address = { platform: 'wecom', tenant: ctx.tenant, userId: from, chatId: from, chatType: 'single' };
  const base = { platform: 'wecom' as const, tenant: ctx.tenant, userId: from, at, address };

  if (msgType === 'text') {
    const msgId = textOf(x, 'MsgId');
    if (!msgId) return null;
    // Spelled out, not `{ ...base, … }`: on Node 20 a spread followed by more keys costs ~0.3 µs per key, per callback.
    const m: InboundMessage = {
      platform: 'wecom', tenant: ctx.tenant, userId: from, at, address,
      kind: 'message', eventId: msgId, chatId: from, chatType: 'single', text: textOf(x, 'Content') ?? '',
    };
    return m;
  }
  if (msgType !== 'event') return null;

  const event = textOf(x, 'Event');
  // Events carry no MsgId: FromUserName + CreateTime is WeCom's own advice, AgentID keeps two apps apart.
  const eventKey = `evt:${agentId}:${from}:${createTime}`;
  if (event === 'enter_agent') {
    const e: InboundEvent = { ...base, kind: 'event', eventId: `${eventKey}:enter`, event: 'enter' };
    return e;
  }
  if (event === 'click') {
    const key = textOf(x, 'EventKey') ?? '';
    const e: InboundEvent = { ...base, kind: 'event', eventId: `${eventKey}:click:${key}`, event: 'menu', key };
    return e;
  }
  if (event === 'template_card_event') {
    const taskId = textOf(x, 'TaskId');
    const key = textOf(x, 'EventKey');
    if (!taskId || key === undefined) return null;
    const a: InboundCardAction = {
      ...base,
      kind: 'card_action',
      // Two taps within the same second differ only by TaskId/EventKey.
      eventId: `${eventKey}:card:${taskId}:${key}`,
      actionKey: key,
      selected: selectedFromXml(x.SelectedItems),
      handle: { platform: 'wecom', cardId: taskId, responseCode: textOf(x, 'ResponseCode') || undefined },
    };
    return a;
  }
  return null;
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function selectedFromXml(node: XmlNode | XmlNode[] | undefined): string[] | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const out: string[] = [];
  for (const item of asArray(node.SelectedItem)) {
    if (typeof item !== 'object' || Array.isArray(item)) continue;
    const ids = item.OptionIds;
    if (!ids || typeof ids !== 'object' || Array.isArray(ids)) continue;
    for (const id of asArray(ids.OptionId)) if (typeof id === 'string' && id.trim()) out.push(id.trim());
  }
  return out.length ? out : undefined;
}

// ---- intelligent robot (智能机器人), JSON callbacks: doc paths 100719 (messages) and 101027 (events) ----

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** In a group the text starts with "@RobotName"; the robot's display name is not in the payload. */
function stripLeadingMention(text: string): string {
  return text.replace(/^\s*@\S+\s*/, '');
}

function robotText(j: Json): string | undefined {
  if (j.msgtype === 'text') return str(obj(j.text)?.content);
  if (j.msgtype === 'mixed') {
    // 图文混排: keep the text items, drop images.
    const items = asArray(obj(j.mixed)?.msg_item as Json | Json[] | undefined);
    const texts = items.filter((i) => obj(i)?.msgtype === 'text').map((i) => str(obj(obj(i)?.text)?.content) ?? '');
    return texts.length ? texts.join('\n') : undefined;
  }
  return undefined;
}

/** Intelligent-robot callback (decrypted JSON) → Inbound. Dedupe on msgid, which the doc says to use. */
export function robotJsonToInbound(j: Json, ctx: WecomInboundContext): Inbound | null {
  const msgId = str(j.msgid);
  const userId = str(obj(j.from)?.userid);
  if (!msgId || !userId) return null;
  const nowMs = ctx.now?.() ?? Date.now();
  const chatType = j.chattype === 'group' ? 'group' : 'single';
  const chatId = chatType === 'group' ? (str(j.chatid) ?? '') : userId;
  if (!chatId) return null;
  const responseUrl = str(j.response_url);
  const address: Address = {
    platform: 'wecom', tenant: ctx.tenant, userId, chatId, chatType,
    ...(responseUrl ? { replyUrl: responseUrl, replyUrlExpiresAt: nowMs + ROBOT_RESPONSE_URL_TTL_MS } : {}),
  };
  const at = seconds(str(j.create_time), nowMs);
  const base = { platform: 'wecom' as const, tenant: ctx.tenant, eventId: `aibot:${msgId}`, userId, at, address };

  if (j.msgtype === 'event') {
    const ev = obj(j.event);
    const type = str(ev?.eventtype);
    if (type === 'enter_chat') {
      const e: InboundEvent = { ...base, kind: 'event', event: 'enter' };
      return e;
    }
    if (type === 'template_card_event') {
      // Doc 101027 nests the fields under template_card_event; the SDK's own types put them on the event itself.
      const c = obj(ev?.template_card_event) ?? ev;
      const taskId = str(c?.task_id);
      const key = str(c?.event_key);
      if (!taskId || key === undefined) return null;
      const a: InboundCardAction = {
        ...base, kind: 'card_action', actionKey: key, selected: selectedFromJson(c?.selected_items),
        handle: { platform: 'wecom', cardId: taskId },
      };
      return a;
    }
    return null;
  }
  const text = robotText(j);
  if (text === undefined) return null;
  const m: InboundMessage = {
    ...base, kind: 'message', chatId, chatType,
    text: chatType === 'group' ? stripLeadingMention(text) : text.trim(),
  };
  return m;
}

function selectedFromJson(v: unknown): string[] | undefined {
  const items = asArray(obj(v)?.selected_item as Json | Json[] | undefined);
  const out: string[] = [];
  for (const item of items) {
    const ids = obj(item)?.option_ids;
    const list = Array.isArray(ids) ? ids : asArray(obj(ids)?.option_id as unknown);
    for (const id of list) if (typeof id === 'string' && id) out.push(id);
  }
  return out.length ? out : undefined;
}

/** feedback_event.type (third-party clients; the SDK's types name the event and no field): 1 accurate, 2 not, 3 taken back. */
const RATING_OF_FEEDBACK_TYPE: Record<string, ReplyFeedback['rating']> = { 1: 'good', 2: 'bad', 3: 'withdrawn' };

/** Is this robot callback a reader's feedback on an answer (not an Inbound: it is recorded, never answered)? */
export function isRobotFeedback(j: Json): boolean {
  return j.msgtype === 'event' && obj(j.event)?.eventtype === 'feedback_event';
}

/**
 * Intelligent-robot feedback_event → ReplyFeedback, or null when a field we need is missing. Fields as several public
 * clients read them (doc 101027's table was not in any excerpt): event.feedback_event {id: the feedback.id we put on
 * the answer, type, content: the reader's words, inaccurate_reason_list: codes (numbers; some clients see strings)}.
 */
export function robotJsonToFeedback(j: Json, ctx: WecomInboundContext): ReplyFeedback | null {
  const msgId = str(j.msgid);
  const userId = str(obj(j.from)?.userid);
  const fb = obj(obj(j.event)?.feedback_event);
  const replyRef = str(fb?.id);
  const rating = RATING_OF_FEEDBACK_TYPE[str(fb?.type) ?? ''];
  if (!msgId || !userId || !replyRef || !rating) return null;
  const chatType = j.chattype === 'group' ? 'group' : 'single';
  const chatId = chatType === 'group' ? str(j.chatid) : userId;
  if (!chatId) return null;
  const comment = str(fb?.content)?.trim();
  const listed = fb?.inaccurate_reason_list;
  const reasons = (Array.isArray(listed) ? listed : []).map((r) => str(r)).filter((r): r is string => !!r);
  return {
    platform: 'wecom', tenant: ctx.tenant, eventId: `aibot:${msgId}`, replyRef, userId, chatId, chatType, rating,
    ...(comment ? { comment } : {}), ...(reasons.length ? { reasons } : {}),
    at: seconds(str(j.create_time), ctx.now?.() ?? Date.now()),
  };
}
