// What one record adds to the rollups. The rollups always equal the sum of contributions of the current rows, so
// every change is applied as "minus the record before, plus the record after" — the same rule for create,
// update, delete, stage moves and receipts, and the same naive SQL the tests and the benchmark compare against.
import { localDay, localMonth } from './buckets.js';
import { fromDbTime } from '../shared/sql.js';

export type Metric = 'won_amount' | 'payments' | 'new_customers' | 'followups';
export const METRICS: Metric[] = ['won_amount', 'payments', 'new_customers', 'followups'];

/** One record's addition to a user's metric on a local day. */
export interface MetricPoint { metric: Metric; userId: number; day: string; value: number }
/** One open opportunity's addition to its owner's pipeline (owner 0 = no owner). */
export interface PipePoint { ownerId: number; kind: 'open' | 'month' | 'region' | 'entered'; bucket: string; stage: string; n: number; amount: number }

type Row = Record<string, unknown>;
const time = (v: unknown): Date | null => (v instanceof Date || typeof v === 'string' ? fromDbTime(v) : null);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Entities whose rows feed a board. Money received feeds it through its credits (payment_credit: one per sum on the
 * day it arrived), not the instalment's running total, which would move earlier money to the latest receipt's day.
 */
export const ROLLUP_ENTITIES = new Set(['activity', 'customer', 'payment_credit', 'opportunity']);

export function metricPoints(entity: string, row: Row | null, tz: string): MetricPoint[] {
  if (!row) return [];
  const point = (metric: Metric, user: unknown, at: unknown, value: number): MetricPoint[] => {
    const t = time(at);
    return user === null || user === undefined || !t || !value ? [] : [{ metric, userId: Number(user), day: localDay(t, tz), value }];
  };
  switch (entity) {
    case 'activity': return point('followups', row.authorId, row.occurredAt, 1);
    case 'customer': return point('new_customers', row.createdById, row.createdAt, 1);
    case 'payment_credit': return row.undoneAt ? [] : point('payments', row.ownerId, row.receivedAt, num(row.amountCents));
    case 'opportunity': return row.status === 'won' ? point('won_amount', row.ownerId, row.closedAt, num(row.amountCents)) : [];
    default: return [];
  }
}

/** An open opportunity in its stage, its expected close month and its customer's region. */
export function pipePoints(row: Row | null, region: string | null, tz: string): PipePoint[] {
  if (!row || row.status !== 'open') return [];
  const ownerId = num(row.ownerId);
  const stage = String(row.stage);
  const amount = num(row.amountCents);
  return [
    { ownerId, kind: 'open', bucket: '', stage, n: 1, amount },
    { ownerId, kind: 'month', bucket: localMonth(time(row.expectedCloseAt), tz), stage, n: 1, amount },
    { ownerId, kind: 'region', bucket: (region ?? '').slice(0, 64), stage, n: 1, amount },
  ];
}

export const negate = <P extends { value?: number; n?: number; amount?: number }>(p: P): P =>
  ({ ...p, ...(p.value !== undefined ? { value: -p.value } : {}), ...(p.n !== undefined ? { n: -p.n } : {}), ...(p.amount !== undefined ? { amount: -p.amount } : {}) });
