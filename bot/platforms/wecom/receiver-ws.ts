// WeCom intelligent robot (智能机器人) over its WebSocket long connection (platforms.md A3.9), through the official
// @wecom/aibot-node-sdk: message/event frames → the same Inbound as the /wecom/bot callback → inbox. Replies go back
// over the socket with the frame's req_id, which the Address carries as `replyUrl: "ws:<req_id>"`.
// Knows WeCom's wire format; knows nothing of the CRM.
import { randomUUID } from 'node:crypto';
import { WSClient, type WsFrame, type WSClientOptions } from '@wecom/aibot-node-sdk';
import type { Inbound, Inbox } from '../../core/message.js';
import { PlatformError, type Rendered } from '../../core/platform.js';
import { CALLBACK_BODY_LIMIT } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { robotJsonToInbound } from './to-inbound.js';

/** Reply routes this receiver hands out look like `ws:<req_id>`. */
export const WS_REPLY_PREFIX = 'ws:';
/**
 * How long we try to answer on a frame's req_id. Not documented: third-party clients see 846608 "stream message
 * update expired" after some minutes, so we stay well inside and fall back to the group webhook after 5 min.
 */
export const WS_REPLY_TTL_MS = 5 * 60 * 1000;
/** errcodes on a reply ack that mean "this req_id cannot be answered any more" (platforms.md A3.9). */
const DEAD_REQ_ID = new Set([846605, 846608]);

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
}

export interface WecomRobotWs {
  readonly client: WSClient;
  readonly state: RobotWsState;
  /** The last connection or authentication error, for health checks and tests. */
  readonly lastError?: string;
  /** Resolves when the connection is authenticated or authentication has failed (whichever comes first). */
  settled(): Promise<RobotWsState>;
  /** Frame → inbox. Exposed for tests; the SDK's message/event listeners call it. */
  handleFrame(frame: WsFrame): Promise<'accepted' | 'duplicate' | 'dropped'>;
  /** Answer on a req_id: text/markdown as one finished stream message, cards as template_card. */
  reply(reqId: string, rendered: Rendered): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `ws:<req_id>` → req_id, or undefined for any other reply route. */
export function wsReqIdOf(replyUrl: string | undefined): string | undefined {
  return replyUrl?.startsWith(WS_REPLY_PREFIX) ? replyUrl.slice(WS_REPLY_PREFIX.length) || undefined : undefined;
}

/** The SDK rejects a reply with the ack frame itself (errcode ≠ 0), or with an Error (timeout, not connected). */
function replyError(e: unknown): PlatformError {
  if (e && typeof e === 'object' && 'errcode' in e) {
    const code = Number((e as { errcode: unknown }).errcode);
    const msg = String((e as { errmsg?: unknown }).errmsg ?? 'reply refused');
    // A dead req_id never comes back; anything else may be a passing server problem.
    return new PlatformError('wecom', code, msg, !DEAD_REQ_ID.has(code));
  }
  const msg = e instanceof Error ? e.message : String(e);
  // Not connected: the req_id may still be good after the SDK reconnects. Ack timeout: it may have been delivered,
  // and the SDK's own note says the req_id is released after a timeout; the adapter treats both as retryable.
  return new PlatformError('wecom', /ack timeout/i.test(msg) ? 'timeout' : 'network', msg, true);
}

function sdkLogger(log: EdgeLog): NonNullable<WSClientOptions['logger']> {
  const line = (level: 'debug' | 'info' | 'warn') => (message: string, ...args: unknown[]) =>
    log[level]({ sdk: 'aibot', args: args.length ? args.map(String) : undefined }, message);
  // The SDK's debug lines print whole message bodies: keep them at debug.
  return { debug: line('debug'), info: line('debug'), warn: line('warn'), error: line('warn') };
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
    // Same dedupe key as the callback (aibot:<msgid>); the reply route is this frame's req_id, not a response_url.
    const routed: Inbound = { ...inbound, address: { ...inbound.address, replyUrl: `${WS_REPLY_PREFIX}${reqId}`, replyUrlExpiresAt: now() + ttl } };
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

  async function reply(reqId: string, r: Rendered): Promise<void> {
    const frame = { headers: { req_id: reqId } };
    try {
      if (r.kind === 'card') await client.replyTemplateCard(frame, { ...r.card, task_id: r.cardId } as never);
      // aibot_respond_msg takes stream or template_card; a finished stream is a plain markdown answer.
      else await client.replyStream(frame, randomUUID(), r.text, true);
    } catch (e) {
      throw replyError(e);
    }
  }

  return {
    client,
    get state() { return state; },
    get lastError() { return lastError; },
    settled() {
      if (state === 'authenticated' || state === 'auth_failed' || state === 'closed') return Promise.resolve(state);
      return new Promise((resolve) => waiters.push(resolve));
    },
    handleFrame,
    reply,
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
