// Delivers outbox rows through the platform clients: claimed with row locks (never twice), in order per recipient,
// retried with exponential backoff, dead-lettered after N tries or on a permanent error. Nothing is dropped.
import type { Db } from '../domain/shared/db.js';
import { serialized } from '../domain/shared/db.js';
import { dbTime } from '../domain/shared/sql.js';
import { OutboxMessage } from '../domain/outbox/outbox-message.entity.js';
import { claimDueRows } from './claim-due.js';
import { startWorker, type Worker } from './worker.js';
import { keyedPipeline } from './keyed-pipeline.js';
import { isPush } from '../../bot/core/deliver.js';

export interface OutboxDelivererOptions {
  db: Db;
  /** Render and send one row; returns the platform's handle. Throws (with `retryable: false` for permanent errors). */
  deliver: (row: OutboxMessage) => Promise<Record<string, unknown>>;
  batch?: number;
  maxAttempts?: number;
  /** Backoff before attempt n+1: base · 2^(n-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A claim's lease: long enough for rate-limit waits. */
  leaseMs?: number;
  onError?: (e: unknown, row?: OutboxMessage) => void;
  onSent?: (row: OutboxMessage, latencyMs: number) => void;
  autoStart?: boolean;
  idleMs?: number;
  /** Rows being delivered at once, across recipients (bounds memory while recipients wait for their rate limits). */
  maxInFlight?: number;
}

/** The chain a row waits in: its recipient's, one for answers and one for pushes; in order within each. */
export function pipelineKey(row: Pick<OutboxMessage, 'recipientKey' | 'requestId'>): string {
  return isPush(row) ? row.recipientKey : `${row.recipientKey}#answer`;
}

export function startOutboxDeliverer(o: OutboxDelivererOptions): Worker {
  const repo = o.db.ds.getRepository(OutboxMessage);
  const maxAttempts = o.maxAttempts ?? 8;
  const base = o.backoffBaseMs ?? 2000;
  const cap = o.backoffMaxMs ?? 10 * 60_000;

  // A pipeline, not batches: rows start as soon as they are claimed and a slow (rate-limited) recipient never holds up
  // the others. Each recipient's rows are chained so they go out in order, answers apart from pushes: a person
  // waiting for an answer never waits behind that recipient's reminders (see isPush and RateGate's lanes).
  const pipeline = keyedPipeline();
  const maxInFlight = o.maxInFlight ?? 2000;
  let sent: Sent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;
  let worker: Worker | undefined;

  const flush = (): Promise<void> => {
    if (flushTimer) { clearTimeout(flushTimer); flushTimer = undefined; }
    const batch = sent;
    sent = [];
    flushing = flushing.then(() => markSent(batch)).catch((e) => o.onError?.(e));
    return flushing;
  };
  const scheduleFlush = () => {
    if (sent.length >= 200) void flush();
    else flushTimer ??= setTimeout(() => { flushTimer = undefined; void flush(); }, 5);
  };

  /** Delivered rows are marked sent together, a few milliseconds later, in one statement. */
  type Sent = { row: OutboxMessage; result: Record<string, unknown>; at: Date };

  async function markSent(sent: Sent[]): Promise<void> {
    if (!sent.length) return;
    const params: unknown[] = [];
    const cases = sent.map((x) => { params.push(x.row.id, JSON.stringify(x.result ?? {})); return 'WHEN ? THEN ?'; }).join(' ');
    const at = dbTime(o.db, sent[sent.length - 1].at);
    await serialized(o.db, () => o.db.ds.query(
      `UPDATE outbox_message SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, result = CASE id ${cases} END WHERE id IN (${sent.map(() => '?').join(', ')})`,
      [at, ...params, ...sent.map((x) => x.row.id)],
    ));
    for (const x of sent) o.onSent?.(x.row, x.at.getTime() - x.row.createdAt.getTime());
  }

  async function deliverOne(row: OutboxMessage): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      const result = await o.deliver(row);
      sent.push({ row, result, at: o.db.clock.now() });
      scheduleFlush();
    } catch (e) {
      o.onError?.(e, row);
      const permanent = (e as { retryable?: boolean })?.retryable === false;
      const dead = permanent || attempts >= maxAttempts;
      const delay = Math.min(base * 2 ** (attempts - 1), cap);
      await serialized(o.db, () => repo.update({ id: row.id }, {
        status: dead ? 'dead' : 'pending', attempts, lastError: String((e as Error)?.message ?? e).slice(0, 2000),
        nextAttemptAt: new Date(o.db.clock.now().getTime() + delay),
      }));
    }
  }

  async function tick(): Promise<number> {
    const room = maxInFlight - pipeline.inFlight;
    if (room <= 0) return 0;
    const rows = await claimDueRows(o.db, OutboxMessage, { table: 'outbox_message', timeColumn: 'next_attempt_at', timeProperty: 'nextAttemptAt', pending: 'pending', claimed: 'sending' }, Math.min(o.batch ?? 200, room), o.leaseMs ?? 10 * 60_000);
    for (const r of rows) pipeline.run(pipelineKey(r), () => deliverOne(r), () => worker?.poke());
    return rows.length;
  }

  async function settle(): Promise<void> {
    await pipeline.settle();
    await flush();
  }

  // Commits wake it at once; the short poll serves rows due later (paced reminders, retries after backoff).
  worker = startWorker({ name: 'outbox', tick, settle, idleMs: o.idleMs ?? 100, onError: (e) => o.onError?.(e) }, o.autoStart ?? true);
  return worker;
}
