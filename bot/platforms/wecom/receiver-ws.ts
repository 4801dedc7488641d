// WeCom intelligent robot (智能机器人) over its WebSocket long connection (platforms.md A3.9), through the official
// @wecom/aibot-node-sdk: message/event frames → the same Inbound as the /wecom/bot callback → inbox. Each frame's
// req_id is stored as the route its one allowed answer takes (robot-ws-routes.ts); robot-ws-sender.ts sends.
// Also remembers which groups the robot has heard from (it can push only into those; kept across restarts through
// the HeardChats port) and records readers' thumbs up/down on its answers (feedback_event) through the FeedbackLog
// port, answering nothing. Knows WeCom's wire format; knows nothing of the CRM.
import { WSClient, type WsFrame, type WSClientOptions } from '@wecom/aibot-node-sdk';
import type { FeedbackLog, HeardChats, Inbound, Inbox } from '../../core/message.js';
import { PlatformError, type Rendered, type SendOptions } from '../../core/platform.js';
import type { RateRule } from '../shared/rate-gate.js';
import { CALLBACK_BODY_LIMIT } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { isRobotFeedback, robotJsonToFeedback, robotJsonToInbound } from './to-inbound.js';
import { promptDeadline, WS_REPLY_PREFIX, WS_WELCOME_PREFIX, wsUpdateCode } from './robot-ws-routes.js';
import { isNotInChat, RobotWsSender } from './robot-ws-sender.js';

export { WS_REPLY_PREFIX, wsReqIdOf } from './robot-ws-routes.js';
/**
 * How long we try to answer on a message frame's req_id. Not documented: third-party clients see 846608 "stream
 * message update expired" after some minutes, so we stay well inside and fall back to the group webhook after 5 min.
 */
export const WS_REPLY_TTL_MS = 5 * 60 * 1000;
/**
 * A group that keeps talking has its heard time written again after this long, not on every message: a day is
 * precise enough to tell live groups from silent ones, and costs one write a day per group.
 */
export const HEARD_REFRESH_MS = 24 * 3_600_000;

export type RobotWsState = 'idle' | 'connecting' | 'authenticated' | 'auth_failed' | 'closed';

/** Transport knobs (tests point wsUrl at bot/platforms/emulator/fakes/wecom-robot-ws.ts). */
export type RobotWsTransport = Pick<WSClientOptions, 'wsUrl' | 'reconnectInterval' | 'maxReconnectAttempts' | 'maxAuthFailureAttempts' | 'heartbeatInterval'>;

export interface WecomRobotWsOptions {
  botId: string;
  secret: string;
  /** Our tenant id for this corp. */
  tenant: string;
  inbox: Inbox;
  log?: EdgeLog;
  now?: () => number;
  transport?: RobotWsTransport;
  frameLimit?: number;
  replyTtlMs?: number;
  /** The robot's send limits and how to wait for them (tests move a fake clock). */
  gate?: RobotWsGateOptions;
  /** Where the groups heard from are kept across restarts; without it they are known only until the process ends. */
  heardChats?: HeardChats;
  /** Where readers' feedback on answers is recorded; without it feedback events are dropped. */
  feedback?: FeedbackLog;
}

export interface RobotWsGateOptions { sleep?: (ms: number) => Promise<void>; chatLimits?: RateRule[]; pushLimits?: RateRule[]; pushMaxWaitMs?: number }

