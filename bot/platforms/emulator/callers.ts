// Callers that encrypt and sign callbacks exactly as WeCom and DingTalk do (platforms.md A1, B2, B4),
// plus builders for the payloads they carry. Checked against the official vectors in test/unit/bot/platforms.
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { robotSign } from '../dingtalk/sign.js';

// ---------------- WeCom ----------------

export interface WecomKeys { token: string; aesKey: string; receiveId: string }

export interface SignedCall { query: Record<string, string>; body: string }

export interface SealOptions { timestamp?: string; nonce?: string; random?: Buffer }

/** A fresh 43-character EncodingAESKey (toolchain.md: base64 of 32 bytes without the trailing '='). */
export function newAesKey(): string {
  return randomBytes(32).toString('base64').slice(0, 43);
}

function seal(keys: WecomKeys, plain: string, o: SealOptions) {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? String(Math.floor(Math.random() * 1e10));
  const enc = encrypt(keys.aesKey, plain, keys.receiveId, o.random);
  return { enc, timestamp, nonce, signature: getSignature(keys.token, timestamp, nonce, enc) };
}

/** GET URL verification (A1.2): msg_signature over the encrypted echostr. */
export function wecomUrlVerification(keys: WecomKeys, echo: string, o: SealOptions = {}): Record<string, string> {
  const s = seal(keys, echo, o);
  return { msg_signature: s.signature, timestamp: s.timestamp, nonce: s.nonce, echostr: s.enc };
}

/** App callback (A1.3): XML envelope with ToUserName, Encrypt, AgentID. */
export function wecomAppCallback(keys: WecomKeys, plainXml: string, o: SealOptions & { agentId?: string } = {}): SignedCall {
  const s = seal(keys, plainXml, o);
  const body = `<xml><ToUserName><![CDATA[${keys.receiveId}]]></ToUserName>\n<Encrypt><![CDATA[${s.enc}]]></Encrypt>\n<AgentID><![CDATA[${o.agentId ?? '1000002'}]]></AgentID>\n</xml>`;
  return { query: { msg_signature: s.signature, timestamp: s.timestamp, nonce: s.nonce }, body };
}

/** Intelligent-robot callback: JSON {encrypt}, same crypto with an empty receive id. */
export function wecomRobotCallback(keys: Omit<WecomKeys, 'receiveId'>, payload: unknown, o: SealOptions = {}): SignedCall {
  const s = seal({ ...keys, receiveId: '' }, typeof payload === 'string' ? payload : JSON.stringify(payload), o);
  return { query: { msg_signature: s.signature, timestamp: s.timestamp, nonce: s.nonce }, body: JSON.stringify({ encrypt: s.enc }) };
}

const cdata = (v: string) => `<![CDATA[${v}]]>`;

export function wecomTextXml(m: { corpId: string; from: string; content: string; msgId: string; createTime?: number; agentId?: string }): string {
  return `<xml><ToUserName>${cdata(m.corpId)}</ToUserName><FromUserName>${cdata(m.from)}</FromUserName><CreateTime>${m.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(m.content)}</Content><MsgId>${m.msgId}</MsgId><AgentID>${m.agentId ?? '1000002'}</AgentID></xml>`;
}

export function wecomEventXml(m: { corpId: string; from: string; event: string; eventKey?: string; createTime?: number; agentId?: string }): string {
  return `<xml><ToUserName>${cdata(m.corpId)}</ToUserName><FromUserName>${cdata(m.from)}</FromUserName><CreateTime>${m.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(m.event)}</Event>${m.eventKey === undefined ? '' : `<EventKey>${cdata(m.eventKey)}</EventKey>`}<AgentID>${m.agentId ?? '1000002'}</AgentID></xml>`;
}

/** template_card_event (A3.6, shape of vector V11). */
export function wecomCardEventXml(m: {
  corpId: string; from: string; eventKey: string; taskId: string; responseCode: string; cardType?: string;
  createTime?: number; agentId?: string; selected?: { questionKey: string; optionIds: string[] }[];
}): string {
  const sel = m.selected?.length
    ? `<SelectedItems>${m.selected.map((s) => `<SelectedItem><QuestionKey>${cdata(s.questionKey)}</QuestionKey><OptionIds>${s.optionIds.map((o) => `<OptionId>${cdata(o)}</OptionId>`).join('')}</OptionIds></SelectedItem>`).join('')}</SelectedItems>`
    : '';
  return `<xml><ToUserName>${cdata(m.corpId)}</ToUserName><FromUserName>${cdata(m.from)}</FromUserName><CreateTime>${m.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event><EventKey>${cdata(m.eventKey)}</EventKey><TaskId>${cdata(m.taskId)}</TaskId><CardType>${cdata(m.cardType ?? 'button_interaction')}</CardType><ResponseCode>${cdata(m.responseCode)}</ResponseCode><AgentID>${m.agentId ?? '1000002'}</AgentID>${sel}</xml>`;
}

/** Intelligent-robot text message (doc path 100719). */
export function wecomRobotText(m: { msgId: string; from: string; content: string; chatType?: 'single' | 'group'; chatId?: string; responseUrl?: string }) {
  return {
    msgid: m.msgId, aibotid: 'AIBOTID', chatid: m.chatId ?? '', chattype: m.chatType ?? 'single',
    from: { userid: m.from }, response_url: m.responseUrl ?? 'https://example.invalid/cgi-bin/aibot/response?response_code=X',
    msgtype: 'text', text: { content: m.content },
  };
}

