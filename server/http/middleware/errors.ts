// Turns every failure into JSON {error: {code, message}} in the caller's language. A bad request is never a 500.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { DomainError, type ErrorKind } from '../../domain/shared/domain-error.js';
import { t, type Locale } from '../../../locales/index.js';

const STATUS: Record<ErrorKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_many: 429, unavailable: 503 };

/** Koa/body-parser errors carry an HTTP status; map the ones a client can cause. */
function fromHttpError(err: { status?: number; type?: string; expose?: boolean }): DomainError | undefined {
  if (err.status === 413 || err.type === 'entity.too.large') return new DomainError('invalid', 'request.too_large');
  if (err.status === 415) return new DomainError('invalid', 'request.unsupported_media_type');
  if (err.status === 400 || err.type === 'entity.parse.failed') return new DomainError('invalid', 'request.malformed');
  return undefined;
}

export const errors = (log: Logger): Middleware => async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new DomainError('not_found', 'route_not_found', { path: ctx.path });
  } catch (e) {
    const err = e as Error & { status?: number; type?: string };
    const domain = e instanceof DomainError ? e : fromHttpError(err);
    const localeOf = (ctx.state.locale ?? 'zh-CN') as Locale;
    if (!domain) {
      log.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: t(localeOf, 'error.internal') } };
      return;
    }
    const status = domain.code === 'request.too_large' ? 413 : domain.code === 'request.unsupported_media_type' ? 415 : STATUS[domain.kind];
    const params = { ...domain.params };
    if (domain.field) params.field = domain.field;
    ctx.status = status;
    ctx.body = {
      error: {
        code: domain.code,
        message: t(localeOf, `error.${domain.code}`, params),
        ...(domain.field ? { field: domain.field } : {}),
        // What was refused, for developers; the message itself stays in people's words.
        ...(typeof domain.params.action === 'string' ? { action: domain.params.action } : {}),
      },
    };
    if (status === 401) ctx.set('WWW-Authenticate', 'Bearer');
  }
};
