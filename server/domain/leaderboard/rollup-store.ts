// Adds deltas to the rollup tables with one multi-row upsert per table (ON DUPLICATE KEY on MariaDB, ON CONFLICT on
// SQLite), keys sorted so concurrent transactions lock rows in the same order.
import type { EntityManager } from 'typeorm';
import type { DbKind } from '../../db/data-source.js';
import { bucketOfDay, GRAINS } from './buckets.js';
import type { MetricPoint, PipePoint } from './contributions.js';

const CHUNK = 500;

/** Metric deltas expanded to the four grains and summed per key. */
export function metricDeltas(points: MetricPoint[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of points) {
    for (const g of GRAINS) {
      const k = `${p.metric}\u0001${g}\u0001${bucketOfDay(g, p.day)}\u0001${p.userId}`;
      out.set(k, (out.get(k) ?? 0) + p.value);
    }
  }
  return out;
}

/** The people whose totals the deltas change. */
export function usersOf(deltas: Map<string, number>): number[] {
  const ids = new Set<number>();
  for (const [k, v] of deltas) if (v !== 0) ids.add(Number(k.slice(k.lastIndexOf('\u0001') + 1)));
  return [...ids];
}

export async function addMetricDeltas(tx: EntityManager, kind: DbKind, deltas: Map<string, number>): Promise<void> {
  const rows = [...deltas].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tail = kind === 'sqlite'
    ? 'ON CONFLICT(metric, grain, bucket, user_id) DO UPDATE SET total = total + excluded.total'
    : 'ON DUPLICATE KEY UPDATE total = total + VALUES(total)';
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    for (const [k, v] of part) { const [m, g, b, u] = k.split('\u0001'); params.push(m, g, b, Number(u), v); }
    await tx.query(`INSERT INTO metric_rollup (metric, grain, bucket, user_id, total) VALUES ${part.map(() => '(?,?,?,?,?)').join(',')} ${tail}`, params);
  }
}

/**
 * Pipeline rows of this owner id hold the company's totals (every owner, the unowned included): the company funnel
 * reads about a hundred rows instead of summing one set per owner (tens of thousands at 500 reps).
 */
export const EVERY_OWNER = -1;

/** Pipeline deltas summed per key, each point counted for its owner and for the company's totals. */
export function pipeDeltas(points: PipePoint[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const p of points) {
    for (const owner of [p.ownerId, EVERY_OWNER]) {
      const k = `${owner}\u0001${p.kind}\u0001${p.bucket}\u0001${p.stage}`;
      const cur = out.get(k) ?? [0, 0];
      out.set(k, [cur[0] + p.n, cur[1] + p.amount]);
    }
  }
  return out;
}

export async function addPipeDeltas(tx: EntityManager, kind: DbKind, deltas: Map<string, [number, number]>): Promise<void> {
  const rows = [...deltas].filter(([, [n, a]]) => n !== 0 || a !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tail = kind === 'sqlite'
    ? 'ON CONFLICT(owner_id, kind, bucket, stage) DO UPDATE SET n = n + excluded.n, amount_cents = amount_cents + excluded.amount_cents'
    : 'ON DUPLICATE KEY UPDATE n = n + VALUES(n), amount_cents = amount_cents + VALUES(amount_cents)';
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    for (const [k, [n, a]] of part) { const [o, kd, b, s] = k.split('\u0001'); params.push(Number(o), kd, b, s, n, a); }
    await tx.query(`INSERT INTO pipeline_rollup (owner_id, kind, bucket, stage, n, amount_cents) VALUES ${part.map(() => '(?,?,?,?,?,?)').join(',')} ${tail}`, params);
  }
}
