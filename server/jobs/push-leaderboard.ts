// Scheduled group boards: claims due board_push rows (row locks with SKIP LOCKED, leases) and sends each through
// the outbox; the group-robot rate limits are enforced where messages leave (the adapters).
import type { Db } from '../domain/shared/db.js';
import { withTx } from '../domain/shared/with-tx.js';
import { systemActor } from '../domain/shared/actor.js';
import { runBoardPush } from '../domain/leaderboard/run-board-push.js';
import { claimDue } from './claim-due.js';
import { startWorker, type Worker } from './worker.js';

export interface BoardPusherOptions { db: Db; autoStart?: boolean; idleMs?: number; onError?: (e: unknown, id?: number) => void }

export function startBoardPusher(o: BoardPusherOptions): Worker {
  const queue = { table: 'board_push', timeColumn: 'next_run_at', pending: 'pending', claimed: 'claimed', where: 'active = 1' };
  async function tick(): Promise<number> {
    const ids = await claimDue(o.db, queue, 20, 5 * 60_000);
    for (const id of ids) {
      try { await withTx(o.db, systemActor('board-push'), (c) => runBoardPush(c, id)); } catch (e) { o.onError?.(e, id); }
    }
    return ids.length;
  }
  return startWorker({ name: 'board-pusher', tick, idleMs: o.idleMs ?? 30_000, onError: (e) => o.onError?.(e) }, o.autoStart ?? true);
}
