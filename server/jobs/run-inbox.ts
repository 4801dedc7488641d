// Works through stored inbound events after the platform got its ack: one at a time per event, retried with backoff,
// parked as failed after a few tries. The handler (bot/core/turn.ts) is passed in by server/main.ts.
import type { Inbound } from '../../bot/core/message.js';
import { inboundFromRow } from '../../bot/core/inbox.js';
import type { Db } from '../domain/shared/db.js';
import { serialized } from '../domain/shared/db.js';
import { InboxEvent } from '../domain/inbox/inbox-event.entity.js';
import { claimDueRows } from './claim-due.js';
import { startWorker, type Worker } from './worker.js';
import { keyedPipeline } from './keyed-pipeline.js';

export interface InboxRunnerOptions {
  db: Db;
  /** Handles one event; resolves 'done' when it marked the row done itself (in its own transaction). */
  handle: (event: Inbound, meta: { inboxId: number }) => Promise<void | 'done'>;
  batch?: number;
  maxAttempts?: number;
  onError?: (e: unknown, row?: InboxEvent) => void;
  autoStart?: boolean;
  /** Events handled at once (each holds a database connection for its transaction). */
  maxInFlight?: number;
}

const LEASE_MS = 120_000;

export function startInboxRunner(o: InboxRunnerOptions): Worker {
  const repo = o.db.ds.getRepository(InboxEvent);
  const maxAttempts = o.maxAttempts ?? 5;
  async function handleOne(row: InboxEvent): Promise<void> {
    const id = row.id;
    try {
      const outcome = await o.handle(inboundFromRow(row), { inboxId: id });
      if (outcome !== 'done') await serialized(o.db, () => repo.update({ id }, { status: 'done', processedAt: o.db.clock.now(), attempts: row.attempts + 1 }));
    } catch (e) {
      o.onError?.(e, row);
      const attempts = row.attempts + 1;
      const backoff = Math.min(2 ** attempts * 1000, 300_000);
      await serialized(o.db, () => repo.update({ id }, {
        status: attempts >= maxAttempts ? 'failed' : 'pending', attempts,
        availableAt: new Date(o.db.clock.now().getTime() + backoff), lastError: String((e as Error)?.message ?? e).slice(0, 2000),
      }));
    }
  }

  // A pipeline: claimed events start at once; one sender's events run in the order they arrived.
  const pipeline = keyedPipeline();
  const maxInFlight = o.maxInFlight ?? 8;
  let worker: Worker | undefined;

  async function tick(): Promise<number> {
    const room = maxInFlight - pipeline.inFlight;
    if (room <= 0) return 0;
    const rows = await claimDueRows(o.db, InboxEvent, { table: 'inbox_event', timeColumn: 'available_at', timeProperty: 'availableAt', pending: 'pending', claimed: 'processing' }, Math.min(o.batch ?? 20, room), LEASE_MS);
    for (const row of rows) {
      const sender = `${row.platform}:${(row.payload as { userId?: string }).userId ?? row.id}`;
      pipeline.run(sender, () => handleOne(row), () => worker?.poke());
    }
    return rows.length;
  }
  worker = startWorker({ name: 'inbox', tick, settle: () => pipeline.settle(), idleMs: 500, onError: (e) => o.onError?.(e) }, o.autoStart ?? true);
  return worker;
}
