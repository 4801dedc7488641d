// Everything the robot long connection sends (platforms.md A3.9, frames as @wecom/aibot-node-sdk 1.0.7 builds them):
// answers on a message (aibot_respond_msg), welcomes (aibot_respond_welcome_msg), card updates after a tap
// (aibot_respond_update_msg) and proactive pushes (aibot_send_msg), each held to the robot's rate limits per
// conversation. Knows WeCom's robot wire format; knows nothing of the CRM.
import { randomUUID } from 'node:crypto';
import type { WSClient } from '@wecom/aibot-node-sdk';
import { PlatformError, type Rendered, type SendOptions } from '../../core/platform.js';
import { laneOf, RateGate, type RateLane, type RateRule } from '../shared/rate-gate.js';

/**
 * Per conversation, answers and pushes together (pushes within five sixths of it: answers first). Not in the SDK;
 * third-party readings of doc 101463 give 30/min and 1000/h per conversation (UNCONFIRMED), so we hold to that.
 */
export const ROBOT_CHAT_LIMITS: RateRule[] = [
  { name: 'aibot-chat-min', points: 30, durationMs: 60_000 },
  { name: 'aibot-chat-hour', points: 1000, durationMs: 3_600_000 },
];
/**
 * aibot_send_msg: 10 per conversation per natural day in third-party readings of doc 101463 (UNCONFIRMED). A sliding
 * 24 h window never lets more than that into any calendar day, whatever the time zone.
 */
export const ROBOT_PUSH_LIMITS: RateRule[] = [{ name: 'aibot-push-day', points: 10, durationMs: 86_400_000 }];
/** A push waits this long at most for its slot (a minute's window); beyond that the caller takes another route. */
export const ROBOT_PUSH_MAX_WAIT_MS = 65_000;
/** stream.content is at most 20480 bytes (SDK README); we use the same bound for pushed markdown. */
export const ROBOT_MARKDOWN_MAX_BYTES = 20480;
/** errcodes on an ack that mean "this req_id cannot be answered any more" (platforms.md A3.9). */
const DEAD_REQ_ID = new Set([846605, 846608]);
/**
 * errcodes on an aibot_send_msg ack that mean "the robot is not in this chat". UNCONFIRMED: no source names WeCom's
 * code; 846609 is the one our fake (emulator/fakes/wecom-robot-ws.ts) invented. Add the real one when a tenant shows it.
 */
const NOT_IN_CHAT = new Set(['846609']);
/** feedback.id on an answer: at most 256 bytes (SDK types). */
const FEEDBACK_ID_MAX_BYTES = 256;

export interface RobotWsSenderOptions {
  client: WSClient;
  now: () => number;
  /** Injectable for tests that move a fake clock instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  chatLimits?: RateRule[];
  pushLimits?: RateRule[];
  pushMaxWaitMs?: number;
}

type Card = Extract<Rendered, { kind: 'card' }>;
type Json = Record<string, unknown>;

/** The SDK rejects with the ack frame itself (errcode ≠ 0), or with an Error (ack timeout, not connected). */
export function robotSendError(e: unknown): PlatformError {
  if (e instanceof PlatformError) return e;
  if (e && typeof e === 'object' && 'errcode' in e) {
    const code = Number((e as { errcode: unknown }).errcode);
    const msg = String((e as { errmsg?: unknown }).errmsg ?? 'refused');
    // A dead req_id never comes back; anything else may be a passing server problem.
    return new PlatformError('wecom', code, msg, !DEAD_REQ_ID.has(code));
  }
  const msg = e instanceof Error ? e.message : String(e);
  // Not connected: the req_id may still be good after the SDK reconnects. Ack timeout: it may have been delivered.
  return new PlatformError('wecom', /ack timeout/i.test(msg) ? 'timeout' : 'network', msg, true);
}

/** A push was refused because the robot is not in that chat (removed from the group, or never added). */
export function isNotInChat(e: PlatformError): boolean {
  return e.platform === 'wecom' && NOT_IN_CHAT.has(e.code);
}

/**
 * Asks WeCom for the thumbs up/down under an answer: their feedback_event comes back with this id. The req_id names
 * the answered message (its inbox row's route is `ws:<req_id>`), so it is the id; set on the first answer only.
 */
function feedbackFor(reqId: string): { id: string } | undefined {
  return Buffer.byteLength(reqId, 'utf8') <= FEEDBACK_ID_MAX_BYTES ? { id: reqId } : undefined;
}

/** Cuts `text` to at most `max` UTF-8 bytes on a character boundary, marking the cut. */
export function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let used = Buffer.byteLength('\u2026', 'utf8');
  let out = '';
  for (const ch of text) {
    used += Buffer.byteLength(ch, 'utf8');
    if (used > max) break;
    out += ch;
  }
  return `${out}\u2026`;
}

