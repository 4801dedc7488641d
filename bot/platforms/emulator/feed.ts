// What each chat shows, read back from the fakes' records: WeCom message/send, robot replies, group webhooks and
// update_template_card; DingTalk robot sends, session webhooks and card instances (updated in place). Plus what
// the emulated people typed. Knows the platforms' wire shapes; knows no CRM.
import type { WecomApiFake } from './fakes/wecom-api.js';
import type { DingtalkApiFake } from './fakes/dingtalk-api.js';

export type EmuPlatform = 'wecom' | 'dingtalk';

/** One chat as the page sees it: a person's 1:1 with the bot, or a team group. */
export interface ChatRef { platform: EmuPlatform; kind: 'direct' | 'group'; /** platform user id (direct) or our chat id (group) */ id: string }

export interface FeedItem {
  /** Stable per item, so the page can update a card in place instead of appending it again. */
  id: string;
  at: number;
  from: 'user' | 'bot';
  sender?: string;
  kind: 'text' | 'markdown' | 'wecom_card' | 'dingtalk_card';
  text?: string;
  card?: Record<string, unknown>;
  /** Card copy id to tap (WeCom task_id / DingTalk outTrackId). */
  cardId?: string;
  /** How many times the platform rewrote this card in place. */
  updates?: number;
}

export interface Typed { chat: ChatRef; sender: string; text: string; at: number; seq: number }

export const chatKey = (c: ChatRef) => `${c.platform}:${c.kind}:${c.id}`;
/** DingTalk conversation ids we give emulated chats (1:1 and group). */
export const dingtalkConversation = (c: ChatRef) => `cid_${c.id}`;

function wecomBody(msgtype: string, body: Record<string, unknown>): Pick<FeedItem, 'kind' | 'text' | 'card' | 'cardId'> {
  const part = (body[msgtype] ?? {}) as Record<string, unknown>;
  if (msgtype === 'template_card') return { kind: 'wecom_card', card: part, cardId: String(part.task_id ?? '') || undefined };
  if (msgtype === 'markdown') return { kind: 'markdown', text: String(part.content ?? '') };
  return { kind: 'text', text: String(part.content ?? JSON.stringify(part)) };
}

export interface FeedSources {
  wecom?: WecomApiFake;
  dingtalk?: DingtalkApiFake;
  /** WeCom group chat id → its group-robot webhook key. */
  webhookKeys?: Record<string, string>;
  /** WeCom robot response_code → the group chat it was issued for. */
  robotReplies: Map<string, string>;
  typed: Typed[];
}

function wecomFeed(s: FeedSources, c: ChatRef): FeedItem[] {
  const fake = s.wecom!;
  const out: FeedItem[] = [];
  if (c.kind === 'direct') {
    fake.deliveredTo(c.id).forEach((d, i) => out.push({ id: `w:${d.msgid}:${i}`, at: d.at, from: 'bot', ...wecomBody(d.msgtype, d.body) }));
    // update_template_card replaces the card for the users it names (A3.7); the newest update wins.
    for (const u of fake.cardUpdates) {
      const ids = (u.body.userids as string[] | undefined) ?? [];
      const card = u.body.template_card as Record<string, unknown> | undefined;
      if (!card || !ids.includes(c.id)) continue;
      const item = out.find((x) => x.kind === 'wecom_card' && x.cardId === String(card.task_id ?? ''));
      if (item) { item.card = card; item.updates = (item.updates ?? 0) + 1; }
    }
  } else {
    for (const r of fake.robotResponses) {
      const code = new URLSearchParams(r.url.split('?')[1] ?? '').get('response_code') ?? '';
      if (s.robotReplies.get(code) !== c.id) continue;
      out.push({ id: `wr:${code}`, at: r.at, from: 'bot', ...wecomBody(String(r.body.msgtype ?? ''), r.body) });
    }
    const key = s.webhookKeys?.[c.id];
    fake.webhookMessages.forEach((m, i) => {
      if (key && m.key === key) out.push({ id: `wh:${i}`, at: m.at, from: 'bot', ...wecomBody(String(m.body.msgtype ?? ''), m.body) });
    });
  }
  return out;
}

function dingtalkFeed(s: FeedSources, c: ChatRef): FeedItem[] {
  const fake = s.dingtalk!;
  const conversation = dingtalkConversation(c);
  const out: FeedItem[] = [];
  fake.sent.forEach((m, i) => {
    const mine = c.kind === 'direct' ? (m.kind === 'user' && m.to === c.id) || (m.kind === 'webhook' && m.to === conversation)
      : (m.kind === 'group' || m.kind === 'webhook') && m.to === conversation;
    if (!mine) return;
    const md = m.msgKey === 'sampleMarkdown' || m.msgKey === 'markdown';
    const text = String(m.msgParam.content ?? m.msgParam.text ?? '');
    out.push({ id: `d:${i}`, at: m.at, from: 'bot', kind: md ? 'markdown' : 'text', text });
  });
  // Card instances carry no time of their own: take it from the createAndDeliver call that made them.
  const created = new Map<string, number>();
  for (const r of fake.calls('/v1.0/card/instances/createAndDeliver')) {
    const id = String((r.body as Record<string, unknown> | undefined)?.outTrackId ?? '');
    if (id && !created.has(id)) created.set(id, r.at);
  }
  const space = c.kind === 'direct' ? `dtv1.card//IM_ROBOT.${c.id}` : `dtv1.card//IM_GROUP.${conversation}`;
  for (const card of fake.cards.values()) {
    if (card.openSpaceId !== space) continue;
    out.push({ id: `dc:${card.outTrackId}`, at: created.get(card.outTrackId) ?? 0, from: 'bot', kind: 'dingtalk_card', card: { ...card.cardParamMap }, cardId: card.outTrackId, updates: card.updates });
  }
  return out;
}

/** Everything one chat shows, oldest first. */
export function feedOf(s: FeedSources, c: ChatRef): FeedItem[] {
  const said: FeedItem[] = s.typed.filter((t) => chatKey(t.chat) === chatKey(c))
    .map((t) => ({ id: `u:${t.seq}`, at: t.at, from: 'user', sender: t.sender, kind: 'text', text: t.text }));
  const bot = c.platform === 'wecom' ? (s.wecom ? wecomFeed(s, c) : []) : (s.dingtalk ? dingtalkFeed(s, c) : []);
  // Stable sort: a user's line and the bot's answer in the same millisecond keep the order they happened in.
  return [...said, ...bot].sort((a, b) => a.at - b.at || (a.from === b.from ? 0 : a.from === 'user' ? -1 : 1));
}
