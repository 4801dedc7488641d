// WeCom callbacks (app XML at /wecom/callback, intelligent-robot JSON at /wecom/bot) → Inbound → inbox → empty 200.
// A reader's thumbs up/down on a robot answer (feedback_event) is not an Inbound: it goes to the FeedbackLog, read as
// the long connection reads it (receiver-ws.ts), and gets the same empty 200. Knows WeCom's wire format; knows
// nothing of the CRM. No work happens before the ack (platforms.md A1.11).
import type { Router, RouterContext } from '@koa/router';
import type { FeedbackLog, Inbound, Inbox } from '../../core/message.js';
import { BodyTooLarge, CALLBACK_BODY_LIMIT, readRawBody } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { openEnvelope, WecomCryptoError, type CryptoKeys } from './crypto.js';
import { envelopeCiphertext, parseXml, textOf, XmlRejected } from './xml.js';
import { appXmlToInbound, isRobotFeedback, robotJsonToFeedback, robotJsonToInbound, type WecomInboundContext } from './to-inbound.js';
import type { WecomEdgeConfig } from './config.js';

export interface WecomRoutesOptions {
  config: WecomEdgeConfig;
  inbox: Inbox;
  log?: EdgeLog;
  now?: () => number;
  /** Defaults to 64 KB. */
  bodyLimit?: number;
  /** Where readers' feedback on the robot's answers is recorded; without it feedback callbacks are acked and dropped. */
  feedback?: FeedbackLog;
}

class Reject extends Error {
  constructor(readonly status: number, readonly reason: string) { super(reason); }
}

interface SignedQuery { signature: string; timestamp: string; nonce: string }

function signedQuery(ctx: RouterContext): SignedQuery {
  const q = new URLSearchParams(ctx.querystring);
  const signature = q.get('msg_signature') ?? '';
  const timestamp = q.get('timestamp') ?? '';
  const nonce = q.get('nonce') ?? '';
  if (!signature || !timestamp || !nonce) throw new Reject(401, 'missing signature');
  return { signature, timestamp, nonce };
}

function cryptoStatus(e: WecomCryptoError): Reject {
  if (e.reason === 'bad_signature') return new Reject(401, 'bad signature');
  if (e.reason === 'bad_receive_id') return new Reject(403, 'wrong receive id');
  return new Reject(400, 'undecryptable');
}

function open(keys: CryptoKeys, q: SignedQuery, encrypted: string): string {
  try {
    return openEnvelope(keys, q, encrypted);
  } catch (e) {
    if (e instanceof WecomCryptoError) throw cryptoStatus(e);
    throw e;
  }
}

/** URL verification (A1.2): answer the bare decrypted echostr, nothing else. */
function verifyUrl(keys: CryptoKeys, log: EdgeLog) {
  return (ctx: RouterContext) => {
    try {
      const q = signedQuery(ctx);
      // Base64 has no spaces: a space can only be a '+' decoded once too often on the way here.
      const echostr = (new URLSearchParams(ctx.querystring).get('echostr') ?? '').replace(/ /g, '+');
      if (!echostr) throw new Reject(400, 'missing echostr');
      ctx.type = 'text/plain';
      ctx.body = open(keys, q, echostr);
    } catch (e) {
      answerRejected(ctx, e, log);
    }
  };
}

function answerRejected(ctx: RouterContext, e: unknown, log: EdgeLog): void {
  if (e instanceof Reject) {
    log.warn({ path: ctx.path, status: e.status, reason: e.reason }, 'wecom callback rejected');
    ctx.status = e.status;
    ctx.body = '';
    if (e.status === 413) ctx.set('Connection', 'close');
    return;
  }
  throw e;
}

async function body(ctx: RouterContext, limit: number): Promise<string> {
  try {
    return (await readRawBody(ctx.req, limit)).toString('utf8');
  } catch (e) {
    if (e instanceof BodyTooLarge) throw new Reject(413, 'body too large');
    throw e;
  }
}

/** An empty 200 tells WeCom "received, nothing to say now" and stops its retries (A1.11). */
function ackEmpty(ctx: RouterContext): void {
  ctx.status = 200;
  ctx.body = '';
}

