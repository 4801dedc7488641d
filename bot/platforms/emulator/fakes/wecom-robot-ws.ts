// A local fake of WeCom's intelligent-robot long connection (platforms.md A3.9), speaking the frames that
// @wecom/aibot-node-sdk 1.0.7 sends and expects (read from its dist/index.cjs.js):
//   client → { cmd: 'aibot_subscribe', headers: { req_id }, body: { bot_id, secret } }   answered { headers, errcode, errmsg }
//   client → { cmd: 'ping', headers: { req_id } }                                        answered { headers, errcode: 0 }
//   server → { cmd: 'aibot_msg_callback' | 'aibot_event_callback', headers: { req_id }, body: { msgid, ... } }
//   client → { cmd: 'aibot_respond_msg' | 'aibot_respond_update_msg' | …, headers: { req_id }, body }  acked likewise.
// Invented where nothing says: a wrong secret gets errcode 40001; a reply on a req_id this fake never pushed, or one
// marked expired, gets 846605 "invalid req_id"; a second template_card on one req_id gets 846605 too.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RobotWsReply { cmd: string; reqId: string; body: Record<string, unknown>; errcode: number }
export interface RobotWsPush { reqId: string; msgId: string; frame: Record<string, unknown> }

const REPLY_CMDS = new Set(['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg', 'aibot_send_msg']);

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

export class WecomRobotWsFake {
  readonly botId: string;
  readonly secret: string;
  /** Every subscribe attempt, good or bad. */
  readonly authAttempts: { botId: string; ok: boolean }[] = [];
  /** Every reply frame received, with the errcode this fake answered. */
  readonly replies: RobotWsReply[] = [];
  pings = 0;
  private wss?: WebSocketServer;
  private readonly authed = new Set<WebSocket>();
  private readonly issued = new Set<string>();
  private readonly expired = new Set<string>();
  private readonly cardAnswered = new Set<string>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(opts: { botId?: string; secret?: string } = {}) {
    this.botId = opts.botId ?? 'aibfakebot000001';
    this.secret = opts.secret ?? 'fake-robot-secret';
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
    const msgId = o.msgId ?? id('msg');
    const reqId = o.reqId ?? id('req');
    const frame = {
      cmd: 'aibot_msg_callback',
      headers: { req_id: reqId },
      body: {
        msgid: msgId, aibotid: this.botId, chattype: o.chatId ? 'group' : 'single', ...(o.chatId ? { chatid: o.chatId } : {}),
        from: { userid: o.from }, create_time: Math.floor(Date.now() / 1000), msgtype: 'text', text: { content: o.content },
      },
    };
    return this.push({ reqId, msgId, frame });
  }

  /** Sends a frame again (WeCom delivering the same message twice) or any hand-made frame. */
  push(p: RobotWsPush): RobotWsPush {
    this.issued.add(p.reqId);
    const text = JSON.stringify(p.frame);
    for (const sock of this.authed) sock.send(text);
    return p;
  }

  /** Later replies on this req_id are refused as WeCom does when it is too old. */
  expire(reqId: string): void { this.expired.add(reqId); }

  repliesTo(reqId: string): RobotWsReply[] { return this.replies.filter((r) => r.reqId === reqId); }

  /** Resolves once `test` holds (checked after every frame), or rejects after timeoutMs. */
  waitFor(test: () => boolean, timeoutMs = 5000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { test, resolve: () => { clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((x) => x !== w); reject(new Error('robot ws fake: timed out waiting')); }, timeoutMs);
      this.waiters.push(w);
    });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private answer(sock: WebSocket, reqId: string, errcode: number, errmsg: string): void {
    sock.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
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
      const isCard = body.msgtype === 'template_card';
      const proactive = f.cmd === 'aibot_send_msg';
      const dead = !proactive && (!this.issued.has(reqId) || this.expired.has(reqId) || (isCard && this.cardAnswered.has(reqId)));
      const errcode = dead ? 846605 : 0;
      if (!dead && isCard) this.cardAnswered.add(reqId);
      this.replies.push({ cmd: f.cmd, reqId, body, errcode });
      this.answer(sock, reqId, errcode, dead ? 'invalid req_id' : 'ok');
    } else {
      this.answer(sock, reqId, 40008, 'unknown cmd');
    }
    this.notify();
  }
}
