// Runs one use case inside one transaction and hands it the context: tx, actor, clock, outbox, events.
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor.js';
import { serialized, type Db } from './db.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { writeAuditRows } from '../audit/audit.js';
import type { AuditLog } from '../audit/audit-log.entity.js';

export interface DomainEvent { type: string; entity: string; id: number; data?: Record<string, unknown> }
export type EventHook = (c: DomainContext, events: DomainEvent[]) => Promise<void>;

export interface DomainContext {
  tx: EntityManager;
  actor: Actor;
  now: Date;
  db: Db;
  outbox: OutboxWriter;
  /** Record a domain event; hooks (automations, rollups) run on them before commit. */
  emit(event: DomainEvent): void;
  /** Per-transaction memo (e.g. the actor's visible owners). */
  memo: Map<string, unknown>;
  /** Audit rows waiting for the end of the transaction (see audit.ts); absent outside withTx. */
  auditRows?: Partial<AuditLog>[];
}

const CHANGED = 'tx:changed';
/** Marks the transaction as one that changed records (every domain event does): what it reads may be uncommitted. */
export const markChanged = (c: DomainContext): void => { c.memo.set(CHANGED, true); };
/** True once the transaction changed records: nothing it reads may be kept for other transactions (board-cache.ts). */
export const changedHere = (c: DomainContext): boolean => c.memo.has(CHANGED);

const hooks = new WeakMap<Db, EventHook[]>();
const committedHooks = new WeakMap<Db, (() => void)[]>();
/** Runs `hook` once a transaction that changed records has committed (before its caller hears it did). */
export function onChangesCommitted(db: Db, hook: () => void): void {
  committedHooks.set(db, [...(committedHooks.get(db) ?? []), hook]);
}
export function onDomainEvents(db: Db, hook: EventHook): void {
  hooks.set(db, [...(hooks.get(db) ?? []), hook]);
}

/**
 * One transaction per use case; on SQLite transactions queue behind each other (one connection). `now` is the
 * use case's clock reading when the caller needed it before the transaction (a chat turn read its dates ahead).
 */
export async function withTx<T>(db: Db, actor: Actor, fn: (c: DomainContext) => Promise<T>, opts: { now?: Date } = {}): Promise<T> {
  let queued = 0;
  let changed = false;
  const run = () =>
    db.ds.transaction(async (tx) => {
      const events: DomainEvent[] = [];
      const c: DomainContext = {
        tx, actor, now: opts.now ?? db.clock.now(), db, outbox: undefined as unknown as OutboxWriter,
        emit: (e) => { events.push(e); markChanged(c); }, memo: new Map(), auditRows: [],
      };
      c.outbox = new OutboxWriter(c);
      const result = await fn(c);
      // Hooks may emit further events; each batch is handed on until none are left (bounded against loops).
      for (let round = 0; events.length && round < 8; round++) {
        const batch = events.splice(0, events.length);
        for (const hook of hooks.get(db) ?? []) await hook(c, batch);
      }
      await writeAuditRows(c, c.auditRows!.splice(0));
      queued = c.outbox.count;
      changed = changedHere(c);
      return result;
    });
  // InnoDB may pick this transaction as a deadlock victim (two instances planning reminders, racing claims): it
  // was rolled back whole, and a use case touches nothing outside its transaction, so running it again is safe.
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await serialized(db, run);
      if (changed) for (const hook of committedHooks.get(db) ?? []) hook();
      if (queued) db.onOutbox?.();
      return result;
    } catch (e) {
      if (!isDeadlock(e) || attempt >= 4) throw e;
    }
  }
}

/** MySQL/MariaDB ER_LOCK_DEADLOCK. */
export function isDeadlock(e: unknown): boolean {
  const err = e as { errno?: number; driverError?: { errno?: number } };
  return (err?.driverError?.errno ?? err?.errno) === 1213;
}

/**
 * A use case that only reads, outside any transaction (no BEGIN/COMMIT round trips): a board or list whose reads
 * are each one statement. It may not write: the outbox and events refuse. On SQLite it still queues behind
 * transactions (one connection: it would see their uncommitted rows).
 */
export async function withRead<T>(db: Db, actor: Actor, fn: (c: DomainContext) => Promise<T>): Promise<T> {
  const refuse = () => { throw new Error('a read-only use case tried to write'); };
  const c: DomainContext = {
    tx: db.ds.manager, actor, now: db.clock.now(), db, outbox: { push: refuse, holdUntil: refuse, count: 0 } as unknown as OutboxWriter,
    emit: refuse, memo: new Map(),
  };
  return serialized(db, () => fn(c));
}
