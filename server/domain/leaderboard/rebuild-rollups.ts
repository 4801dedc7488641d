// Recomputes every rollup from the raw tables: for existing data, after a time-zone change, or as a repair.
// Aggregates in SQL per user and local day (fixed-offset zones) or per UTC hour (zones with DST), then upserts.
import type { EntityManager } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import type { DbKind } from '../../db/data-source.js';
import { forbidden } from '../shared/domain-error.js';
import { getSetting } from '../settings/settings.js';
import { localDay } from './buckets.js';
import type { Metric, MetricPoint, PipePoint } from './contributions.js';
import { stampEveryBoard } from './board-stamps.js';
import { addMetricDeltas, addPipeDeltas, metricDeltas, pipeDeltas } from './rollup-store.js';

const SOURCES: Record<Metric, { table: string; user: string; at: string; value: string; where: string }> = {
  followups: { table: 'activity', user: 'author_id', at: 'occurred_at', value: 'COUNT(*)', where: '1=1' },
  new_customers: { table: 'customer', user: 'created_by_id', at: 'created_at', value: 'COUNT(*)', where: 'created_by_id IS NOT NULL' },
  // Each sum of money on the day it arrived, for the instalment's owner (payment-credit.entity.ts); undone ones not.
  payments: { table: 'payment_credit', user: 'owner_id', at: 'received_at', value: 'SUM(amount_cents)', where: 'owner_id IS NOT NULL AND undone_at IS NULL' },
  won_amount: { table: 'opportunity', user: 'owner_id', at: 'closed_at', value: 'SUM(amount_cents)', where: "status = 'won' AND owner_id IS NOT NULL AND closed_at IS NOT NULL" },
};

/** The zone's offset in minutes when it is the same all year round (no DST) in these years, else null. */
export function fixedOffsetMinutes(tz: string, years: number[]): number | null {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offsets = new Set<number>();
  for (const y of years) {
    for (const m of [0, 3, 6, 9]) {
      const at = Date.UTC(y, m, 15, 12);
      const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
      offsets.add(Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - at) / 60_000));
    }
  }
  return offsets.size === 1 ? [...offsets][0] : null;
}

