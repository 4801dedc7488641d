// DingTalk robot messages and card callbacks (HTTP body or Stream `data`) → the neutral Inbound model. The only
// file that spells DingTalk's field names. Returns null for what we do not handle (acked and ignored).
import { createHash } from 'node:crypto';
import type { Address, Inbound, InboundCardAction, InboundMessage } from '../../core/message.js';

export interface DingtalkInboundContext {
  tenant: string;
  now?: () => number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function messageText(j: Json): string | undefined {
  if (j.msgtype === 'text') return str(obj(j.text)?.content);
  if (j.msgtype === 'richText') {
    const parts = obj(j.content)?.richText;
    if (!Array.isArray(parts)) return undefined;
    const texts = parts.map((p) => str(obj(p)?.text)).filter((t): t is string => t !== undefined);
    return texts.length ? texts.join('') : undefined;
  }
  if (j.msgtype === 'audio') return str(obj(j.content)?.recognition);
  return undefined;
}

/** Is this payload a card callback (B5.2) rather than a robot message (B2.3)? */
export function isCardCallback(j: Json): boolean {
  return j.type === 'actionCallback' || (typeof j.outTrackId === 'string' && j.msgtype === undefined);
}

/** Robot message → InboundMessage. Senders without a staff id (outside the org) are ignored: no CRM user maps. */
export function robotMessageToInbound(j: Json, ctx: DingtalkInboundContext): InboundMessage | null {
  const msgId = str(j.msgId);
  const userId = str(j.senderStaffId);
  const chatId = str(j.conversationId);
  const text = messageText(j);
  if (!msgId || !userId || !chatId || text === undefined) return null;
  const chatType = String(j.conversationType) === '2' ? 'group' : 'single';
  const robotUser = str(j.chatbotUserId);
  const mentions = (Array.isArray(j.atUsers) ? j.atUsers : [])
    .map((u) => obj(u))
    .filter((u) => u && str(u.dingtalkId) !== robotUser)
    .map((u) => str(u?.staffId))
    .filter((s): s is string => !!s && s !== userId);
  const webhook = str(j.sessionWebhook);
  const expires = Number(j.sessionWebhookExpiredTime);
  const address: Address = {
    platform: 'dingtalk', tenant: ctx.tenant, userId, chatId, chatType,
    ...(webhook && Number.isFinite(expires) ? { replyUrl: webhook, replyUrlExpiresAt: expires } : {}),
  };
  const createAt = Number(j.createAt);
  return {
    kind: 'message', platform: 'dingtalk', tenant: ctx.tenant,
    eventId: msgId, userId, chatId, chatType,
    // DingTalk removes the @robot text but leaves the space after it (B2.3).
    text: text.trim(),
    ...(mentions.length ? { mentions } : {}),
    at: new Date(Number.isFinite(createAt) && createAt > 0 ? createAt : ctx.now?.() ?? Date.now()),
    address,
  };
}

function parseContent(v: unknown): Json | undefined {
  if (typeof v === 'string') {
    try { return obj(JSON.parse(v)); } catch { return undefined; }
  }
  return obj(v);
}

/**
 * Card tap → InboundCardAction. The payload has no event id, so the dedupe key is derived from what was tapped:
 * a double tap (same card, same user, same params) is one action; our action payloads carry the card version.
 */
export function cardCallbackToInbound(j: Json, ctx: DingtalkInboundContext): InboundCardAction | null {
  const outTrackId = str(j.outTrackId);
  const userId = str(j.userId);
  const content = parseContent(j.content);
  const priv = obj(content?.cardPrivateData);
  if (!outTrackId || !userId || !priv) return null;
  const params = obj(priv.params) ?? {};
  const actionIds = Array.isArray(priv.actionIds) ? priv.actionIds.map(String) : [];
  const actionKey = str(params.action) ?? str(params.actionKey) ?? actionIds[0];
  if (actionKey === undefined) return null;
  const sel = params.selected;
  const selected = Array.isArray(sel) ? sel.map(String) : typeof sel === 'string' && sel ? [sel] : undefined;
  const group = j.spaceType === 'IM_GROUP' || j.spaceType === 'im_group';
  const spaceId = str(j.spaceId);
  const digest = createHash('sha256').update(JSON.stringify(priv)).digest('base64url').slice(0, 22);
  return {
    kind: 'card_action', platform: 'dingtalk', tenant: ctx.tenant,
    eventId: `card:${outTrackId}:${userId}:${digest}`,
    userId, actionKey, ...(selected ? { selected } : {}),
    handle: { platform: 'dingtalk', cardId: outTrackId },
    at: new Date(ctx.now?.() ?? Date.now()),
    address: { platform: 'dingtalk', tenant: ctx.tenant, userId, chatType: group ? 'group' : 'single', chatId: group && spaceId ? spaceId : userId },
  };
}

/** Either kind of DingTalk callback → Inbound (or null). */
export function dingtalkToInbound(j: Json, ctx: DingtalkInboundContext): Inbound | null {
  return isCardCallback(j) ? cardCallbackToInbound(j, ctx) : robotMessageToInbound(j, ctx);
}
