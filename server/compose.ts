// Wires one running chatcrm: platform adapters (when configured), the inbox, the turn handler, the outbox deliverer
// and the Koa app. server/main.ts and the end-to-end tests build the very same stack through this function.
import Router from '@koa/router';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './domain/shared/db.js';
import { createApp, type PlatformJsapi, type PlatformLogin } from './app.js';
import { DomainError } from './domain/shared/domain-error.js';
import { createInbox } from '../bot/core/inbox.js';
import { createHeardChats } from '../bot/core/heard-chats.js';
import { createFeedbackLog } from '../bot/core/feedback-log.js';
import { createTurnHandler } from '../bot/core/turn.js';
import { startReadAhead } from '../bot/understand/read-ahead.js';
import { createDeliverer, type CardRenderer } from '../bot/core/deliver.js';
import type { Inbox, Platform } from '../bot/core/message.js';
import { PlatformError, type PlatformAdapter } from '../bot/core/platform.js';
import { createWecomAdapter, type WecomAdapter, type WecomAdapterOptions } from '../bot/platforms/wecom/adapter.js';
import { createDingtalkAdapter, type DingtalkAdapter, type DingtalkAdapterOptions } from '../bot/platforms/dingtalk/adapter.js';
import { parseGroupWebhookKeys } from '../bot/platforms/wecom/config.js';
import { wecomCardRenderer } from '../bot/platforms/wecom/card-renderer.js';
import { dingtalkCardRenderer } from '../bot/platforms/dingtalk/card-renderer.js';
import { signedEncoder, tryDecodeSigned } from '../cards/action-payload.js';
import { instanceSecret } from './domain/settings/instance-secret.js';
import { startInboxRunner } from './jobs/run-inbox.js';
import { installDomainHooks } from './domain/install-hooks.js';
import { dbTime } from './domain/shared/sql.js';
import { startOutboxDeliverer, type OutboxDelivererOptions } from './jobs/deliver-outbox.js';
import { startWorker, type Worker } from './jobs/worker.js';
import { runApprovalTimers } from './domain/approval/approval-timers.js';
import { Metrics, renderMetrics } from './metrics.js';
import { startBoardPusher } from './jobs/push-leaderboard.js';
import { observedDeliver, observedHandler, observedInbox } from './observe.js';
import { reminderJobsFor, type ReminderJobs, type ReminderJobsOptions } from './jobs/scheduler.js';

export interface ComposeOptions {
  config: Config;
  db: Db;
  log: Logger;
  /** Start the inbox and outbox workers (tests may drive them by hand with drain()). */
  startWorkers?: boolean;
  wecom?: Partial<Omit<WecomAdapterOptions, 'config'>>;
  dingtalk?: Partial<Omit<DingtalkAdapterOptions, 'config'>>;
  outbox?: Partial<Omit<OutboxDelivererOptions, 'db' | 'deliver'>>;
  /** Extra adapters (the local emulator) and their renderers. */
  extraAdapters?: { adapter: PlatformAdapter; render: CardRenderer }[];
  authFailuresPerMinute?: number;
  /** Reminder planner and sender (server/jobs/scheduler.ts). */
  reminders?: Partial<Omit<ReminderJobsOptions, 'db' | 'route'>>;
  /** Routers mounted beside the platform callbacks (the local emulator). */
  extraRouters?: Router[];
  metrics?: Metrics;
}

