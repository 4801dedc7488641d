// Bearer auth for /api/v1: a session token or an API key becomes ctx.state.actor. Failed attempts are rate-limited per IP.
import type { Middleware } from 'koa';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Db } from '../../domain/shared/db.js';
import { authenticate } from '../../domain/auth/sessions.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { withRead, withTx, type DomainContext } from '../../domain/shared/with-tx.js';
import type { Actor } from '../../domain/shared/actor.js';
import { normalizeLocale } from '../../../locales/index.js';

export interface AuthOptions { failuresPerMinute?: number }

export const auth = (db: Db, opts: AuthOptions = {}): Middleware => {
  const failures = new RateLimiterMemory({ points: opts.failuresPerMinute ?? 10, duration: 60 });
  return async (ctx, next) => {
    const ip = ctx.ip || 'unknown';
    const blocked = await failures.get(ip);
    if (blocked && blocked.remainingPoints <= 0) {
      ctx.set('Retry-After', String(Math.ceil(blocked.msBeforeNext / 1000)));
      throw new DomainError('too_many', 'auth.too_many_attempts');
    }
    const header = ctx.get('authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const found = m ? await authenticate(db, m[1]) : null;
    if (!found) {
      await failures.consume(ip).catch(() => undefined);
      throw new DomainError('unauthenticated', header ? 'auth.invalid_token' : 'auth.required');
    }
    const { user, channel } = found;
    const actor: Actor = {
      userId: user.id, role: user.role, teamId: user.teamId, channel,
      locale: (ctx.state.localeExplicit as Actor['locale']) ?? normalizeLocale(user.locale),
    };
    ctx.state.user = user;
    ctx.state.actor = actor;
    ctx.state.locale = actor.locale;
    ctx.state.run = <T>(fn: (c: DomainContext) => Promise<T>) => withTx(db, actor, fn);
    ctx.state.read = <T>(fn: (c: DomainContext) => Promise<T>) => withRead(db, actor, fn);
    await next();
  };
};
