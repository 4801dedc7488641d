// Every mutation writes one audit row with the actor's channel and a before/after diff.
import type { DomainContext } from '../shared/with-tx.js';
import { AuditLog } from './audit-log.entity.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'claim' | 'release' | 'assign' | 'stage_change' | 'convert'
  | 'complete' | 'snooze' | 'login' | 'revoke' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'transfer' | 'return' | string;

const IGNORED = new Set(['updatedAt', 'createdAt']);

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** {field: [before, after]} for fields that changed. */
export function diffRecords(before: object | null, after: object | null): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(k)) continue;
    const bv = plain(b[k]);
    const av = plain(a[k]);
    if (JSON.stringify(bv ?? null) !== JSON.stringify(av ?? null)) out[k] = [bv ?? null, av ?? null];
  }
  return out;
}

/**
 * Records one audit row. Inside withTx the rows wait in the context and go in together, in order, just before the
 * commit (one INSERT per transaction instead of one per change); elsewhere they are written at once.
 */
export async function audit(
  c: DomainContext, action: AuditAction, entityType: string, entityId: number | null,
  before: object | null, after: object | null,
): Promise<void> {
  const row: Partial<AuditLog> = {
    actorId: c.actor.userId,
    channel: c.actor.channel,
    action,
    entityType,
    entityId,
    diff: diffRecords(before, after),
    ruleId: c.actor.ruleId ?? null,
    at: c.now,
  };
  if (c.auditRows) c.auditRows.push(row);
  else await writeAuditRows(c, [row]);
}

/** The waiting rows of a transaction, in one statement. */
export async function writeAuditRows(c: Pick<DomainContext, 'tx'>, rows: Partial<AuditLog>[]): Promise<void> {
  if (rows.length) await c.tx.createQueryBuilder().insert().into(AuditLog).values(rows as never).updateEntity(false).execute();
}