async function acceptAndAck(ctx: RouterContext, inbound: Inbound | null, inbox: Inbox, log: EdgeLog): Promise<void> {
  if (inbound) {
    // The one thing the ack waits for: the inbox row is committed or found to be a duplicate.
    const r = await inbox.accept(inbound);
    log.debug({ eventId: inbound.eventId, kind: inbound.kind, result: r }, 'wecom inbound accepted');
  }
  ackEmpty(ctx);
}

/**
 * A robot feedback_event: stored once per aibot:<msgid> (the FeedbackLog's unique key turns WeCom's redelivery into a
 * duplicate), no inbox row, no turn, and nothing but the empty 200 back: feedback takes no answer.
 */
async function recordFeedbackAndAck(ctx: RouterContext, event: Record<string, unknown>, ctxIn: WecomInboundContext, feedback: FeedbackLog | undefined, log: EdgeLog): Promise<void> {
  const fb = robotJsonToFeedback(event, ctxIn);
  if (!fb) {
    log.debug({ msgid: event.msgid }, 'wecom robot feedback ignored: fields missing');
  } else if (feedback) {
    // Like the inbox row, the ack waits for the write: if it fails the 500 makes WeCom deliver the event again.
    const r = await feedback.record(fb);
    log.debug({ eventId: fb.eventId, rating: fb.rating, result: r }, 'wecom robot feedback recorded');
  }
  ackEmpty(ctx);
}

/** Mounts GET/POST /wecom/callback, and GET/POST /wecom/bot when robot keys are configured. */
export function wecomRoutes(router: Router, opts: WecomRoutesOptions): void {
  const { config, inbox, feedback } = opts;
  const log = opts.log ?? silentLog;
  const limit = opts.bodyLimit ?? CALLBACK_BODY_LIMIT;
  const ctxIn = { tenant: config.tenant ?? config.corpId, now: opts.now };
  const appKeys: CryptoKeys = { token: config.token, aesKey: config.aesKey, receiveId: config.corpId };

  router.get('/wecom/callback', verifyUrl(appKeys, log));
  router.post('/wecom/callback', async (ctx) => {
    try {
      const q = signedQuery(ctx);
      const raw = await body(ctx, limit);
      let encrypted: string | undefined;
      try {
        encrypted = envelopeCiphertext(raw);
      } catch (e) {
        if (e instanceof XmlRejected) throw new Reject(400, e.message);
        throw e;
      }
      if (!encrypted) throw new Reject(400, 'no Encrypt');
      const plain = open(appKeys, q, encrypted);
      let fields;
      try {
        fields = parseXml(plain);
      } catch (e) {
        if (e instanceof XmlRejected) throw new Reject(400, e.message);
        throw e;
      }
      await acceptAndAck(ctx, appXmlToInbound(fields, ctxIn), inbox, log);
    } catch (e) {
      answerRejected(ctx, e, log);
    }
  });

  if (!config.bot) return;
  // The intelligent robot signs and encrypts like the app, but its receive id is empty.
  const botKeys: CryptoKeys = { token: config.bot.token, aesKey: config.bot.aesKey, receiveId: '' };
  router.get('/wecom/bot', verifyUrl(botKeys, log));
  router.post('/wecom/bot', async (ctx) => {
    try {
      const q = signedQuery(ctx);
      const raw = await body(ctx, limit);
      const outer = parseJsonObject(raw);
      const encrypted = typeof outer.encrypt === 'string' ? outer.encrypt : undefined;
      if (!encrypted) throw new Reject(400, 'no encrypt');
      const inner = parseJsonObject(open(botKeys, q, encrypted));
      if (isRobotFeedback(inner)) await recordFeedbackAndAck(ctx, inner, ctxIn, feedback, log);
      else await acceptAndAck(ctx, robotJsonToInbound(inner, ctxIn), inbox, log);
    } catch (e) {
      answerRejected(ctx, e, log);
    }
  });
}

function parseJsonObject(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Reject(400, 'malformed json');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Reject(400, 'json is not an object');
  return v as Record<string, unknown>;
}
