// The WeCom PlatformAdapter: routes in (receiver.ts), sends and card updates out (client.ts). Chooses the WeCom
// channel for an Address: app message 1:1, robot response_url, robot long-connection answer (robot-ws-routes.ts),
// robot push or group-robot webhook for groups. Starts the robot long connection when WECOM_BOT_ID/SECRET are set.
// Knows no CRM.
import type { Router } from '@koa/router';
import type { Address, CardHandle, FeedbackLog, HeardChats, Inbox, SentHandle } from '../../core/message.js';
import { PlatformError, type PlatformAdapter, type Rendered, type SendOptions } from '../../core/platform.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { WecomClient, type WecomClientOptions } from './client.js';
import type { WecomEdgeConfig } from './config.js';
import { wecomRoutes } from './receiver.js';
import { createWecomRobotWs, type RobotWsGateOptions, type RobotWsTransport, type WecomRobotWs } from './receiver-ws.js';
import { wsReqIdOf, wsUpdateOf, wsWelcomeReqIdOf } from './robot-ws-routes.js';

export interface WecomAdapterOptions {
  config: WecomEdgeConfig;
  client?: WecomClient;
  clientOptions?: Omit<WecomClientOptions, 'config'>;
  log?: EdgeLog;
  now?: () => number;
  /** Robot long-connection transport (wsUrl, reconnect/auth retry knobs); used only when config.botWs is set. */
  robotWs?: RobotWsTransport;
  /** Robot send limits and how to wait for them (tests move a fake clock). */
  robotGate?: RobotWsGateOptions;
  /** Keeps the groups the robot heard from across restarts (server/compose.ts passes the database's). */
  heardChats?: HeardChats;
  /** Records readers' thumbs up/down on the robot's answers, from the long connection and the /wecom/bot callback. */
  feedbackLog?: FeedbackLog;
}

export interface WecomAdapter extends PlatformAdapter {
  readonly client: WecomClient;
  /** The robot long connection, while started. */
  readonly robotWs: WecomRobotWs | undefined;
}

type Card = Extract<Rendered, { kind: 'card' }>;

function robotBody(r: Rendered): Record<string, unknown> {
  // The robot's response_url takes markdown and template_card only (doc 101138). No feedback.id as on the socket's
  // answers: nothing we have says this route takes one (NOTES.md, Feedback).
  if (r.kind === 'card') return { msgtype: 'template_card', template_card: { ...r.card, task_id: r.cardId } };
  return { msgtype: 'markdown', markdown: { content: r.text } };
}

function webhookBody(r: Rendered): Record<string, unknown> {
  if (r.kind === 'text') return { msgtype: 'text', text: { content: r.text } };
  if (r.kind === 'markdown') return { msgtype: 'markdown', markdown: { content: r.text } };
  return { msgtype: 'template_card', template_card: { ...r.card, task_id: r.cardId } };
}