export interface WecomRobotWs {
  readonly client: WSClient;
  readonly state: RobotWsState;
  /** The last connection or authentication error, for health checks and tests. */
  readonly lastError?: string;
  /** Resolves when the connection is authenticated or authentication has failed (whichever comes first). */
  settled(): Promise<RobotWsState>;
  /** Frame → inbox. Exposed for tests; the SDK's message/event listeners call it. */
  handleFrame(frame: WsFrame): Promise<'accepted' | 'duplicate' | 'dropped'>;
  /** Authenticated now: replies and pushes can go out. */
  readonly connected: boolean;
  /**
   * The robot has heard from this group chat, in this process or (with heardChats) before it; WeCom pushes only
   * into chats it is in, and a push refused for that reason forgets the chat.
   */
  knowsChat(chatId: string): boolean;
  /** Answer a message on its req_id: text/markdown as one finished stream message, cards as template_card. */
  reply(reqId: string, rendered: Rendered, chat: string): Promise<void>;
  /** Welcome on an enter_chat req_id, refused (window_passed) after `deadline`. */
  welcome(reqId: string, rendered: Rendered, o: { chat: string; deadline: number }): Promise<void>;
  /** Update the tapped card on the tap's req_id, refused (window_passed) after `deadline`. */
  updateCard(reqId: string, rendered: Extract<Rendered, { kind: 'card' }>, o: { chat: string; deadline: number }): Promise<void>;
  /**
   * aibot_send_msg into a conversation (a push, or an answer whose req_id is gone); a spent budget is a retryable
   * `robot_quota`.
   */
  push(chatId: string, rendered: Rendered, opts?: SendOptions): Promise<void>;
  /** Loads the groups heard from before, then connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function sdkLogger(log: EdgeLog): NonNullable<WSClientOptions['logger']> {
  const line = (level: 'debug' | 'info' | 'warn') => (message: string, ...args: unknown[]) =>
    log[level]({ sdk: 'aibot', args: args.length ? args.map(String) : undefined }, message);
  // The SDK's debug lines print whole message bodies: keep them at debug.
  return { debug: line('debug'), info: line('debug'), warn: line('warn'), error: line('warn') };
}

/**
 * Where the one answer a frame allows goes (doc 101031): a message is answered on its req_id for a few minutes; an
 * enter_chat gets a welcome within 5 s; a tap allows only a card update within 5 s, so other answers to a tap take
 * the chat's other routes (its response_url if the frame had one, else a push or the app).
 */
function routeOf(inbound: Inbound, reqId: string, arrivedAt: number, ttl: number): Inbound {
  if (inbound.kind === 'event' && inbound.event === 'enter') {
    return { ...inbound, address: { ...inbound.address, replyUrl: `${WS_WELCOME_PREFIX}${reqId}`, replyUrlExpiresAt: promptDeadline(arrivedAt) } };
  }
  if (inbound.kind === 'card_action') {
    return { ...inbound, handle: { ...inbound.handle, responseCode: wsUpdateCode(reqId, promptDeadline(arrivedAt)) } };
  }
  return { ...inbound, address: { ...inbound.address, replyUrl: `${WS_REPLY_PREFIX}${reqId}`, replyUrlExpiresAt: arrivedAt + ttl } };
}

export function createWecomRobotWs(opts: WecomRobotWsOptions): WecomRobotWs {
  const log = opts.log ?? silentLog;
  const now = opts.now ?? Date.now;
  const limit = opts.frameLimit ?? CALLBACK_BODY_LIMIT;
  const ttl = opts.replyTtlMs ?? WS_REPLY_TTL_MS;
  const ctxIn = { tenant: opts.tenant, now };
  const client = new WSClient({
    botId: opts.botId, secret: opts.secret, logger: sdkLogger(log),
    ...opts.transport,
  });
  const sender = new RobotWsSender({ client, now, ...opts.gate });
  /** Group chats heard from; a handful per company, so kept without bound. */
  const knownChats = new Set<string>();
  /** When each known chat's heard time was last written to heardChats (absent: not written yet, or it failed). */
  const heardWritten = new Map<string, number>();

  let state: RobotWsState = 'idle';
  let lastError: string | undefined;
  let waiters: ((s: RobotWsState) => void)[] = [];
  const setState = (s: RobotWsState) => {
    state = s;
    if (s === 'authenticated' || s === 'auth_failed' || s === 'closed') {
      const w = waiters;
      waiters = [];
      for (const f of w) f(s);
    }
  };

  async function withRetry<T>(write: () => Promise<T>): Promise<T> {
    // There is no ack in this protocol, so a failed write cannot ask WeCom to redeliver: try a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (e) {
        if (attempt >= 2) throw e;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  /** Known at once; written to heardChats when new and then at most every HEARD_REFRESH_MS. Never throws. */
  async function hearFrom(chatId: string): Promise<void> {
    knownChats.add(chatId);
    const at = now();
    const written = heardWritten.get(chatId);
    if (!opts.heardChats || (written !== undefined && at - written < HEARD_REFRESH_MS)) return;
    heardWritten.set(chatId, at);
    try {
      await opts.heardChats.heard('wecom', chatId, new Date(at));
    } catch (e) {
      // The next frame from this group tries again; meanwhile the group is known in this process.
      heardWritten.delete(chatId);
      log.warn({ err: (e as Error).message, chatId }, 'wecom robot: could not remember a group it heard from');
    }
  }

  async function forgetChat(chatId: string): Promise<void> {
    knownChats.delete(chatId);
    heardWritten.delete(chatId);
    log.info({ chatId }, 'wecom robot is not in this group (any more): pushes there take the webhook');
    try {
      await opts.heardChats?.forget('wecom', chatId);
    } catch (e) {
      log.warn({ err: (e as Error).message, chatId }, 'wecom robot: could not forget a group it left');
    }
  }

  async function loadHeardChats(): Promise<void> {
    if (!opts.heardChats) return;
    try {
      for (const c of await opts.heardChats.load('wecom')) {
        knownChats.add(c.chatId);
        heardWritten.set(c.chatId, c.heardAt.getTime());
      }
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'wecom robot: groups heard from before not loaded; they push by webhook until they speak again');
    }
  }

  /** A thumbs up/down on an answer: recorded once, answered with nothing (its req_id takes no answer). */
  async function recordFeedback(body: Record<string, unknown>, reqId: string): Promise<'accepted' | 'duplicate' | 'dropped'> {
    const fb = robotJsonToFeedback(body, ctxIn);
    if (!fb) {
      log.debug({ reqId }, 'wecom robot feedback dropped: fields missing');
      return 'dropped';
    }
    if (fb.chatType === 'group') await hearFrom(fb.chatId);
    if (!opts.feedback) return 'dropped';
    const r = await withRetry(() => opts.feedback!.record(fb));
    log.debug({ eventId: fb.eventId, rating: fb.rating, result: r }, 'wecom robot feedback recorded');
    return r === 'recorded' ? 'accepted' : 'duplicate';
  }

  async function handleFrame(frame: WsFrame): Promise<'accepted' | 'duplicate' | 'dropped'> {
    const reqId = frame.headers?.req_id;
    const body = frame.body as unknown;
    if (!reqId || !body || typeof body !== 'object' || Array.isArray(body)) {
      log.warn({ cmd: frame.cmd }, 'wecom robot frame dropped: no req_id or body');
      return 'dropped';
    }
    if (JSON.stringify(body).length > limit) {
      log.warn({ cmd: frame.cmd, reqId }, 'wecom robot frame dropped: too large');
      return 'dropped';
    }
    if (isRobotFeedback(body as Record<string, unknown>)) return recordFeedback(body as Record<string, unknown>, reqId);
    const inbound = robotJsonToInbound(body as Record<string, unknown>, ctxIn);
    if (!inbound) {
      log.debug({ cmd: frame.cmd, msgtype: (body as { msgtype?: unknown }).msgtype }, 'wecom robot frame ignored');
      return 'dropped';
    }
    if (inbound.address.chatType === 'group' && inbound.address.chatId) await hearFrom(inbound.address.chatId);
    // Same dedupe key as the callback (aibot:<msgid>); the route is this frame's req_id, not a response_url.
    const routed = routeOf(inbound, reqId, now(), ttl);
    const r = await withRetry(() => opts.inbox.accept(routed));
    log.debug({ eventId: routed.eventId, kind: routed.kind, result: r }, 'wecom robot frame accepted');
    return r;
  }

  // Through the returned object, so a test can watch each frame being handled.
  const onFrame = (frame: WsFrame) => {
    ws.handleFrame(frame).catch((e: unknown) => log.warn({ err: (e as Error).message, reqId: frame.headers?.req_id }, 'wecom robot frame lost: storing it failed'));
  };
  client.on('message', onFrame);
  client.on('event', (frame) => {
    if (frame.body?.event?.eventtype === 'disconnected_event') {
      log.warn({}, 'wecom robot connection replaced by a newer one (another instance with the same bot id?)');
      return;
    }
    onFrame(frame);
  });
  client.on('authenticated', () => { lastError = undefined; setState('authenticated'); log.info({}, 'wecom robot long connection authenticated'); });
  client.on('disconnected', (reason) => { if (state === 'authenticated') setState('connecting'); log.info({ reason }, 'wecom robot long connection closed'); });
  client.on('error', (e: Error) => {
    lastError = e.message;
    if (/^Authentication failed/.test(e.message) || (e as { code?: string }).code === 'WS_AUTH_FAILURE_EXHAUSTED') {
      log.warn({ err: e.message }, 'wecom robot long connection: authentication failed (check WECOM_BOT_ID / WECOM_BOT_SECRET)');
      setState('auth_failed');
      return;
    }
    log.warn({ err: e.message }, 'wecom robot long connection error');
  });

  const ws: WecomRobotWs = {
    client,
    get state() { return state; },
    get lastError() { return lastError; },
    get connected() { return state === 'authenticated' && client.isConnected; },
    knowsChat: (chatId) => knownChats.has(chatId),
    settled() {
      if (state === 'authenticated' || state === 'auth_failed' || state === 'closed') return Promise.resolve(state);
      return new Promise((resolve) => waiters.push(resolve));
    },
    handleFrame,
    reply: (reqId, r, chat) => sender.reply(reqId, r, chat),
    welcome: (reqId, r, o) => sender.welcome(reqId, r, o),
    updateCard: (reqId, r, o) => sender.updateCard(reqId, r, o),
    async push(chatId, r, opts) {
      try {
        await sender.push(chatId, r, opts);
      } catch (e) {
        if (e instanceof PlatformError && isNotInChat(e)) await forgetChat(chatId);
        throw e;
      }
    },
    async start() {
      await loadHeardChats();
      setState('connecting');
      client.connect();
    },
    async stop() {
      if (state !== 'idle' && state !== 'closed') client.disconnect();
      setState('closed');
    },
  };
  return ws;
}
