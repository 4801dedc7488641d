// Reading the audit log: admins look up who did what to which record, newest first.
import type { DomainContext } from '../shared/with-tx.js';
import { invalid } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import { dbTime } from '../shared/sql.js';
import { AuditLog } from './audit-log.entity.js';

export interface AuditLogQuery {
  entityType?: string;
  entityId?: number;
  actorId?: number;
  action?: string;
  channel?: string;
  /** Inclusive lower and exclusive upper bound on `at`. */
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
}

export interface AuditLogPage { items: AuditLog[]; nextCursor: string | null }

const encode = (at: Date, id: number) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decode(cursor: string): [Date, number] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    const d = new Date(at);
    if (!Number.isNaN(d.getTime()) && Number.isInteger(id)) return [d, id];
  } catch { /* fall through */ }
  throw invalid('validation.cursor', 'cursor');
}

/**
 * Audit entries matching the filters, newest first, a page at a time (cursor on `at`, then id).
 * Who: admins only. Reads only.
 */
export async function listAuditLogs(c: DomainContext, query: AuditLogQuery): Promise<AuditLogPage> {
  requireRole(c, ['admin', 'system'], 'audit_log.list');
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const qb = c.tx.createQueryBuilder(AuditLog, 'a');
  if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
  if (query.entityId !== undefined) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
  if (query.actorId !== undefined) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
  if (query.action) qb.andWhere('a.action = :action', { action: query.action });
  if (query.channel) qb.andWhere('a.channel = :channel', { channel: query.channel });
  if (query.from) qb.andWhere('a.at >= :from', { from: dbTime(c.db, query.from) });
  if (query.to) qb.andWhere('a.at < :to', { to: dbTime(c.db, query.to) });
  if (query.cursor) {
    const [at, id] = decode(query.cursor);
    qb.andWhere('(a.at < :cat OR (a.at = :cat AND a.id < :cid))', { cat: dbTime(c.db, at), cid: id });
  }
  const rows = await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encode(last.at, last.id) : null };
}
