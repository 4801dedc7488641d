// Logins that end in a session token, and the admin's API keys.
import { z } from 'zod';
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import type { Db } from '../../domain/shared/db.js';
import { withRead, withTx } from '../../domain/shared/with-tx.js';
import { systemActor } from '../../domain/shared/actor.js';
import { issueSession, endSession } from '../../domain/auth/sessions.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/auth/api-keys.js';
import { User } from '../../domain/user/user.entity.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { ref, requiredText } from '../schemas/common.js';
import type { PlatformLogin } from '../../app.js';
import { findUserByIdentity } from '../../domain/user/find-by-identity.js';
import { getSetting } from '../../domain/settings/settings.js';
import { listDevPeople } from '../../domain/auth/dev-people.js';

const DevLogin = z.strictObject({ username: requiredText(64), channel: z.enum(['api', 'miniapp']).optional() });
const NewKey = z.strictObject({ name: requiredText(64), userId: ref });
const WecomLogin = z.strictObject({ code: requiredText(512), kind: z.enum(['oauth', 'miniprogram']).optional() });
const DingtalkLogin = z.strictObject({ authCode: requiredText(512) });

export interface AuthRouteOptions { db: Db; demoMode: boolean; sessionTtlSeconds: number; platformLogin?: PlatformLogin }

export function authRoutes(api: Api, o: AuthRouteOptions): void {
  // Dev/demo login: only when the server runs in demo mode; elsewhere it answers 404 as if it did not exist.
  api.route('post', '/auth/dev', { summary: 'Dev/demo login by username (demo mode only)', tag: 'auth', body: DevLogin, public: true },
    async (ctx, body) => {
      if (!o.demoMode) throw new DomainError('not_found', 'route_not_found', { path: ctx.path });
      return withTx(o.db, { ...systemActor(), channel: body.channel ?? 'api' }, async (c) => {
        const user = await c.tx.findOne(User, { where: { username: body.username } });
        if (!user) throw new DomainError('unauthenticated', 'auth.unknown_user');
        return issueSession(c, user, body.channel ?? 'api', 'dev', o.sessionTtlSeconds);
      });
    });
  // The demo picker's people (name first, role/team beside it), before anyone is signed in; demo mode only.
  api.route('get', '/auth/dev', { summary: 'People the demo login offers: username, name, role, position, team (demo mode only)', tag: 'auth', public: true },
    (ctx) => {
      if (!o.demoMode) throw new DomainError('not_found', 'route_not_found', { path: ctx.path });
      return withRead(o.db, systemActor(), (c) => listDevPeople(c));
    });
  // Login without typing: the mini-program / H5 hands us the platform's one-time code; we ask the platform who it is.
  const platformSession = async (platform: 'wecom' | 'dingtalk', code: string, kind: 'oauth' | 'miniprogram') => {
    const exchange = o.platformLogin?.[platform];
    if (!exchange) throw new DomainError('invalid', 'auth.platform_off', { platform });
    const platformUserId = await exchange(code, kind);
    return withTx(o.db, { ...systemActor(), channel: 'miniapp' }, async (c) => {
      const user = await findUserByIdentity(c.tx, platform, platformUserId);
      if (!user) throw new DomainError('unauthenticated', 'auth.not_a_user');
      return issueSession(c, user, 'miniapp', platform, o.sessionTtlSeconds);
    });
  };
  api.route('post', '/auth/wecom', { summary: 'Exchange a WeCom login code (wx.qy.login or H5 OAuth) for a session', tag: 'auth', body: WecomLogin, public: true },
    (_ctx, body) => platformSession('wecom', body.code, body.kind ?? 'oauth'));
  api.route('post', '/auth/dingtalk', { summary: 'Exchange a DingTalk authCode (requestAuthCode) for a session', tag: 'auth', body: DingtalkLogin, public: true },
    (_ctx, body) => platformSession('dingtalk', body.authCode, 'oauth'));
  api.route('post', '/auth/logout', { summary: 'End the current session', tag: 'auth' }, async (ctx) => {
    const token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '';
    await ctx.state.run((c) => endSession(c, token));
  });
  // With the company's time zone and the server's clock: the mini-program counts days as the cards do.
  api.route('get', '/me', { summary: 'The signed-in user, the company time zone and the server time', tag: 'auth' }, (ctx) => ctx.state.read(async (c) => {
    const u = ctx.state.user;
    return {
      id: u.id, username: u.username, name: u.name, role: u.role, position: u.position, teamId: u.teamId, locale: ctx.state.locale,
      timeZone: await getSetting(c, 'timeZone'), now: c.now.toISOString(),
    };
  }));
  api.route('get', '/api-keys', { summary: 'List API keys (admin)', tag: 'auth' }, (ctx) => ctx.state.run((c) => listApiKeys(c)));
  api.route('post', '/api-keys', { summary: 'Create an API key (admin); the key is shown once', tag: 'auth', body: NewKey, status: 201 },
    (ctx, body) => ctx.state.run((c) => createApiKey(c, body)));
  api.route('delete', '/api-keys/:id', { summary: 'Revoke an API key (admin)', tag: 'auth' },
    (ctx) => ctx.state.run((c) => revokeApiKey(c, idParam(ctx))));
}