export function createWecomAdapter(opts: WecomAdapterOptions): WecomAdapter {
  const { config } = opts;
  const log = opts.log ?? silentLog;
  const now = opts.now ?? Date.now;
  const client = opts.client ?? new WecomClient({ config, now, log, ...opts.clientOptions });
  // response_url works once (doc 101138); remember which ones this process has spent.
  // The same rule for a long-connection req_id: one answer per inbound message (a template_card reply is once only).
  const spentReplyUrls = new Set<string>();
  let robotWs: WecomRobotWs | undefined;

  /** Answers on the robot socket when the address carries a live, unspent req_id; false when it does not apply. */
  async function replyOverSocket(to: Address, r: Rendered, fallback: boolean): Promise<boolean> {
    const reqId = wsReqIdOf(to.replyUrl);
    if (!reqId || !robotWs || spentReplyUrls.has(to.replyUrl!) || (to.replyUrlExpiresAt ?? 0) <= now()) return false;
    spentReplyUrls.add(to.replyUrl!);
    try {
      await robotWs.reply(reqId, r, to.chatId ?? to.userId ?? reqId);
      return true;
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e;
      // Retryable (socket down, ack timeout): give the req_id back so the outbox's next try can use it again.
      if (e.retryable) { spentReplyUrls.delete(to.replyUrl!); throw e; }
      if (!fallback) throw e;
      log.info({ code: e.code }, 'robot req_id refused; falling back');
      return false;
    }
  }

  /**
   * A group the robot is in gets pushes from the robot while its socket is up. Which groups: those it has heard from
   * (kept across restarts; forgotten when WeCom says it is not there), and any group without a webhook (the robot is
   * then the only way in; WeCom refuses if it is not there).
   */
  function robotCanPush(chatId: string | undefined, webhookKey: string | undefined): chatId is string {
    return !!chatId && !!robotWs?.connected && (robotWs.knowsChat(chatId) || !webhookKey);
  }

  async function sendToGroup(to: Address, r: Rendered, opts?: SendOptions): Promise<SentHandle> {
    const cardId = r.kind === 'card' ? r.cardId : undefined;
    const webhookKey = to.chatId ? config.groupWebhooks?.[to.chatId] : undefined;
    const canPush = robotCanPush(to.chatId, webhookKey);
    if (await replyOverSocket(to, r, !!webhookKey || canPush)) return { platform: 'wecom', cardId };
    if (to.replyUrl && !wsReqIdOf(to.replyUrl) && !spentReplyUrls.has(to.replyUrl) && (to.replyUrlExpiresAt ?? 0) > now()) {
      spentReplyUrls.add(to.replyUrl);
      try {
        await client.sendRobotResponse(to.replyUrl, robotBody(r));
        return { platform: 'wecom', cardId };
      } catch (e) {
        if (!(e instanceof PlatformError) || e.retryable || (!webhookKey && !canPush)) throw e;
        log.info({ code: e.code }, 'robot response_url refused; falling back');
      }
    }
    if (canPush) {
      try {
        await robotWs!.push(to.chatId!, r, opts);
        return { platform: 'wecom', cardId };
      } catch (e) {
        // The webhook reaches the same group: use it rather than wait (spent budget, socket trouble, refusal).
        if (!(e instanceof PlatformError) || !webhookKey) throw e;
        log.info({ code: e.code }, 'robot push failed; falling back to the group webhook');
      }
    }
    if (!webhookKey) {
      // With a robot configured, a dropped socket comes back (the SDK reconnects): let the outbox try again.
      if (robotWs && to.chatId) throw new PlatformError('wecom', 'robot_offline', `robot not connected and no webhook for group ${to.chatId}`, true);
      throw new PlatformError('wecom', 'no_route', `no live reply url or webhook for group ${to.chatId ?? '?'}`, false);
    }
    await client.sendWebhook(webhookKey, webhookBody(r), opts);
    return { platform: 'wecom', cardId };
  }

  /**
   * The welcome on an enter_chat goes on that event's req_id within its 5 s or not at all: the only other ways into
   * that chat are a push nobody asked for, or the app's message/send, which lands in another conversation (the
   * app's). A greeting late or elsewhere is noise; "help" still answers. So a missed window is recorded, not sent.
   */
  async function welcome(to: Address, r: Rendered, reqId: string): Promise<SentHandle> {
    const skipped = (reason: string): SentHandle => {
      log.info({ reason, userId: to.userId }, 'robot welcome not sent');
      return { platform: 'wecom', skipped: reason };
    };
    const deadline = to.replyUrlExpiresAt ?? 0;
    if (!robotWs || spentReplyUrls.has(to.replyUrl!)) return skipped('welcome_route_gone');
    if (deadline <= now()) return skipped('welcome_window_passed');
    spentReplyUrls.add(to.replyUrl!);
    try {
      await robotWs.welcome(reqId, r, { chat: to.chatId ?? to.userId ?? reqId, deadline });
      return { platform: 'wecom' };
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e;
      // Socket down or no ack: the outbox may try again while the window lasts (then it is skipped as above).
      if (e.retryable && e.code !== 'robot_quota') { spentReplyUrls.delete(to.replyUrl!); throw e; }
      return skipped(e.code === 'window_passed' ? 'welcome_window_passed' : `welcome_refused_${e.code}`);
    }
  }

  async function sendToUser(to: Address, r: Rendered, opts?: SendOptions): Promise<SentHandle> {
    // A 1:1 chat with the robot is answered in that chat while its req_id lives; app message/send otherwise.
    if (await replyOverSocket(to, r, true)) return { platform: 'wecom', cardId: r.kind === 'card' ? r.cardId : undefined };
    const userId = to.userId ?? to.chatId;
    if (!userId) throw new PlatformError('wecom', 'no_route', 'address has no user', false);
    const res = r.kind === 'text' ? await client.sendText(userId, r.text, opts)
      : r.kind === 'markdown' ? await client.sendMarkdown(userId, r.text, opts)
        : await client.sendCard(userId, { ...r.card, task_id: r.cardId }, opts);
    if (res.invalidUsers.length) throw new PlatformError('wecom', 82001, `invalid recipient ${userId}`, false);
    return { platform: 'wecom', messageId: res.msgId, cardId: r.kind === 'card' ? r.cardId : undefined, responseCode: res.responseCode };
  }

  return {
    platform: 'wecom',
    client,
    get robotWs() { return robotWs; },
    mount(router: Router, inbox: Inbox) {
      wecomRoutes(router, { config, inbox, log, now, feedback: opts.feedbackLog });
    },
    async start(inbox: Inbox) {
      if (!config.botWs || robotWs) return;
      robotWs = createWecomRobotWs({
        botId: config.botWs.botId, secret: config.botWs.secret, tenant: config.tenant ?? config.corpId,
        inbox, log, now, transport: opts.robotWs, gate: opts.robotGate, heardChats: opts.heardChats, feedback: opts.feedbackLog,
      });
      // Connects in the background (the SDK reconnects with backoff); a bad secret is logged, never thrown.
      await robotWs.start();
    },
    async stop() {
      await robotWs?.stop();
      robotWs = undefined;
    },
    send(to, rendered, opts) {
      const welcomeReqId = wsWelcomeReqIdOf(to.replyUrl);
      if (welcomeReqId) return welcome(to, rendered, welcomeReqId);
      return to.chatType === 'group' ? sendToGroup(to, rendered, opts) : sendToUser(to, rendered, opts);
    },
    async updateCard(handle: SentHandle | CardHandle, to: Address, rendered: Card) {
      // A tap on a card the robot sent: the tap's req_id takes one update within 5 s. Any failure is final, so the
      // deliverer says it in a message instead (a later retry would be outside the window anyway).
      const robotTap = wsUpdateOf(handle.responseCode);
      if (robotTap) {
        if (!robotWs) throw new PlatformError('wecom', 'robot_offline', 'robot long connection not running', false);
        try {
          await robotWs.updateCard(robotTap.reqId, rendered, { chat: to.chatId ?? to.userId ?? robotTap.reqId, deadline: robotTap.deadline });
        } catch (e) {
          if (!(e instanceof PlatformError)) throw e;
          throw new PlatformError('wecom', e.code, e.message, false);
        }
        return;
      }
      // A3.7: each response_code works once; the newest one comes from the latest send or tap.
      if (!handle.responseCode) throw new PlatformError('wecom', 'no_response_code', 'card cannot be updated without a response_code', false);
      const userId = to.userId ?? to.chatId;
      if (!userId) throw new PlatformError('wecom', 'no_route', 'address has no user', false);
      await client.updateCard({ userIds: [userId], responseCode: handle.responseCode, templateCard: { ...rendered.card, task_id: rendered.cardId } });
    },
  };
}
