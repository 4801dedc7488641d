// WeCom intelligent robot (智能机器人) over its WebSocket long connection (platforms.md A3.9), through the official
// @wecom/aibot-node-sdk: message/event frames → the same Inbound as the /wecom/bot callback → inbox. Each frame's
// req_id is stored as the route its one allowed answer takes (robot-ws-routes.ts); robot-ws-sender.ts sends.
// Knows WeCom's wire format; knows nothing of the CRM.
import { WSClient, type WsFrame, type WSClientOptions } from '@wecom/aibot-node-sdk';
import type { Inbound, Inbox } from '../../core/message.js';
import type { Rendered } from '../../core/platform.js';
import type { RateRule } from '../shared/rate-gate.js';
import { CALLBACK_BODY_LIMIT } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { robotJsonToInbound } from './to-inbound.js';
import { promptDeadline, WS_REPLY_PREFIX, WS_WELCOME_PREFIX, wsUpdateCode } from './robot-ws-routes.js';
import { RobotWsSender } from './robot-ws-sender.js';

export { WS_REPLY_PREFIX, wsReqIdOf } from './robot-ws-routes.js';
/**
 * How long we try to answer on a message frame's req_id. Not documented: third-party clients see 846608 "stream
 * message update expired" after some minutes, so we stay well inside and fall back to the group webhook after 5 min.
 */
export const WS_REPLY_TTL_MS = 5 * 60 * 1000;

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
  /** The robot has heard from this group chat since it started (WeCom pushes only into chats it is in). */
  knowsChat(chatId: string): boolean;
  /** Answer a message on its req_id: text/markdown as one finished stream message, cards as template_card. */
  reply(reqId: string, rendered: Rendered, chat: string): Promise<void>;
  /** Welcome on an enter_chat req_id, refused (window_passed) after `deadline`. */
  welcome(reqId: string, rendered: Rendered, o: { chat: string; deadline: number }): Promise<void>;
  /** Update the tapped card on the tap's req_id, refused (window_passed) after `deadline`. */
  updateCard(reqId: string, rendered: Extract<Rendered, { kind: 'card' }>, o: { chat: string; deadline: number }): Promise<void>;
  /** aibot_send_msg into a conversation; a spent budget is a retryable `robot_quota`. */
  push(chatId: string, rendered: Rendered): Promise<void>;
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

  async function acceptWithRetry(inbound: Inbound): Promise<'accepted' | 'duplicate'> {
    // There is no ack in this protocol, so a failed inbox write cannot ask WeCom to redeliver: try a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        return await opts.inbox.accept(inbound);
      } catch (e) {
        if (attempt >= 2) throw e;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
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
    const inbound = robotJsonToInbound(body as Record<string, unknown>, ctxIn);
    if (!inbound) {
      log.debug({ cmd: frame.cmd, msgtype: (body as { msgtype?: unknown }).msgtype }, 'wecom robot frame ignored');
      return 'dropped';
    }
    if (inbound.address.chatType === 'group' && inbound.address.chatId) knownChats.add(inbound.address.chatId);
    // Same dedupe key as the callback (aibot:<msgid>); the route is this frame's req_id, not a response_url.
    const routed = routeOf(inbound, reqId, now(), ttl);
    const r = await acceptWithRetry(routed);
    log.debug({ eventId: routed.eventId, kind: routed.kind, result: r }, 'wecom robot frame accepted');
    return r;
  }

  const onFrame = (frame: WsFrame) => {
    handleFrame(frame).catch((e: unknown) => log.warn({ err: (e as Error).message, reqId: frame.headers?.req_id }, 'wecom robot frame lost: inbox failed'));
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

  return {
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
    push: (chatId, r) => sender.push(chatId, r),
    async start() {
      setState('connecting');
      client.connect();
    },
    async stop() {
      if (state !== 'idle' && state !== 'closed') client.disconnect();
      setState('closed');
    },
  };
}
