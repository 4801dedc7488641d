// The emulated platforms' half of a conversation: what WeCom or DingTalk would POST to us when a person types
// or taps. Callbacks are encrypted and signed exactly as the platforms do (callers.ts) and go to our own
// /wecom/callback, /wecom/bot and /dingtalk/callback over real HTTP. Knows the platforms; knows no CRM.
import { randomBytes } from 'node:crypto';
import type { LocalPlatforms } from './local-platforms.js';
import {
  dingtalkCardCallback, dingtalkRobotMessage, dingtalkSignedHeaders, postSigned, wecomAppCallback, wecomCardEventXml,
  wecomRobotCallback, wecomRobotCardEvent, wecomRobotText, wecomTextXml,
} from './callers.js';
import { dingtalkConversation, type ChatRef } from './feed.js';
import { currentRequestId } from '../../../server/request-context.js';

export interface Player {
  /** `who` is the person's user id on that platform; `name` their display name (DingTalk senderNick). */
  say(chat: ChatRef, who: string, text: string): Promise<number>;
  tap(chat: ChatRef, who: string, cardId: string, key: string, o?: { selected?: string[]; vote?: boolean; questionKey?: string }): Promise<number>;
}

export interface PlayerOptions {
  platforms: LocalPlatforms;
  /** Our own origin, known once the server listens. */
  baseUrl: () => string;
  now: () => number;
  /** WeCom robot response_code → group chat, so the feed can place robot replies. */
  robotReplies: Map<string, string>;
}

/** The page request's id travels with the callback it causes (x-request-id), so logs join up end to end. */
const traced = (): Record<string, string> => { const id = currentRequestId(); return id ? { 'x-request-id': id } : {}; };

const msgId = () => `emu${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;

export function createPlayer(o: PlayerOptions): Player {
  const wecom = () => {
    if (!o.platforms.wecom) throw new Error('WeCom is not emulated');
    return o.platforms.wecom;
  };
  const dingtalk = () => {
    if (!o.platforms.dingtalk) throw new Error('DingTalk is not emulated');
    return o.platforms.dingtalk;
  };
  const seconds = () => Math.floor(o.now() / 1000);
  const robotKeys = () => ({ token: wecom().config.bot!.token, aesKey: wecom().config.bot!.aesKey });

  async function postDingtalk(body: unknown): Promise<number> {
    const res = await fetch(`${o.baseUrl()}/dingtalk/callback`, { method: 'POST', headers: { ...dingtalkSignedHeaders(dingtalk().config.appSecret, o.now()), ...traced() }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  }

  /** A fresh robot response_url (single-use, 1 h), remembered against the group it answers. */
  function robotReplyUrl(chatId: string): string {
    const url = wecom().fake.issueRobotResponseUrl();
    o.robotReplies.set(new URL(url).searchParams.get('response_code') ?? '', chatId);
    return url;
  }

  return {
    async say(chat, who, text) {
      if (chat.platform === 'wecom') {
        const w = wecom();
        if (chat.kind === 'direct') {
          const xml = wecomTextXml({ corpId: w.fake.corpId, from: who, content: text, msgId: String(Date.now()) + randomBytes(3).readUIntBE(0, 3), createTime: seconds() });
          return (await postSigned(o.baseUrl(), '/wecom/callback', wecomAppCallback({ token: w.config.token, aesKey: w.config.aesKey, receiveId: w.fake.corpId }, xml), traced())).status;
        }
        // Group chats reach us through the intelligent robot, @-mentioned (doc 100719).
        const payload = wecomRobotText({ msgId: msgId(), from: who, content: `@chatcrm ${text}`, chatType: 'group', chatId: chat.id, responseUrl: robotReplyUrl(chat.id) });
        return (await postSigned(o.baseUrl(), '/wecom/bot', wecomRobotCallback(robotKeys(), payload), traced())).status;
      }
      const d = dingtalk();
      const conversationId = dingtalkConversation(chat);
      const hook = d.fake.issueSessionWebhook(conversationId);
      return postDingtalk(dingtalkRobotMessage({
        msgId: msgId(), staffId: who, content: text, conversationId, group: chat.kind === 'group', createAt: o.now(),
        sessionWebhook: hook.url, sessionWebhookExpiredTime: hook.expiresAt, robotCode: d.config.robotCode,
      }));
    },

    async tap(chat, who, cardId, key, opts = {}) {
      if (chat.platform === 'wecom') {
        const w = wecom();
        if (chat.kind === 'group') {
          const payload = wecomRobotCardEvent({ msgId: msgId(), from: who, eventKey: key, taskId: cardId, chatType: 'group', chatId: chat.id, optionIds: opts.selected });
          return (await postSigned(o.baseUrl(), '/wecom/bot', wecomRobotCallback(robotKeys(), payload), traced())).status;
        }
        // Each tap carries a fresh single-use ResponseCode for the tapper's copy (A3.6, A3.7).
        const xml = wecomCardEventXml({
          corpId: w.fake.corpId, from: who, eventKey: key, taskId: cardId, responseCode: w.fake.issueResponseCode(who, cardId),
          createTime: seconds(), cardType: opts.vote ? 'vote_interaction' : 'button_interaction',
          selected: opts.selected?.length ? [{ questionKey: opts.questionKey ?? 'pick', optionIds: opts.selected }] : undefined,
        });
        return (await postSigned(o.baseUrl(), '/wecom/callback', wecomAppCallback({ token: w.config.token, aesKey: w.config.aesKey, receiveId: w.fake.corpId }, xml), traced())).status;
      }
      return postDingtalk(dingtalkCardCallback({
        outTrackId: cardId, userId: who, params: { action: key, ...(opts.selected ? { selected: opts.selected } : {}) },
        group: chat.kind === 'group' ? dingtalkConversation(chat) : undefined,
      }));
    },
  };
}