/** A welcome takes plain text only (doc 101031): drop the markdown marks our texts use (quotes, bold). */
export function markdownToPlain(text: string): string {
  return text.replace(/^>\s?/gm, '').replace(/\*\*(.+?)\*\*/g, '$1');
}

const cardBody = (r: Card): Json => ({ ...r.card, task_id: r.cardId });

export class RobotWsSender {
  private readonly client: WSClient;
  private readonly now: () => number;
  private readonly chatGate: RateGate;
  private readonly pushGate: RateGate;
  private readonly pushMaxWaitMs: number;

  constructor(o: RobotWsSenderOptions) {
    this.client = o.client;
    this.now = o.now;
    this.chatGate = new RateGate({ rules: o.chatLimits ?? ROBOT_CHAT_LIMITS, sleep: o.sleep, now: o.now });
    this.pushGate = new RateGate({ rules: o.pushLimits ?? ROBOT_PUSH_LIMITS, sleep: o.sleep, now: o.now });
    this.pushMaxWaitMs = o.pushMaxWaitMs ?? ROBOT_PUSH_MAX_WAIT_MS;
  }

  /** Answer a message on its req_id: text/markdown as one finished stream message, a card as template_card. */
  async reply(reqId: string, r: Rendered, chat: string): Promise<void> {
    const frame = { headers: { req_id: reqId } };
    const feedback = feedbackFor(reqId);
    await this.gated(chat, undefined, () => (r.kind === 'card'
      ? this.client.replyTemplateCard(frame, cardBody(r) as never, feedback)
      // aibot_respond_msg takes stream or template_card; a finished stream is a plain markdown answer.
      : this.client.replyStream(frame, randomUUID(), clipBytes(r.text, ROBOT_MARKDOWN_MAX_BYTES), true, undefined, feedback)));
  }

  /** Welcome on an enter_chat req_id before `deadline`: text (plain) or a template card. */
  async welcome(reqId: string, r: Rendered, o: { chat: string; deadline: number }): Promise<void> {
    const body = r.kind === 'card'
      ? { msgtype: 'template_card' as const, template_card: cardBody(r) as never }
      : { msgtype: 'text' as const, text: { content: r.kind === 'markdown' ? markdownToPlain(r.text) : r.text } };
    await this.gated(o.chat, o.deadline, () => this.client.replyWelcome({ headers: { req_id: reqId } }, body));
  }

  /** Replace the tapped card for everyone who sees it, on the tap's req_id before `deadline`. */
  async updateCard(reqId: string, r: Card, o: { chat: string; deadline: number }): Promise<void> {
    await this.gated(o.chat, o.deadline, () => this.client.updateTemplateCard({ headers: { req_id: reqId } }, cardBody(r) as never));
  }

  /**
   * A message into a conversation the robot is in, not on a req_id (aibot_send_msg takes markdown or template_card,
   * no plain text): a push, or an answer whose req_id is gone (it keeps an answer's place in the queue). Throws a
   * retryable `robot_quota` instead of waiting long when the conversation's budget is spent.
   */
  async push(chatId: string, r: Rendered, opts?: SendOptions): Promise<void> {
    const lane = laneOf(opts);
    const wait = Math.max(this.pushGate.delayFor(chatId), this.chatGate.delayFor(chatId, this.now(), lane));
    if (wait > this.pushMaxWaitMs) throw new PlatformError('wecom', 'robot_quota', `robot push budget for ${chatId} spent for ${Math.ceil(wait / 1000)} s`, true);
    await this.pushGate.waitForSlot(chatId);
    const body = r.kind === 'card'
      ? { msgtype: 'template_card' as const, template_card: cardBody(r) as never }
      : { msgtype: 'markdown' as const, markdown: { content: clipBytes(r.text, ROBOT_MARKDOWN_MAX_BYTES) } };
    try {
      await this.gated(chatId, undefined, () => this.client.sendMessage(chatId, body), lane);
    } finally {
      this.pushGate.markSent([chatId]);
    }
  }

  /**
   * Waits for the conversation's slot (or refuses when it would come after `deadline`), sends, counts from the ack.
   * Pushes wait in their own lane within the push allowance, so an answer never queues behind them (rate-gate.ts).
   */
  private async gated(chat: string, deadline: number | undefined, send: () => Promise<unknown>, lane: RateLane = 'answer'): Promise<void> {
    if (deadline !== undefined && this.now() + this.chatGate.delayFor(chat) > deadline) {
      throw new PlatformError('wecom', 'window_passed', 'the 5 s answer window of this event has passed', false);
    }
    await this.chatGate.waitForSlot(chat, lane);
    try {
      // Others queued for this conversation may have taken the time.
      if (deadline !== undefined && this.now() > deadline) throw new PlatformError('wecom', 'window_passed', 'the 5 s answer window of this event has passed', false);
      await send();
    } catch (e) {
      throw robotSendError(e);
    } finally {
      this.chatGate.markSent([chat]);
    }
  }
}
