// DingTalk HTTP callbacks at POST /dingtalk/callback (robot messages and card taps) → Inbound → inbox → 200.
// Knows DingTalk's signing and JSON; knows nothing of the CRM. No work happens before the answer.
import type { Router, RouterContext } from '@koa/router';
import type { Inbox } from '../../core/message.js';
import { BodyTooLarge, CALLBACK_BODY_LIMIT, readRawBody } from '../shared/raw-body.js';
import { silentLog, type EdgeLog } from '../shared/log.js';
import { checkRobotSign } from './sign.js';
import { dingtalkToInbound, isCardCallback } from './to-inbound.js';
import type { DingtalkEdgeConfig } from './config.js';

export interface DingtalkRoutesOptions {
  config: DingtalkEdgeConfig;
  inbox: Inbox;
  log?: EdgeLog;
  now?: () => number;
  bodyLimit?: number;
}

function reject(ctx: RouterContext, status: number, reason: string, log: EdgeLog): void {
  log.warn({ path: ctx.path, status, reason }, 'dingtalk callback rejected');
  ctx.status = status;
  ctx.body = '';
  if (status === 413) ctx.set('Connection', 'close');
}

export function dingtalkRoutes(router: Router, opts: DingtalkRoutesOptions): void {
  const { config, inbox } = opts;
  const log = opts.log ?? silentLog;
  const now = opts.now ?? Date.now;
  const limit = opts.bodyLimit ?? CALLBACK_BODY_LIMIT;
  const ctxIn = { tenant: config.tenant ?? config.appKey, now };

  router.post('/dingtalk/callback', async (ctx) => {
    // The header check costs nothing and needs no body: do it first (B2.2). Card callbacks over HTTP have no
    // documented authentication, so they must carry the same headers too (NOTES.md).
    const check = checkRobotSign(ctx.get('timestamp') || undefined, ctx.get('sign') || undefined, config.appSecret, now());
    if (check !== 'ok') return reject(ctx, 401, `sign ${check}`, log);
    let raw: Buffer;
    try {
      raw = await readRawBody(ctx.req, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge) return reject(ctx, 413, 'body too large', log);
      throw e;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(ctx, 400, 'malformed json', log);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reject(ctx, 400, 'json is not an object', log);
    const json = body as Record<string, unknown>;
    const inbound = dingtalkToInbound(json, ctxIn);
    if (inbound) {
      const r = await inbox.accept(inbound);
      log.debug({ eventId: inbound.eventId, kind: inbound.kind, result: r }, 'dingtalk inbound accepted');
    }
    ctx.status = 200;
    // A card callback's answer may carry a card update; ours never does (the update comes later, in place).
    if (isCardCallback(json)) ctx.body = {};
    else ctx.body = '';
  });
}