export interface Stack {
  app: Koa;
  inbox: Inbox;
  adapters: Partial<Record<Platform, PlatformAdapter>>;
  inboxWorker: Worker;
  outboxWorker: Worker;
  reminders: ReminderJobs;
  /** Scheduled group boards and approval step timeouts (due rows, polled). */
  boardPusher: Worker;
  approvalTimers: Worker;
  metrics: Metrics;
  /** Process everything queued until both queues are idle (tests). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Platform login codes → platform user ids, with the platform's refusals turned into our auth errors. */
function platformLogin(adapters: Partial<Record<Platform, PlatformAdapter>>): PlatformLogin {
  const guard = async (platform: string, fn: () => Promise<string | undefined>) => {
    try {
      const id = await fn();
      if (!id) throw new DomainError('unauthenticated', 'auth.not_a_user');
      return id;
    } catch (e) {
      if (e instanceof PlatformError) throw e.retryable ? new DomainError('unavailable', 'auth.platform_unavailable', { platform }) : new DomainError('unauthenticated', 'auth.invalid_code');
      throw e;
    }
  };
  const out: PlatformLogin = {};
  const wecom = adapters.wecom as WecomAdapter | undefined;
  const dingtalk = adapters.dingtalk as DingtalkAdapter | undefined;
  if (wecom) out.wecom = (code, kind) => guard('wecom', async () => (kind === 'miniprogram' ? (await wecom.client.code2Session(code)).userId : (await wecom.client.getUserInfo(code)).userId));
  if (dingtalk) out.dingtalk = (code) => guard('dingtalk', async () => (await dingtalk.client.getUserInfo(code)).userId);
  return out;
}

/** Page signatures for the in-app JS-APIs (WeCom ww.register, DingTalk dd.config), from each platform's client. */
function platformJsapi(adapters: Partial<Record<Platform, PlatformAdapter>>): PlatformJsapi {
  const out: PlatformJsapi = {};
  const wecom = adapters.wecom as WecomAdapter | undefined;
  const dingtalk = adapters.dingtalk as DingtalkAdapter | undefined;
  if (wecom?.client) out.wecom = async (url) => ({ platform: 'wecom', ...(await wecom.client.signJsapi(url)) });
  if (dingtalk?.client) out.dingtalk = async (url) => ({ platform: 'dingtalk', ...(await dingtalk.client.signJsapi(url)) });
  return out;
}

export async function composeServer(o: ComposeOptions): Promise<Stack> {
  const { config, db, log } = o;
  const secret = await instanceSecret(db, config.secret);
  const encodeKey = signedEncoder(secret);
  const urlFor = (path: string) => `${config.publicUrl}/m/#/${path.replace(/^\//, '')}`;
  const adapters: Partial<Record<Platform, PlatformAdapter>> = {};
  const renderers: Partial<Record<Platform, CardRenderer>> = {};

  if (config.wecom) {
    const w = config.wecom;
    adapters.wecom = createWecomAdapter({
      config: { corpId: w.corpId, agentId: w.agentId, secret: w.secret, token: w.token, aesKey: w.aesKey, apiBase: w.apiBase, bot: w.bot, botWs: w.botWs, groupWebhooks: parseGroupWebhookKeys(w.groupWebhookKeys) },
      log, heardChats: createHeardChats(db), feedbackLog: createFeedbackLog(db), ...o.wecom,
    });
    renderers.wecom = wecomCardRenderer({ encodeKey, urlFor });
  }
  if (config.dingtalk) {
    const d = config.dingtalk;
    adapters.dingtalk = createDingtalkAdapter({
      config: { appKey: d.appKey, appSecret: d.appSecret, robotCode: d.robotCode, apiBase: d.apiBase, oapiBase: d.oapiBase, mode: d.mode, defaultCardTemplateId: d.cardTemplateId, corpId: d.corpId, agentId: d.agentId },
      log, ...o.dingtalk,
    });
    renderers.dingtalk = dingtalkCardRenderer({ encodeKey, urlFor, cardTemplateId: d.cardTemplateId });
  }
  for (const extra of o.extraAdapters ?? []) {
    adapters[extra.adapter.platform] = extra.adapter;
    renderers[extra.adapter.platform] = extra.render;
  }

  const readAhead = config.readAheadThread ? startReadAhead({ onError: (e) => log.warn({ err: e }, 'read-ahead thread failed; reading in the turn') }) : undefined;
  const handle = createTurnHandler({
    db, readAhead,
    decodeAction: (key, cardId) => tryDecodeSigned(key, { secret, bind: cardId }) as never,
  });
  const start = o.startWorkers ?? true;
  const metrics = o.metrics ?? new Metrics();
  let inboxWorker: Worker | undefined;
  const inbox = observedInbox(createInbox(db, () => inboxWorker?.poke()), metrics);
  inboxWorker = startInboxRunner({ db, handle: observedHandler(handle, metrics), autoStart: start, onError: (e, row) => log.error({ err: e, inboxId: row?.id }, 'inbox event failed') });
  const outboxWorker = startOutboxDeliverer({
    db, deliver: observedDeliver(createDeliverer({ db, adapters, renderers }), metrics, log, () => db.clock.now().getTime()), autoStart: start,
    onError: (e, row) => log.warn({ err: e, outboxId: row?.id, attempts: row ? row.attempts + 1 : undefined }, 'delivery failed'),
    ...o.outbox,
  });
  // A commit that queued messages wakes the deliverer at once instead of at its next poll.
  if (start) db.onOutbox = () => outboxWorker.poke();

  // Approvals, leaderboard rollups and automations: domain-event hooks in every transaction.
  installDomainHooks(db, { tenants: { wecom: config.wecom?.corpId, dingtalk: config.dingtalk?.appKey } });
  const approvalTimers = startWorker({ name: 'approval-timers', tick: () => runApprovalTimers(db), idleMs: 30_000, onError: (e) => log.error({ err: e }, 'approval timers failed') }, start);
  const boardPusher = startBoardPusher({ db, autoStart: start, onError: (e, id) => log.error({ err: e, boardPushId: id }, 'board push failed') });
  const reminders = reminderJobsFor({ config, db, wecom: o.wecom, autoStart: start, onQueued: () => outboxWorker.poke(), onError: (e) => log.warn({ err: e }, 'reminder failed'), ...o.reminders });
  const router = new Router();
  for (const a of Object.values(adapters)) a?.mount(router, inbox);
  router.get('/metrics', async (ctx) => { ctx.type = 'text/plain; version=0.0.4; charset=utf-8'; ctx.body = await renderMetrics(metrics, db); });
  const app = createApp({ config, db, log, callbackRouters: [router], extraRouters: o.extraRouters, authFailuresPerMinute: o.authFailuresPerMinute, platformLogin: platformLogin(adapters), platformJsapi: platformJsapi(adapters) });
  for (const a of Object.values(adapters)) await a?.start?.(inbox);

  return {
    app, inbox, adapters, inboxWorker, outboxWorker, reminders, boardPusher, approvalTimers, metrics,
    async settle() {
      for (let i = 0; i < 50; i++) {
        await inboxWorker!.drain();
        await outboxWorker.drain();
        const [pendingIn] = await db.ds.query(`SELECT COUNT(*) AS n FROM inbox_event WHERE status IN ('pending', 'processing') AND (available_at IS NULL OR available_at <= ?)`, [dbTime(db, db.clock.now())]);
        if (Number(pendingIn.n) === 0) return;
      }
    },
    async stop() {
      await inboxWorker!.stop();
      await reminders.stop();
      await outboxWorker.stop();
      await boardPusher.stop();
      await approvalTimers.stop();
      for (const a of Object.values(adapters)) await a?.stop?.();
      await readAhead?.close();
    },
  };
}
