// The reminder sender: claims due reminder rows with row locks (FOR UPDATE SKIP LOCKED via claim-due.ts), turns
// each into its messages in one transaction per batch, spreads each recipient's messages over the platform's
// rate windows and writes them to the outbox. Two server instances never send one reminder twice: a row is
// finished only by the holder of its current lease, checked under a row lock in the same transaction.
import type { Platform } from '../../bot/core/message.js';
import type { Db } from '../domain/shared/db.js';
import { dbTime, fromDbTime, quoteName } from '../domain/shared/sql.js';
import { systemActor } from '../domain/shared/actor.js';
import { withTx, type DomainContext } from '../domain/shared/with-tx.js';
import { recipientKeyOf, type QueuedMessage } from '../domain/outbox/outbox-writer.js';
import { foldBursts, groupNotices } from '../domain/reminder/fold-burst.js';
import { digestsSentToday, listedInDigest } from '../domain/reminder/digest.js';
import { Reminder } from '../domain/reminder/reminder.entity.js';
import { OutboxMessage } from '../domain/outbox/outbox-message.entity.js';
import { composeReminder, type ReminderRoute } from '../domain/reminder/compose-reminder.js';
import { prefetchReminderSubjects } from '../domain/reminder/reminder-still-due.js';
import { paceSlots, type PaceRule } from '../domain/reminder/pace.js';
import { claimDue } from './claim-due.js';
import { startWorker, type Worker } from './worker.js';

export interface ReminderSenderOptions {
  db: Db;
  route: ReminderRoute;
  /** Per-recipient send limits by platform (the clients' own rules), used to spread messages; none = no pacing. */
  pace?: Partial<Record<Platform, PaceRule[]>>;
  /** Jitter guard added to each window, as the client's rate gate does. */
  paceGuardMs?: number;
  batch?: number;
  leaseMs?: number;
  /** Called after messages were queued (pokes the outbox worker). */
  onQueued?: () => void;
  onError?: (e: unknown, row?: Reminder) => void;
  autoStart?: boolean;
  idleMs?: number;
}

const q = quoteName;

/** Claims and processes one batch; returns how many rows it claimed. */
export async function sendDueReminders(o: ReminderSenderOptions): Promise<number> {
  const { db } = o;
  const ids = await claimDue(db, { table: 'reminder', timeColumn: 'send_at', pending: 'pending', claimed: 'sending' }, o.batch ?? 500, o.leaseMs ?? 120_000);
  if (!ids.length) return 0;
  // Our lease, as written by our claim: a row whose lease changed since was re-claimed by someone else.
  const leases = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db.ds.getRepository(Reminder).createQueryBuilder('r').select(['r.id', 'r.sendAt']).where('r.id IN (:...part)', { part }).getMany();
    for (const r of rows) leases.set(r.id, r.sendAt.getTime());
  }
  try {
    await withTx(db, systemActor('reminders'), (c) => processBatch(c, o, ids, leases));
  } catch (e) {
    // One bad row must not hold up the rest: redo the batch row by row, and give a failing row a later try.
    o.onError?.(e);
    for (const id of ids) {
      try {
        await withTx(db, systemActor('reminders'), (c) => processBatch(c, o, [id], leases));
      } catch (err) {
        o.onError?.(err);
        await withTx(db, systemActor('reminders'), (c) => c.tx.createQueryBuilder().update(Reminder)
          .set({ status: 'pending', sendAt: new Date(c.now.getTime() + 10 * 60_000), outcome: 'error', updatedAt: c.now })
          .where("id = :id AND status = 'sending'", { id }).execute());
      }
    }
  }
  o.onQueued?.();
  return ids.length;
}

