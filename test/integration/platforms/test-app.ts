// Test-only: a bare Koa 3 app with a router, an in-memory Inbox and FeedbackLog, so receivers are tested with any Koa app.
import Koa from 'koa';
import { Router } from '@koa/router';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedbackLog, Inbound, Inbox, ReplyFeedback } from '../../../bot/core/message.js';

export class MemoryInbox implements Inbox {
  readonly rows = new Map<string, Inbound>();
  calls = 0;
  failNext = 0;
  /** When set, accept() waits for this before answering (to observe ack ordering). */
  gate?: Promise<void>;
  async accept(event: Inbound): Promise<'accepted' | 'duplicate'> {
    this.calls++;
    if (this.gate) await this.gate;
    if (this.failNext > 0) { this.failNext--; throw new Error('inbox down'); }
    const key = `${event.platform}:${event.eventId}`;
    if (this.rows.has(key)) return 'duplicate';
    this.rows.set(key, event);
    return 'accepted';
  }
  get all(): Inbound[] { return [...this.rows.values()]; }
}

/** Keeps each feedback once per (platform, eventId), as reply_feedback's unique key does. */
export class MemoryFeedbackLog implements FeedbackLog {
  readonly rows = new Map<string, ReplyFeedback>();
  calls = 0;
  failNext = 0;
  async record(f: ReplyFeedback): Promise<'recorded' | 'duplicate'> {
    this.calls++;
    if (this.failNext > 0) { this.failNext--; throw new Error('feedback log down'); }
    const key = `${f.platform}:${f.eventId}`;
    if (this.rows.has(key)) return 'duplicate';
    this.rows.set(key, f);
    return 'recorded';
  }
  get all(): ReplyFeedback[] { return [...this.rows.values()]; }
}

export async function startApp(mount: (router: Router) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  mount(router);
  app.use(router.routes()).use(router.allowedMethods());
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