/** SQL grouping key: the local day ('YYYY-MM-DD') or, for DST zones, the UTC hour to be mapped in JS. */
function dayExpr(kind: 'sqlite' | 'mysql', column: string, offset: number | null): string {
  if (offset !== null) return kind === 'sqlite' ? `date(${column}, '${offset >= 0 ? '+' : ''}${offset} minutes')` : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL ${offset} MINUTE), '%Y-%m-%d')`;
  return kind === 'sqlite' ? `strftime('%Y-%m-%dT%H:00:00Z', ${column})` : `DATE_FORMAT(${column}, '%Y-%m-%dT%H:00:00Z')`;
}

/**
 * metric_rollup's rows of these metrics, recomputed from the records (the rest left alone): the rebuild below, and a
 * migration that changes what a metric counts. Returns the number of rows written.
 */
export async function rebuildMetricRollups(tx: EntityManager, kind: DbKind, tz: string, now: Date, metrics: Metric[]): Promise<number> {
  const thisYear = now.getUTCFullYear();
  const offset = fixedOffsetMinutes(tz, [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1]);
  const toDay = (k: string) => (offset !== null ? k : localDay(new Date(k), tz));
  await tx.query(`DELETE FROM metric_rollup WHERE metric IN (${metrics.map(() => '?').join(',')})`, metrics);
  const points: MetricPoint[] = [];
  for (const metric of metrics) {
    const s = SOURCES[metric];
    const rows: { u: number; d: string; v: string | number }[] = await tx.query(
      `SELECT ${s.user} AS u, ${dayExpr(kind, s.at, offset)} AS d, ${s.value} AS v FROM ${s.table} WHERE ${s.where} GROUP BY ${s.user}, ${dayExpr(kind, s.at, offset)}`);
    for (const r of rows) if (Number(r.v)) points.push({ metric, userId: Number(r.u), day: toDay(String(r.d)), value: Number(r.v) });
  }
  const deltas = metricDeltas(points);
  await addMetricDeltas(tx, kind, deltas);
  return deltas.size;
}

/**
 * Rebuild metric_rollup, pipeline_rollup and stage_entry from the records. Who: admins (and the CLI, as system).
 * Writes: the three rollup tables, wholesale, and stamps every board (board-stamps.ts). Idempotent: the result depends only on the records.
 */
export async function rebuildRollups(c: DomainContext): Promise<{ metricRows: number; pipelineRows: number; stageEntries: number }> {
  if (c.actor.role !== 'admin' && c.actor.role !== 'system') throw forbidden('leaderboard.rebuild');
  const tz = await getSetting(c, 'timeZone');
  const thisYear = c.now.getUTCFullYear();
  const offset = fixedOffsetMinutes(tz, [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1]);
  const kind = c.db.kind;
  await c.tx.query('DELETE FROM metric_rollup');
  await c.tx.query('DELETE FROM pipeline_rollup');
  await c.tx.query('DELETE FROM stage_entry');
  await stampEveryBoard(c);
  const metricRows = await rebuildMetricRollups(c.tx, kind, tz, c.now, Object.keys(SOURCES) as Metric[]);

  const month = offset !== null
    ? (kind === 'sqlite' ? `strftime('%Y-%m', o.expected_close_at, '${offset >= 0 ? '+' : ''}${offset} minutes')` : `DATE_FORMAT(DATE_ADD(o.expected_close_at, INTERVAL ${offset} MINUTE), '%Y-%m')`)
    : dayExpr(kind, 'o.expected_close_at', null);
  const open: { o: number | null; s: string; m: string | null; r: string | null; n: string | number; a: string | number }[] = await c.tx.query(
    `SELECT o.owner_id AS o, o.stage AS s, ${month} AS m, cu.region AS r, COUNT(*) AS n, SUM(o.amount_cents) AS a
       FROM opportunity o JOIN customer cu ON cu.id = o.customer_id WHERE o.status = 'open' GROUP BY o.owner_id, o.stage, ${month}, cu.region`);
  const pipes: PipePoint[] = [];
  for (const r of open) {
    const base = { ownerId: Number(r.o ?? 0), stage: r.s, n: Number(r.n), amount: Number(r.a ?? 0) };
    const m = r.m === null ? '' : offset !== null ? String(r.m) : localDay(new Date(String(r.m)), tz).slice(0, 7);
    pipes.push({ ...base, kind: 'open', bucket: '' }, { ...base, kind: 'month', bucket: m }, { ...base, kind: 'region', bucket: (r.r ?? '').slice(0, 64) });
  }
  // The key drops repeats as rows arrive (in history order, so mostly appends); DISTINCT would sort millions of rows.
  await c.tx.query(kind === 'sqlite'
    ? 'INSERT INTO stage_entry (opportunity_id, stage) SELECT opportunity_id, to_stage FROM stage_history WHERE true ON CONFLICT DO NOTHING'
    : 'INSERT INTO stage_entry (opportunity_id, stage) SELECT opportunity_id, to_stage FROM stage_history ON DUPLICATE KEY UPDATE stage = VALUES(stage)');
  const entered: { o: number | null; s: string; n: string | number }[] = await c.tx.query(
    'SELECT o.owner_id AS o, se.stage AS s, COUNT(*) AS n FROM stage_entry se JOIN opportunity o ON o.id = se.opportunity_id GROUP BY o.owner_id, se.stage');
  for (const r of entered) pipes.push({ ownerId: Number(r.o ?? 0), kind: 'entered', bucket: '', stage: r.s, n: Number(r.n), amount: 0 });
  const pipe = pipeDeltas(pipes);
  await addPipeDeltas(c.tx, kind, pipe);
  const [{ n }] = await c.tx.query('SELECT COUNT(*) AS n FROM stage_entry') as { n: string | number }[];
  return { metricRows, pipelineRows: pipe.size, stageEntries: Number(n) };
}
