// A local fake of WeCom's intelligent-robot long connection (platforms.md A3.9), speaking the frames that
// @wecom/aibot-node-sdk 1.0.7 sends and expects (read from its dist/index.cjs.js):
//   client → { cmd: 'aibot_subscribe', headers: { req_id }, body: { bot_id, secret } }   answered { headers, errcode, errmsg }
//   client → { cmd: 'ping', headers: { req_id } }                                        answered { headers, errcode: 0 }
//   server → { cmd: 'aibot_msg_callback' | 'aibot_event_callback', headers: { req_id }, body: { msgid, ... } }
//   client → { cmd: 'aibot_respond_msg' | 'aibot_respond_welcome_msg' | 'aibot_respond_update_msg' | 'aibot_send_msg',
//              headers: { req_id }, body }                                               acked likewise.
// What it checks, as WeCom does (doc 101031/101463 as quoted in platforms.md and public clients):
//   - each req_id takes only its own kind of answer: a message → aibot_respond_msg; enter_chat → one welcome
//     (text or template_card) within 5 s; template_card_event → one aibot_respond_update_msg within 5 s whose
//     template_card.task_id is the tapped card's; anything else on it → 846605;
//   - stream content at most 20480 bytes; aibot_send_msg takes markdown or template_card only (text → 40008) and only
//     into a chat the robot has heard from and is still in (leave() takes it out of a group);
//   - per conversation at most 30 sends a minute and 1000 an hour, and 10 pushes a (UTC+8) day;
//   - an answer asks for the readers' thumbs with feedback.id (at most 256 bytes); feedback_event frames come only for
//     answers that did (pushFeedback), and take no answer at all.
// Invented where nothing says: wrong secret → 40001; unknown, expired or late req_id → 846605; bad parameter → 40058;
// a push into a chat the robot was never in, or has left → 846609; over a rate limit → 45009.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeClock } from './fake-http.js';

export interface RobotWsReply { cmd: string; reqId: string; body: Record<string, unknown>; errcode: number; errmsg: string; at: number }
export interface RobotWsPush { reqId: string; msgId: string; frame: Record<string, unknown> }

type FrameKind = 'message' | 'enter_chat' | 'template_card_event' | 'feedback_event';
/** feedback_event.type as third-party clients read it: 1 accurate, 2 inaccurate, 3 taken back. */
export type RobotFeedbackType = 1 | 2 | 3;
interface Issued { kind: FrameKind; at: number; chat: string; taskId?: string; answered: boolean }

const REPLY_CMDS = new Set(['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg', 'aibot_send_msg']);
/** Which frame kind each answer belongs to. */
const ANSWERS: Record<string, FrameKind> = {
  aibot_respond_msg: 'message', aibot_respond_welcome_msg: 'enter_chat', aibot_respond_update_msg: 'template_card_event',
};
export const ROBOT_WS_WINDOW_MS = 5000;
const STREAM_MAX_BYTES = 20480;
const FEEDBACK_ID_MAX_BYTES = 256;
const DAY_MS = 86_400_000;
const UTC8_MS = 8 * 3_600_000;

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

class Refusal { constructor(readonly errcode: number, readonly errmsg: string) {} }

/** feedback.id of an answer: on the stream, or on the template card. */
function feedbackIdOf(body: Record<string, unknown>): string | undefined {
  const holder = (body.stream ?? body.template_card) as { feedback?: { id?: unknown } } | undefined;
  return holder?.feedback ? String(holder.feedback.id ?? '') : undefined;
}

