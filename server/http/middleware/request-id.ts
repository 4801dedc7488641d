// Gives every request an id (or keeps the caller's) that follows it into logs and outbox rows.
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { runWithContext } from '../../request-context.js';

export const requestId = (): Middleware => async (ctx, next) => {
  const given = ctx.get('x-request-id');
  ctx.state.requestId = /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  ctx.set('x-request-id', ctx.state.requestId as string);
  await runWithContext({ requestId: ctx.state.requestId as string }, next);
};
