// createApp(deps): the Koa app with all middleware in order; no listen(), so tests mount it on port 0.
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import type { WecomJsapiSignatures } from '../bot/platforms/wecom/client.js';
import type { DingtalkJsapiConfig } from '../bot/platforms/dingtalk/client.js';
import type { Config } from './config.js';
import type { Db } from './domain/shared/db.js';
import { requestId } from './http/middleware/request-id.js';
import { locale } from './http/middleware/locale.js';
import { errors } from './http/middleware/errors.js';
import { auth } from './http/middleware/auth.js';
import { Api } from './http/api.js';
import { buildOpenApi } from './http/openapi.js';
import { healthRoutes } from './http/routes/health.js';
import { registerApiRoutes } from './http/routes/index.js';
import { miniappStaticRouter } from './http/routes/miniapp-static.js';

export interface AppDeps {
  config: Config;
  db: Db;
  log: Logger;
  /**
   * Platform callbacks: mounted right after the request id and the error guard, ahead of everything a callback does
   * not use (language, health, static files, the API), because they answer the platform on every message.
   */
  callbackRouters?: Router[];
  /** Extra routers mounted before the API (emulator pages). They parse their own bodies. */
  extraRouters?: Router[];
  authFailuresPerMinute?: number;
  /** Exchanges a platform login code for that platform's user id (set by compose when a platform is configured). */
  platformLogin?: PlatformLogin;
  /** Signs an in-app page's URL for the platform's JS-API (set by compose when a platform is configured). */
  platformJsapi?: PlatformJsapi;
}

export type PlatformLogin = Partial<Record<'wecom' | 'dingtalk', (code: string, kind: 'oauth' | 'miniprogram') => Promise<string>>>;

export type JsapiConfig = ({ platform: 'wecom' } & WecomJsapiSignatures) | ({ platform: 'dingtalk' } & DingtalkJsapiConfig);
export type PlatformJsapi = { wecom?: (url: string) => Promise<JsapiConfig>; dingtalk?: (url: string) => Promise<JsapiConfig> };

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;
  const api = new Api();
  registerApiRoutes(api, deps);
  const root = new Router();
  healthRoutes(root, deps.db);
  root.get('/api/v1/openapi.json', async (ctx) => { ctx.body = await buildOpenApi(api, deps.db); });

  app.use(requestId());
  app.use(errors(deps.log));
  for (const r of deps.callbackRouters ?? []) app.use(r.routes());
  app.use(locale(deps.config.defaultLocale));
  app.use(root.routes());
  app.use(miniappStaticRouter().routes()); // the mini-program's H5 build at /m/ (if built)
  for (const r of deps.extraRouters ?? []) app.use(r.routes()).use(r.allowedMethods());
  // Bodies are parsed only for the API; platform callbacks read raw bodies themselves.
  const limit = `${deps.config.bodyLimitKb}kb`;
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: limit, encoding: 'utf-8', onError: (err) => { throw err; } });
  app.use(async (ctx, next) => (ctx.path.startsWith('/api/') ? parse(ctx, next) : next()));
  app.use(api.publicRouter.routes());
  const guarded = auth(deps.db, { failuresPerMinute: deps.authFailuresPerMinute });
  app.use(async (ctx, next) => (ctx.path.startsWith('/api/') ? guarded(ctx, next) : next()));
  app.use(api.router.routes()).use(api.router.allowedMethods());
  return app;
}
