// DingTalk Stream mode (platforms.md B4): robot-message and card-callback frames from the official dingtalk-stream
// SDK → Inbound → inbox, acked only once the inbox has the row. Knows DingTalk; knows nothing of the CRM.
import { DWClient, TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Inbox } from '../../core/message.js';
import { CALLBACK_BODY_LIMIT } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { dingtalkToInbound } from './to-inbound.js';
import type { DingtalkEdgeConfig } from './config.js';

export interface DingtalkStreamOptions {
  config: DingtalkEdgeConfig;
  inbox: Inbox;
  log?: EdgeLog;
  now?: () => number;
  /** A ready client (tests build one and feed frames with onDownStream); otherwise one is made from config. */
  client?: DWClient;
  frameLimit?: number;
}

export interface DingtalkStream {
  readonly client: DWClient;
  /** Resolves once the frame is accepted and acked, or dropped; rejects (no ack) when the inbox fails. */
  handleFrame(frame: DWClientDownStream): Promise<'acked' | 'dropped'>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDingtalkStream(opts: DingtalkStreamOptions): DingtalkStream {
  const log = opts.log ?? silentLog;
  const limit = opts.frameLimit ?? CALLBACK_BODY_LIMIT;
  const ctxIn = { tenant: opts.config.tenant ?? opts.config.appKey, now: opts.now };
  const client = opts.client ?? new DWClient({ clientId: opts.config.appKey, clientSecret: opts.config.appSecret, keepAlive: true });

  const ack = (frame: DWClientDownStream, response: unknown) => client.socketCallBackResponse(frame.headers.messageId, response);

  async function handleFrame(frame: DWClientDownStream): Promise<'acked' | 'dropped'> {
    const isCard = frame.headers?.topic === TOPIC_CARD;
    if (typeof frame.data !== 'string' || frame.data.length > limit) {
      // A frame we will never be able to read: ack it so DingTalk stops redelivering it, and drop it.
      log.warn({ messageId: frame.headers?.messageId, size: String(frame.data ?? '').length }, 'dingtalk frame dropped: too large');
      ack(frame, null);
      return 'dropped';
    }
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      log.warn({ messageId: frame.headers?.messageId }, 'dingtalk frame dropped: malformed json');
      ack(frame, null);
      return 'dropped';
    }
    const inbound = data && typeof data === 'object' && !Array.isArray(data) ? dingtalkToInbound(data as Record<string, unknown>, ctxIn) : null;
    if (inbound) await opts.inbox.accept(inbound);
    // Ack after the inbox write, never after the work (layout.md §3.3); an unacked frame comes back in ~60 s.
    ack(frame, isCard ? {} : null);
    return inbound ? 'acked' : 'dropped';
  }

  const listener = (frame: DWClientDownStream) => {
    handleFrame(frame).catch((e: unknown) => log.warn({ err: (e as Error).message, messageId: frame.headers?.messageId }, 'dingtalk frame not acked: inbox failed'));
  };
  client.registerCallbackListener(TOPIC_ROBOT, listener);
  client.registerCallbackListener(TOPIC_CARD, listener);

  // The SDK parses each socket message with an unguarded JSON.parse: a garbled or huge frame would throw out of
  // the socket handler. Guard it here so one bad frame cannot take the process down.
  const original = client.onDownStream.bind(client);
  client.onDownStream = (raw: string) => {
    const text = String(raw);
    if (text.length > limit * 2) {
      log.warn({ size: text.length }, 'dingtalk socket message dropped: too large');
      return;
    }
    try {
      original(text);
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'dingtalk socket message dropped: unreadable');
    }
  };

  return {
    client,
    handleFrame,
    async start() { await client.connect(); },
    async stop() { client.disconnect(); },
  };
}
