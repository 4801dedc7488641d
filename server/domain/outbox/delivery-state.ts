// Delivery state of outgoing messages, for admins: what is pending, sent, or dead-lettered, and why.
import type { DomainContext } from '../shared/with-tx.js';
import { requireRole } from '../shared/permissions.js';
import { invalid } from '../shared/domain-error.js';
import { OutboxMessage, type OutboxStatus } from './outbox-message.entity.js';

const STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

/** Counts per status and the age of the oldest undelivered message. Who: admins. */
export async function outboxStats(c: DomainContext): Promise<{ counts: Record<OutboxStatus, number>; oldestPendingSeconds: number | null }> {
  requireRole(c, ['admin'], 'outbox.read');
  const rows: { status: OutboxStatus; n: string | number }[] = await c.tx.createQueryBuilder(OutboxMessage, 'm')
    .select('m.status', 'status').addSelect('COUNT(*)', 'n').groupBy('m.status').getRawMany();
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  const oldest = await c.tx.findOne(OutboxMessage, { where: [{ status: 'pending' }, { status: 'sending' }], order: { id: 'ASC' }, select: { id: true, createdAt: true } });
  return { counts, oldestPendingSeconds: oldest ? Math.round((c.now.getTime() - oldest.createdAt.getTime()) / 1000) : null };
}

/** Messages newest first, optionally by status; `before` pages by id. Who: admins. */
export async function listOutbox(c: DomainContext, q: { status?: string; before?: number; limit?: number }): Promise<{ items: OutboxMessage[]; nextBefore: number | null }> {
  requireRole(c, ['admin'], 'outbox.read');
  if (q.status && !STATUSES.includes(q.status as OutboxStatus)) throw invalid('validation.option', 'status', { options: STATUSES.join(', ') });
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const qb = c.tx.createQueryBuilder(OutboxMessage, 'm').orderBy('m.id', 'DESC').take(limit + 1);
  if (q.status) qb.andWhere('m.status = :s', { s: q.status });
  if (q.before) qb.andWhere('m.id < :b', { b: q.before });
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
}