export class WecomRobotWsFake {
  readonly botId: string;
  readonly secret: string;
  readonly clock: FakeClock;
  /** Every subscribe attempt, good or bad. */
  readonly authAttempts: { botId: string; ok: boolean }[] = [];
  /** Every answer or push received, with the errcode this fake answered. */
  readonly replies: RobotWsReply[] = [];
  pings = 0;
  private wss?: WebSocketServer;
  private readonly authed = new Set<WebSocket>();
  private readonly issued = new Map<string, Issued>();
  private readonly expired = new Set<string>();
  private readonly cardAnswered = new Set<string>();
  /** Conversations the robot has heard from (group chatid, or the member's userid for 1:1). */
  private readonly chats = new Set<string>();
  /** feedback.id of every accepted answer that asked for the readers' thumbs. */
  private readonly feedbackIds = new Set<string>();
  /** Accepted sends per conversation (times), and accepted pushes. */
  private readonly sent = new Map<string, number[]>();
  private readonly pushed = new Map<string, number[]>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(opts: { botId?: string; secret?: string; clock?: FakeClock } = {}) {
    this.botId = opts.botId ?? 'aibfakebot000001';
    this.secret = opts.secret ?? 'fake-robot-secret';
    this.clock = opts.clock ?? new FakeClock();
  }

  get url(): string {
    const a = this.wss?.address() as AddressInfo | undefined;
    if (!a) throw new Error('robot ws fake not started');
    return `ws://127.0.0.1:${a.port}`;
  }

  get connections(): number { return this.authed.size; }

