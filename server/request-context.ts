// The id that follows one message from its callback to its delivery: set by the HTTP request, stored with the
// inbox row, restored while the turn runs (so outbox rows carry it) and while each outbox row is delivered.
// Log lines pick it up through the logger's mixin (server/log.ts).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext { requestId?: string; inboxId?: number; outboxId?: number }

const store = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined { return store.getStore(); }
export function currentRequestId(): string | undefined { return store.getStore()?.requestId; }

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  // Object.assign rather than two spreads: the same object, several times cheaper on Node 20 (once per request).
  return store.run(Object.assign({}, store.getStore(), ctx), fn);
}
