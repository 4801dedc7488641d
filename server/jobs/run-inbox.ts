// Works through stored inbound events after the platform got its ack: one at a time per event, retried with backoff,
// parked as failed after a few tries. The handler (bot/core/turn.ts) is passed in by server/main.ts.
import type { Inbound } from '../../bot/core/message.js';
import { inboundFromRow } from '../../bot/core/inbox.js';
import type { Db } from '../domain/shared/db.js';
import { serialized } from '../domain/shared/db.js';
import { InboxEvent } from '../domain/inbox/inbox-event.entity.js';
import { claimDue } from './claim-due.js';
import { startWorker, type Worker } from './worker.js';

export interface InboxRunnerOptions {
  db: Db;
  /** Handles one event; resolves 'done' when it marked the row done itself (in its own transaction). */
  handle: (event: Inbound, meta: { inboxId: number }) => Promise<void | 'done'>;
  batch?: number;
  maxAttempts?: number;
  onError?: (e: unknown, row?: InboxEvent) => void;
  autoStart?: boolean;
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

  async function tick(): Promise<number> {
    const ids = await claimDue(o.db, { table: 'inbox_event', timeColumn: 'available_at', pending: 'pending', claimed: 'processing' }, o.batch ?? 10, LEASE_MS);
    const rows = ids.length ? await repo.createQueryBuilder('e').where('e.id IN (:...ids)', { ids }).orderBy('e.id', 'ASC').getMany() : [];
    // One person's messages are handled in the order they arrived; different people's side by side.
    const bySender = new Map<string, InboxEvent[]>();
    for (const row of rows) {
      const key = `${row.platform}:${(row.payload as { userId?: string }).userId ?? row.id}`;
      bySender.set(key, [...(bySender.get(key) ?? []), row]);
    }
    await Promise.all([...bySender.values()].map(async (list) => { for (const row of list) await handleOne(row); }));
    return ids.length;
  }
  return startWorker({ name: 'inbox', tick, idleMs: 500, onError: (e) => o.onError?.(e) }, o.autoStart ?? true);
}