  async start(): Promise<void> {
    this.wss = await new Promise<WebSocketServer>((resolve, reject) => {
      const s = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
    this.wss.on('connection', (sock) => {
      sock.on('message', (data) => this.onFrame(sock, String(data)));
      sock.on('close', () => { this.authed.delete(sock); this.notify(); });
    });
  }

  async stop(): Promise<void> {
    if (!this.wss) return;
    for (const c of this.wss.clients) c.terminate();
    await new Promise((r) => this.wss!.close(r));
    this.wss = undefined;
  }

  /** A member @-mentions the robot in a group (chattype "group") or writes to it 1:1. Returns the ids pushed. */
  pushText(o: { from: string; content: string; chatId?: string; msgId?: string; reqId?: string }): RobotWsPush {
    const body = { msgtype: 'text', text: { content: o.content } };
    return this.pushFrame('aibot_msg_callback', 'message', o, body);
  }

  /** A member opens the 1:1 chat with the robot for the first time today. */
  pushEnterChat(o: { from: string; msgId?: string; reqId?: string }): RobotWsPush {
    return this.pushFrame('aibot_event_callback', 'enter_chat', o, { msgtype: 'event', event: { eventtype: 'enter_chat' } });
  }

  /** A member taps a button (or submits a choice) on a card the robot sent; fields nested as in doc 101027. */
  pushCardTap(o: { from: string; taskId: string; eventKey: string; chatId?: string; cardType?: string; selected?: { questionKey: string; optionIds: string[] }[]; msgId?: string; reqId?: string }): RobotWsPush {
    const selected = o.selected ? { selected_items: { selected_item: o.selected.map((s) => ({ question_key: s.questionKey, option_ids: { option_id: s.optionIds } })) } } : {};
    const event = { eventtype: 'template_card_event', template_card_event: { card_type: o.cardType ?? 'button_interaction', event_key: o.eventKey, task_id: o.taskId, ...selected } };
    return this.pushFrame('aibot_event_callback', 'template_card_event', o, { msgtype: 'event', event }, o.taskId);
  }

  /**
   * A member gives a thumbs up (type 1) or down (2, with optional words and reason codes), or takes it back (3), on an
   * answer that carried feedback.id; fields as in doc 101027 as public clients read it.
   */
  pushFeedback(o: { from: string; feedbackId: string; type: RobotFeedbackType; chatId?: string; content?: string; reasons?: number[]; msgId?: string; reqId?: string }): RobotWsPush {
    if (!this.feedbackIds.has(o.feedbackId)) throw new Error(`robot ws fake: no answer asked for feedback with id ${o.feedbackId}`);
    const feedback = { id: o.feedbackId, type: o.type, ...(o.content ? { content: o.content } : {}), ...(o.reasons ? { inaccurate_reason_list: o.reasons } : {}) };
    return this.pushFrame('aibot_event_callback', 'feedback_event', o, { msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: feedback } });
  }

  /** The robot is taken out of a group: pushes there are refused until a member speaks to it there again. */
  leave(chatId: string): void { this.chats.delete(chatId); }

  /** Sends a frame again (WeCom delivering the same message twice) or any hand-made frame. */
  push(p: RobotWsPush): RobotWsPush {
    if (!this.issued.has(p.reqId)) {
      const body = (p.frame.body ?? {}) as { chatid?: string; from?: { userid?: string } };
      this.issued.set(p.reqId, { kind: 'message', at: this.clock.now(), chat: body.chatid ?? body.from?.userid ?? '', answered: false });
    }
    const text = JSON.stringify(p.frame);
    for (const sock of this.authed) sock.send(text);
    return p;
  }

  /** Later answers on this req_id are refused as WeCom does when it is too old. */
  expire(reqId: string): void { this.expired.add(reqId); }

  repliesTo(reqId: string): RobotWsReply[] { return this.replies.filter((r) => r.reqId === reqId); }

  /** Pushes (aibot_send_msg) into one conversation. */
  pushesTo(chatId: string): RobotWsReply[] { return this.replies.filter((r) => r.cmd === 'aibot_send_msg' && r.body.chatid === chatId); }

  /** Resolves once `test` holds (checked after every frame), or rejects after timeoutMs. */
  waitFor(test: () => boolean, timeoutMs = 5000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { test, resolve: () => { clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((x) => x !== w); reject(new Error('robot ws fake: timed out waiting')); }, timeoutMs);
      this.waiters.push(w);
    });
  }

  private pushFrame(cmd: string, kind: FrameKind, o: { from: string; chatId?: string; msgId?: string; reqId?: string }, content: Record<string, unknown>, taskId?: string): RobotWsPush {
    const msgId = o.msgId ?? id('msg');
    const reqId = o.reqId ?? id('req');
    const chat = o.chatId ?? o.from;
    this.chats.add(chat);
    this.issued.set(reqId, { kind, at: this.clock.now(), chat, taskId, answered: false });
    const frame = {
      cmd,
      headers: { req_id: reqId },
      body: {
        msgid: msgId, aibotid: this.botId, chattype: o.chatId ? 'group' : 'single', ...(o.chatId ? { chatid: o.chatId } : {}),
        from: { userid: o.from }, create_time: Math.floor(this.clock.now() / 1000), ...content,
      },
    };
    return this.push({ reqId, msgId, frame });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private answer(sock: WebSocket, reqId: string, errcode: number, errmsg: string): void {
    sock.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
  }

  /** Throws a Refusal for anything WeCom would refuse; returns the conversation the send counts against. */
  private check(cmd: string, reqId: string, body: Record<string, unknown>): string {
    const now = this.clock.now();
    if (cmd === 'aibot_send_msg') {
      const chat = String(body.chatid ?? '');
      if (!this.chats.has(chat)) throw new Refusal(846609, 'chat not found for this robot');
      if (body.msgtype !== 'markdown' && body.msgtype !== 'template_card') throw new Refusal(40008, 'invalid message type');
      const day = Math.floor((now + UTC8_MS) / DAY_MS);
      if ((this.pushed.get(chat) ?? []).filter((t) => Math.floor((t + UTC8_MS) / DAY_MS) === day).length >= 10) throw new Refusal(45009, 'push quota of this chat used up today');
      return chat;
    }
    const issued = this.issued.get(reqId);
    if (!issued || issued.kind !== ANSWERS[cmd] || this.expired.has(reqId)) throw new Refusal(846605, 'invalid req_id');
    const isCard = body.msgtype === 'template_card';
    const feedbackId = feedbackIdOf(body);
    if (feedbackId !== undefined && (!feedbackId || Buffer.byteLength(feedbackId, 'utf8') > FEEDBACK_ID_MAX_BYTES)) throw new Refusal(40058, 'feedback.id must be 1 to 256 bytes');
    if (cmd === 'aibot_respond_msg') {
      if (!['stream', 'template_card', 'stream_with_template_card'].includes(String(body.msgtype))) throw new Refusal(40008, 'invalid message type');
      const content = String((body.stream as { content?: unknown } | undefined)?.content ?? '');
      if (Buffer.byteLength(content, 'utf8') > STREAM_MAX_BYTES) throw new Refusal(40058, 'stream content over 20480 bytes');
      if (isCard && this.cardAnswered.has(reqId)) throw new Refusal(846605, 'invalid req_id');
      return issued.chat;
    }
    // Welcome and card update: once, within 5 s of the event.
    if (issued.answered || now - issued.at > ROBOT_WS_WINDOW_MS) throw new Refusal(846605, 'invalid req_id');
    if (cmd === 'aibot_respond_welcome_msg' && body.msgtype !== 'text' && !isCard) throw new Refusal(40008, 'invalid message type');
    if (cmd === 'aibot_respond_update_msg') {
      if (body.response_type !== 'update_template_card') throw new Refusal(40058, 'response_type must be update_template_card');
      if ((body.template_card as { task_id?: unknown } | undefined)?.task_id !== issued.taskId) throw new Refusal(40058, 'task_id is not the tapped card');
    }
    return issued.chat;
  }

  private checkRate(chat: string): void {
    const now = this.clock.now();
    const times = this.sent.get(chat) ?? [];
    if (times.filter((t) => t > now - 60_000).length >= 30 || times.filter((t) => t > now - 3_600_000).length >= 1000) {
      throw new Refusal(45009, 'api freq out of limit');
    }
  }

  private onReply(cmd: string, reqId: string, body: Record<string, unknown>): { errcode: number; errmsg: string } {
    try {
      const chat = this.check(cmd, reqId, body);
      this.checkRate(chat);
      const now = this.clock.now();
      this.sent.set(chat, [...(this.sent.get(chat) ?? []).filter((t) => t > now - 3_600_000), now]);
      if (cmd === 'aibot_send_msg') this.pushed.set(chat, [...(this.pushed.get(chat) ?? []), now]);
      const issued = this.issued.get(reqId);
      if (issued && cmd !== 'aibot_respond_msg') issued.answered = true;
      if (cmd === 'aibot_respond_msg' && body.msgtype === 'template_card') this.cardAnswered.add(reqId);
      const feedbackId = feedbackIdOf(body);
      if (feedbackId) this.feedbackIds.add(feedbackId);
      return { errcode: 0, errmsg: 'ok' };
    } catch (e) {
      if (e instanceof Refusal) return { errcode: e.errcode, errmsg: e.errmsg };
      throw e;
    }
  }

  private onFrame(sock: WebSocket, raw: string): void {
    let f: { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };
    try { f = JSON.parse(raw); } catch { sock.close(1003, 'bad frame'); return; }
    const reqId = f.headers?.req_id ?? '';
    if (f.cmd === 'aibot_subscribe') {
      const ok = f.body?.bot_id === this.botId && f.body?.secret === this.secret;
      this.authAttempts.push({ botId: String(f.body?.bot_id ?? ''), ok });
      if (ok) this.authed.add(sock);
      this.answer(sock, reqId, ok ? 0 : 40001, ok ? 'ok' : 'invalid bot_id or secret');
    } else if (!this.authed.has(sock)) {
      sock.close(1008, 'not subscribed');
    } else if (f.cmd === 'ping') {
      this.pings++;
      this.answer(sock, reqId, 0, 'ok');
    } else if (f.cmd && REPLY_CMDS.has(f.cmd)) {
      const body = f.body ?? {};
      const { errcode, errmsg } = this.onReply(f.cmd, reqId, body);
      this.replies.push({ cmd: f.cmd, reqId, body, errcode, errmsg, at: this.clock.now() });
      this.answer(sock, reqId, errcode, errmsg);
    } else {
      this.answer(sock, reqId, 40008, 'unknown cmd');
    }
    this.notify();
  }
}
