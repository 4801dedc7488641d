// The DingTalk PlatformAdapter: HTTP route and Stream socket in, robot sends and card instances out. Chooses the
// DingTalk channel for an Address (live sessionWebhook first: it costs no API quota). Knows no CRM.
import type { Router } from '@koa/router';
import type { Address, CardHandle, Inbox, SentHandle } from '../../core/message.js';
import { PlatformError, type PlatformAdapter, type Rendered, type SendOptions } from '../../core/platform.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { DingtalkClient, type DingtalkClientOptions } from './client.js';
import type { DingtalkEdgeConfig } from './config.js';
import { dingtalkRoutes } from './receiver-http.js';
import { createDingtalkStream, type DingtalkStream } from './receiver-stream.js';

export interface DingtalkAdapterOptions {
  config: DingtalkEdgeConfig;
  client?: DingtalkClient;
  clientOptions?: Omit<DingtalkClientOptions, 'config'>;
  log?: EdgeLog;
  now?: () => number;
  /** Stream-mode transport override (tests pass one built on a DWClient they feed by hand). */
  stream?: (inbox: Inbox) => DingtalkStream;
}

export interface DingtalkAdapter extends PlatformAdapter { readonly client: DingtalkClient }

type Card = Extract<Rendered, { kind: 'card' }>;
/** Do not start a reply on a webhook that is about to die. */
const WEBHOOK_SAFETY_MS = 60_000;

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '').replace(/^[#>*\s-]+/, '').slice(0, 64) || '-';
}

function toParamMap(card: Record<string, unknown>): Record<string, string> {
  // cardParamMap values are strings (B5.1); nested values travel as JSON text.
  // The renderer hands over the whole instance body (cards/render/dingtalk.ts): its params sit in cardData.cardParamMap.
  const src = (card.cardParamMap ?? (card.cardData as { cardParamMap?: unknown } | undefined)?.cardParamMap ?? card) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'cardTemplateId' || k === 'privateData') continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

export function createDingtalkAdapter(opts: DingtalkAdapterOptions): DingtalkAdapter {
  const { config } = opts;
  const log = opts.log ?? silentLog;
  const now = opts.now ?? Date.now;
  const client = opts.client ?? new DingtalkClient({ config, now, log, ...opts.clientOptions });
  let stream: DingtalkStream | undefined;

  // `opts.push` reaches the group gate only: 1:1 robot sends have no gate on our side (DingTalk flow-controls them).
  async function sendMessage(to: Address, r: Exclude<Rendered, Card>, opts?: SendOptions): Promise<SentHandle> {
    const group = to.chatType === 'group';
    if (to.replyUrl && (to.replyUrlExpiresAt ?? 0) > now() + WEBHOOK_SAFETY_MS) {
      const body = r.kind === 'text'
        ? { msgtype: 'text', text: { content: r.text } }
        : { msgtype: 'markdown', markdown: { title: r.title ?? firstLine(r.text), text: r.text } };
      try {
        await client.replyViaWebhook(to.replyUrl, body, group ? to.chatId : undefined, opts);
        return { platform: 'dingtalk' };
      } catch (e) {
        if (!(e instanceof PlatformError) || e.retryable) throw e;
        log.info({ code: e.code }, 'sessionWebhook refused; falling back to the robot API');
      }
    }
    const [msgKey, msgParam] = r.kind === 'text'
      ? ['sampleText', { content: r.text }]
      : ['sampleMarkdown', { title: r.title ?? firstLine(r.text), text: r.text }];
    if (group) {
      if (!to.chatId) throw new PlatformError('dingtalk', 'no_route', 'group address has no chat', false);
      const res = await client.sendToGroup(to.chatId, msgKey, msgParam, opts);
      return { platform: 'dingtalk', messageId: res.processQueryKey };
    }
    const userId = to.userId;
    if (!userId) throw new PlatformError('dingtalk', 'no_route', 'address has no user', false);
    const res = await client.sendToUser(userId, msgKey, msgParam);
    return { platform: 'dingtalk', messageId: res.processQueryKey };
  }

  async function sendCard(to: Address, r: Card, opts?: SendOptions): Promise<SentHandle> {
    const templateId = r.templateId ?? (typeof r.card.cardTemplateId === 'string' ? r.card.cardTemplateId : config.defaultCardTemplateId);
    if (!templateId) throw new PlatformError('dingtalk', 'config', 'no card template id', false);
    const target = to.chatType === 'group' ? (to.chatId ? { group: to.chatId } : undefined) : (to.userId ? { userId: to.userId } : undefined);
    if (!target) throw new PlatformError('dingtalk', 'no_route', 'address has no user or chat', false);
    await client.createAndDeliverCard({
      outTrackId: r.cardId, cardTemplateId: templateId, cardParamMap: toParamMap(r.card),
      privateData: r.card.privateData as Record<string, unknown> | undefined, target,
      callbackType: config.cardCallbackType ?? (config.mode === 'stream' ? 'STREAM' : 'HTTP'),
    }, opts);
    return { platform: 'dingtalk', cardId: r.cardId };
  }

  return {
    platform: 'dingtalk',
    client,
    mount(router: Router, inbox: Inbox) {
      // Mounted in both modes: cards choose their callback transport per card (B5.1).
      dingtalkRoutes(router, { config, inbox, log, now });
    },
    async start(inbox: Inbox) {
      if (config.mode !== 'stream') return;
      stream = opts.stream ? opts.stream(inbox) : createDingtalkStream({ config, inbox, log, now });
      await stream.start();
    },
    async stop() {
      await stream?.stop();
      stream = undefined;
    },
    send(to, rendered, opts) {
      return rendered.kind === 'card' ? sendCard(to, rendered, opts) : sendMessage(to, rendered, opts);
    },
    async updateCard(handle: SentHandle | CardHandle, _to: Address, rendered: Card) {
      const outTrackId = handle.cardId ?? rendered.cardId;
      if (!outTrackId) throw new PlatformError('dingtalk', 'no_card_id', 'card handle has no outTrackId', false);
      await client.updateCard(outTrackId, toParamMap(rendered.card), rendered.card.privateData as Record<string, unknown> | undefined);
    },
  };
}
