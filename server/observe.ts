// Wraps the chat loop's three seams (inbox accept, turn, delivery) with metrics and the request context, so
// one id follows a message from callback → inbox row → turn → outbox row → delivery log lines.
import type { Logger } from 'pino';
import type { Inbound, Inbox } from '../bot/core/message.js';
import type { OutboxMessage } from './domain/outbox/outbox-message.entity.js';
import type { Metrics } from './metrics.js';
import { currentRequestId, runWithContext } from './request-context.js';

/** Counts callbacks and stores the HTTP request id with the inbox row (inside the neutral event's JSON). */
export function observedInbox(inner: Inbox, metrics: Metrics): Inbox {
  return {
    async accept(event: Inbound) {
      const requestId = currentRequestId();
      // Object.assign, not a spread with an extra key: several times cheaper on Node 20, once per callback.
      const r = await inner.accept(requestId ? (Object.assign({}, event, { requestId }) as unknown as Inbound) : event);
      metrics.inc('chatcrm_inbound_received_total', { platform: event.platform, result: r });
      return r;
    },
  };
}

type Handle = (event: Inbound, meta: { inboxId: number }) => Promise<void | 'done'>;

/** Runs a turn under the request id its callback carried; counts outcomes. */
export function observedHandler(handle: Handle, metrics: Metrics): Handle {
  return (event, meta) => {
    const requestId = (event as { requestId?: string }).requestId ?? `inbox-${meta.inboxId}`;
    return runWithContext({ requestId, inboxId: meta.inboxId }, async () => {
      try {
        const outcome = await handle(event, meta);
        metrics.inc('chatcrm_inbound_processed_total', { platform: event.platform });
        return outcome;
      } catch (e) {
        metrics.inc('chatcrm_inbound_failed_total', { platform: event.platform });
        throw e;
      }
    });
  };
}

type Deliver = (row: OutboxMessage) => Promise<Record<string, unknown>>;

/** Delivers under the row's request id; counts sends, failures and latency. */
export function observedDeliver(deliver: Deliver, metrics: Metrics, log: Logger, now: () => number): Deliver {
  return (row) => runWithContext({ requestId: row.requestId ?? `outbox-${row.id}`, outboxId: row.id }, async () => {
    try {
      const result = await deliver(row);
      const latency = Math.max(0, now() - row.createdAt.getTime()) / 1000;
      metrics.inc('chatcrm_outbox_sent_total', { platform: row.platform });
      metrics.observe('chatcrm_delivery_latency_seconds', { platform: row.platform }, latency);
      log.info({ platform: row.platform, attempts: row.attempts + 1 }, 'delivered');
      return result;
    } catch (e) {
      metrics.inc('chatcrm_outbox_failed_total', { platform: row.platform });
      throw e;
    }
  });
}