async function processBatch(c: DomainContext, o: ReminderSenderOptions, ids: number[], leases: Map<number, number>): Promise<void> {
  const qb = c.tx.createQueryBuilder(Reminder, 'r').where("r.id IN (:...ids) AND r.status = 'sending'", { ids }).orderBy('r.id');
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const rows = (await qb.getMany()).filter((r) => r.sendAt.getTime() === leases.get(r.id));
  if (!rows.length) return;
  await prefetchReminderSubjects(c, rows);
  const queued: QueuedMessage[] = [];
  const outcomes = new Map<string, number[]>();
  // Digests first: what a person's digest (today's, this batch's or an earlier one) lists is not sent again singly.
  const digestSent = await digestsSentToday(c, [...new Set(rows.map((r) => r.recipientId))]);
  for (const r of [...rows.filter((x) => x.kind === 'digest'), ...rows.filter((x) => x.kind !== 'digest')]) {
    const { outcome, messages } = listedInDigest(r, digestSent.get(r.recipientId))
      ? { outcome: 'digest', messages: [] }
      : await composeReminder(c, r, o.route);
    if (r.kind === 'digest' && messages.length) digestSent.set(r.recipientId, c.now);
    queued.push(...messages);
    outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), r.id]);
  }
  for (const [outcome, list] of outcomes) {
    const sent = outcome === 'sent' || outcome === 'released';
    await c.tx.createQueryBuilder().update(Reminder)
      .set({ status: sent ? 'sent' : outcome === 'digest' ? 'folded' : 'cancelled', outcome, sentAt: sent ? c.now : null, updatedAt: c.now })
      .where("id IN (:...list) AND status = 'sending'", { list }).execute();
  }
  await queueWithPace(c, o, foldBursts(groupNotices(queued)));
}

/** Pushes the messages to the outbox, each recipient's spread over the rate windows of its platform. */
async function queueWithPace(c: DomainContext, o: ReminderSenderOptions, queued: QueuedMessage[]): Promise<void> {
  const keyOf = (m: QueuedMessage) => recipientKeyOf(m.address);
  const byKey = new Map<string, QueuedMessage[]>();
  for (const m of queued) {
    const list = byKey.get(keyOf(m));
    if (list) list.push(m);
    else byKey.set(keyOf(m), [m]);
  }
  const paced = [...byKey.entries()].filter(([, list]) => (o.pace?.[list[0].address.platform]?.length ?? 0) > 0);
  const history = new Map<string, number[]>();
  if (paced.length) {
    const longest = Math.max(...paced.flatMap(([, l]) => o.pace![l[0].address.platform]!.map((r) => r.durationMs)));
    const since = dbTime(c.db, new Date(c.now.getTime() - longest - (o.paceGuardMs ?? 0)));
    const keys = paced.map(([k]) => k);
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500);
      const rows: { k: string; status: string; nextAt: string | Date; sentAt: string | Date | null }[] = await c.tx.query(
        `SELECT recipient_key AS k, status, next_attempt_at AS ${q(c.db, 'nextAt')}, sent_at AS ${q(c.db, 'sentAt')} FROM outbox_message
         WHERE recipient_key IN (${part.map(() => '?').join(',')}) AND status <> 'dead' AND (next_attempt_at > ? OR sent_at > ?)`,
        [...part, since, since]);
      for (const r of rows) {
        const at = toMs(r.status === 'sent' && r.sentAt ? r.sentAt : r.nextAt);
        history.set(r.k, [...(history.get(r.k) ?? []), at]);
      }
    }
  }
  // Interleave recipients so the outbox's id order takes everyone's first message before anyone's second.
  const order: { m: QueuedMessage; at?: number }[] = [];
  const slotLists = new Map<string, number[]>();
  for (const [k, list] of byKey) {
    const rules = o.pace?.[list[0].address.platform];
    if (rules?.length) slotLists.set(k, paceSlots(history.get(k) ?? [], list.length, c.now.getTime(), rules, o.paceGuardMs ?? 0));
  }
  const lists = [...byKey.entries()];
  for (let i = 0; lists.some(([, l]) => l.length > i); i++) {
    for (const [k, l] of lists) if (l[i]) order.push({ m: l[i], at: slotLists.get(k)?.[i] });
  }
  order.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  // The same rows OutboxWriter.push writes, in multi-row INSERTs: a morning's fan-out is thousands of them.
  const rows = order.map(({ m, at }) => c.tx.create(OutboxMessage, {
    platform: m.address.platform, address: m.address as unknown as Record<string, unknown>,
    payload: { message: m.message, locale: m.locale } as Record<string, unknown>, recipientKey: keyOf(m), status: 'pending', attempts: 0,
    nextAttemptAt: at !== undefined && at > c.now.getTime() ? new Date(at) : c.now, dedupeKey: m.dedupeKey ?? null, createdAt: c.now,
  }));
  for (let i = 0; i < rows.length; i += 500) await c.tx.insert(OutboxMessage, rows.slice(i, i + 500) as never);
}

function toMs(v: string | Date): number {
  return fromDbTime(v).getTime();
}

export function startReminderSender(o: ReminderSenderOptions): Worker {
  return startWorker({ name: 'reminders', tick: () => sendDueReminders(o), idleMs: o.idleMs ?? 5_000, onError: (e) => o.onError?.(e) }, o.autoStart ?? true);
}
