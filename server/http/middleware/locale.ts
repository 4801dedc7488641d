// The caller's language: explicit ?lang=, then Accept-Language, then (after auth) the user's own setting.
import type { Middleware } from 'koa';
import { fromAcceptLanguage, normalizeLocale, type Locale } from '../../../locales/index.js';

export const locale = (fallback: Locale): Middleware => async (ctx, next) => {
  const q = typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined;
  ctx.state.localeExplicit = q ? normalizeLocale(q) : fromAcceptLanguage(ctx.get('accept-language'));
  ctx.state.locale = ctx.state.localeExplicit ?? fallback;
  await next();
};