/** Intelligent-robot template_card_event (doc path 101027). */
export function wecomRobotCardEvent(m: { msgId: string; from: string; eventKey: string; taskId: string; chatType?: 'single' | 'group'; chatId?: string; optionIds?: string[] }) {
  return {
    msgid: m.msgId, create_time: Math.floor(Date.now() / 1000), aibotid: 'AIBOTID', chatid: m.chatId ?? '', chattype: m.chatType ?? 'single',
    from: { userid: m.from }, msgtype: 'event',
    event: {
      eventtype: 'template_card_event',
      template_card_event: {
        card_type: 'button_interaction', event_key: m.eventKey, task_id: m.taskId,
        ...(m.optionIds ? { selected_items: { selected_item: [{ question_key: 'q', option_ids: { option_id: m.optionIds } }] } } : {}),
      },
    },
  };
}

/**
 * Intelligent-robot feedback_event: a reader's thumbs up (type 1), down (2, with optional words and reason codes) or
 * taken back (3) on an answer that carried feedback.id; fields as public clients read doc 101027, the same shape the
 * robot socket fake pushes (fakes/wecom-robot-ws.ts).
 */
export function wecomRobotFeedbackEvent(m: { msgId: string; from: string; feedbackId: string; type: 1 | 2 | 3; chatType?: 'single' | 'group'; chatId?: string; content?: string; reasons?: number[]; createTime?: number }) {
  const feedback: Record<string, unknown> = { id: m.feedbackId, type: m.type };
  if (m.content) feedback.content = m.content;
  if (m.reasons) feedback.inaccurate_reason_list = m.reasons;
  return {
    msgid: m.msgId, create_time: m.createTime ?? Math.floor(Date.now() / 1000), aibotid: 'AIBOTID', chatid: m.chatId ?? '', chattype: m.chatType ?? 'single',
    from: { userid: m.from }, msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: feedback },
  };
}

// ---------------- DingTalk ----------------

/** Headers of a DingTalk HTTP robot callback (B2.2): timestamp in ms and its HMAC sign. */
export function dingtalkSignedHeaders(appSecret: string, timestampMs: number = Date.now()): Record<string, string> {
  const timestamp = String(timestampMs);
  return { timestamp, sign: robotSign(timestamp, appSecret), 'content-type': 'application/json; charset=utf-8' };
}

/** A robot message body (B2.3), 1:1 by default. */
export function dingtalkRobotMessage(m: {
  msgId: string; staffId: string; content: string; conversationId?: string; group?: boolean;
  sessionWebhook?: string; sessionWebhookExpiredTime?: number; createAt?: number; atStaffIds?: string[]; robotCode?: string;
}) {
  const createAt = m.createAt ?? Date.now();
  return {
    conversationId: m.conversationId ?? `cid${m.staffId}==`,
    atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }, ...(m.atStaffIds ?? []).map((s) => ({ dingtalkId: `$:LWCP_v1:$${s}`, staffId: s }))],
    chatbotCorpId: 'dingcorp', chatbotUserId: '$:LWCP_v1:$robot',
    msgId: m.msgId, senderNick: m.staffId, isAdmin: false, senderStaffId: m.staffId,
    sessionWebhookExpiredTime: m.sessionWebhookExpiredTime ?? createAt + 90 * 60_000,
    createAt, senderCorpId: 'dingcorp', conversationType: m.group ? '2' : '1', senderId: `$:LWCP_v1:$${m.staffId}`,
    ...(m.group ? { conversationTitle: 'team', isInAtList: true } : {}),
    sessionWebhook: m.sessionWebhook ?? 'https://example.invalid/robot/sendBySession?session=x',
    text: { content: ` ${m.content}` }, robotCode: m.robotCode ?? 'dingfakeappkey', msgtype: 'text',
  };
}

/** An interactive-card callback body (B5.2): `content` is a JSON string holding cardPrivateData. */
export function dingtalkCardCallback(m: { outTrackId: string; userId: string; params: Record<string, unknown>; actionIds?: string[]; group?: string }) {
  return {
    type: 'actionCallback', outTrackId: m.outTrackId, corpId: 'dingcorp', userId: m.userId, userIdType: 1,
    spaceType: m.group ? 'IM_GROUP' : 'IM_ROBOT', spaceId: m.group ?? m.userId, extension: '{}',
    content: JSON.stringify({ cardPrivateData: { actionIds: m.actionIds ?? ['submit'], params: m.params } }),
  };
}

/** A Stream-mode CALLBACK frame (B4.2, V10), as the socket delivers it (a JSON string). */
export function dingtalkStreamFrame(topic: string, data: unknown, messageId = `msg_${Math.random().toString(36).slice(2)}`): string {
  return JSON.stringify({
    specVersion: '1.0', type: 'CALLBACK',
    headers: { appId: 'app-1', connectionId: 'conn-1', contentType: 'application/json', messageId, time: String(Date.now()), topic },
    data: typeof data === 'string' ? data : JSON.stringify(data),
  });
}

// ---------------- posting ----------------

/** POST a signed call to `base + path` with its query; returns status and text. */
export async function postSigned(base: string, path: string, call: SignedCall, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(call.query)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: 'POST', body: call.body, headers });
  return { status: res.status, text: await res.text() };
}
