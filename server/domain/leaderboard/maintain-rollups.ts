// Keeps the leaderboard rollups in step with the records, inside the transaction that changes them (a domain-event
// hook, see with-tx.ts): follow-ups, new customers, money received (payment credits), wins, and open opportunities per
// stage/month/region. An instalment changing hands takes its credits along (payment_credit.owner_id follows it here).
import type { DomainContext, DomainEvent } from '../shared/with-tx.js';
import { onDomainEvents } from '../shared/with-tx.js';
import type { Db } from '../shared/db.js';
import { getSetting } from '../settings/settings.js';
import { metricPoints, negate, pipePoints, ROLLUP_ENTITIES, type MetricPoint, type PipePoint } from './contributions.js';
import { addMetricDeltas, addPipeDeltas, metricDeltas, pipeDeltas, usersOf } from './rollup-store.js';
import { stampOnPeopleChanges, stampTeamsOf } from './board-stamps.js';
import { keepBoards } from './board-cache.js';

type Row = Record<string, unknown>;
const TABLE: Record<string, string> = { activity: 'activity', customer: 'customer', payment_credit: 'payment_credit', opportunity: 'opportunity' };
const COLUMNS: Record<string, string> = {
  activity: 'id, author_id AS "authorId", occurred_at AS "occurredAt"',
  customer: 'id, created_by_id AS "createdById", created_at AS "createdAt", region',
  payment_credit: 'id, owner_id AS "ownerId", received_at AS "receivedAt", amount_cents AS "amountCents", undone_at AS "undoneAt"',
  opportunity: 'id, owner_id AS "ownerId", customer_id AS "customerId", status, stage, amount_cents AS "amountCents", closed_at AS "closedAt", expected_close_at AS "expectedCloseAt"',
};

interface Change {
  entity: string; id: number; before: Row | null; deleted: boolean; stageMove?: { from: string; amountCents: number }; syncStages: boolean;
  /** The row as created, when its creator handed it on (data.row) and nothing else touched it in the batch: no read-back. */
  created?: Row;
}

const sel = (c: DomainContext, sql: string) => (c.db.kind === 'sqlite' ? sql : sql.replace(/"(\w+)"/g, '`$1`'));

async function load(c: DomainContext, entity: string, id: number): Promise<Row | null> {
  const rows: Row[] = await c.tx.query(sel(c, `SELECT ${COLUMNS[entity]} FROM ${TABLE[entity]} WHERE id = ?`), [id]);
  return rows[0] ?? null;
}

/** The first event of each record in the batch decides its "before"; the row as it is now is its "after". */
function collect(events: DomainEvent[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const e of events) {
    if (!ROLLUP_ENTITIES.has(e.entity) || !Number.isInteger(e.id)) continue;
    const verb = e.type.slice(e.entity.length + 1);
    if (!['created', 'updated', 'deleted', 'stage_changed'].includes(verb)) continue;
    const key = `${e.entity}:${e.id}`;
    let ch = byKey.get(key);
    const data = (e.data ?? {}) as Row;
    if (ch) delete ch.created;
    if (!ch) {
      ch = { entity: e.entity, id: e.id, before: null, deleted: false, syncStages: false };
      if (verb === 'created' && data.row) ch.created = data.row as Row;
      if (verb === 'updated' || verb === 'deleted') ch.before = (data.before as Row | undefined) ?? null;
      if (verb === 'stage_changed') ch.stageMove = { from: String(data.from), amountCents: Number(data.amountCents ?? 0) };
      byKey.set(key, ch);
    }
    if (verb === 'deleted') ch.deleted = true;
    if (e.entity === 'opportunity' && verb !== 'updated') ch.syncStages = true;
    if (e.entity === 'opportunity' && verb === 'updated' && ch.before && 'ownerId' in ch.before) ch.syncStages = true;
  }
  return [...byKey.values()];
}

async function regionOf(c: DomainContext, customerId: unknown, cache: Map<number, string | null>): Promise<string | null> {
  const id = Number(customerId);
  if (!cache.has(id)) {
    const rows: { region: string | null }[] = await c.tx.query('SELECT region FROM customer WHERE id = ?', [id]);
    cache.set(id, rows[0]?.region ?? null);
  }
  return cache.get(id)!;
}

/** Stages the opportunity has entered (stage_history) against those already counted (stage_entry), moved with its owner. */
async function syncStageEntries(c: DomainContext, id: number, before: Row | null, after: Row | null, out: PipePoint[]): Promise<void> {
  const counted = (await c.tx.query('SELECT stage FROM stage_entry WHERE opportunity_id = ?', [id]) as { stage: string }[]).map((r) => r.stage);
  const entered = after ? (await c.tx.query('SELECT DISTINCT to_stage AS s FROM stage_history WHERE opportunity_id = ?', [id]) as { s: string }[]).map((r) => r.s) : [];
  const oldOwner = Number((before ?? after)?.ownerId ?? 0);
  const newOwner = Number(after?.ownerId ?? 0);
  for (const s of counted) out.push({ ownerId: oldOwner, kind: 'entered', bucket: '', stage: s, n: -1, amount: 0 });
  for (const s of entered) out.push({ ownerId: newOwner, kind: 'entered', bucket: '', stage: s, n: 1, amount: 0 });
  const gone = counted.filter((s) => !entered.includes(s));
  const fresh = entered.filter((s) => !counted.includes(s));
  if (gone.length) await c.tx.query(`DELETE FROM stage_entry WHERE opportunity_id = ? AND stage IN (${gone.map(() => '?').join(',')})`, [id, ...gone]);
  if (fresh.length) await c.tx.query(`INSERT INTO stage_entry (opportunity_id, stage) VALUES ${fresh.map(() => '(?,?)').join(',')}`, fresh.flatMap((s) => [id, s]));
}

/** Instalments whose owner may have changed in the batch: `payment.updated` events whose "before" carries an owner. */
function ownerChanges(events: DomainEvent[]): number[] {
  const ids = new Set<number>();
  for (const e of events) {
    const before = (e.data as Row | undefined)?.before as Row | undefined;
    if (e.type === 'payment.updated' && Number.isInteger(e.id) && before && 'ownerId' in before) ids.add(e.id);
  }
  return [...ids];
}

/**
 * Credits whose owner is not their instalment's (it changed hands): each leaves the old owner's board on its day and
 * joins the new owner's, and the credit rows take the new owner. Runs after the batch's other changes were read, so
 * a credit written in the batch is moved exactly once.
 */
async function followInstalmentOwner(c: DomainContext, paymentId: number, tz: string, out: MetricPoint[]): Promise<void> {
  const differs = c.db.kind === 'sqlite' ? 'cr.owner_id IS NOT p.owner_id' : 'NOT (cr.owner_id <=> p.owner_id)';
  const rows: Row[] = await c.tx.query(sel(c, `SELECT cr.id, cr.owner_id AS "ownerId", cr.received_at AS "receivedAt", cr.amount_cents AS "amountCents",
      cr.undone_at AS "undoneAt", p.owner_id AS "newOwnerId" FROM payment_credit cr JOIN payment p ON p.id = cr.payment_id WHERE cr.payment_id = ? AND ${differs}`), [paymentId]);
  if (!rows.length) return;
  for (const r of rows) {
    out.push(...metricPoints('payment_credit', r, tz).map(negate), ...metricPoints('payment_credit', { ...r, ownerId: r.newOwnerId }, tz));
  }
  await c.tx.query(`UPDATE payment_credit SET owner_id = ? WHERE id IN (${rows.map(() => '?').join(',')})`, [rows[0].newOwnerId ?? null, ...rows.map((r) => Number(r.id))]);
}

/** The hook: applies the batch's changes to metric_rollup and pipeline_rollup. */
export async function maintainRollups(c: DomainContext, events: DomainEvent[]): Promise<void> {
  const changes = collect(events);
  const moved = ownerChanges(events);
  if (!changes.length && !moved.length) return;
  const tz = await getSetting(c, 'timeZone');
  const metrics: MetricPoint[] = [];
  const pipes: PipePoint[] = [];
  const regions = new Map<number, string | null>();
  for (const ch of changes) {
    const after = ch.deleted ? null : ch.created ?? await load(c, ch.entity, ch.id);
    let before = ch.before;
    if (ch.stageMove && !before && after) before = { ...after, stage: ch.stageMove.from, status: 'open', closedAt: null, amountCents: ch.stageMove.amountCents };
    if (!after && !before) continue;
    metrics.push(...metricPoints(ch.entity, before, tz).map(negate), ...metricPoints(ch.entity, after, tz));
    if (ch.entity === 'opportunity') {
      if (before) pipes.push(...pipePoints(before, await regionOf(c, before.customerId, regions), tz).map(negate));
      if (after) pipes.push(...pipePoints(after, await regionOf(c, after.customerId, regions), tz));
      if (ch.syncStages) await syncStageEntries(c, ch.id, before, after, pipes);
    }
    // A customer moving region moves its open opportunities in the region breakdown.
    if (ch.entity === 'customer' && before && after && (before.region ?? null) !== (after.region ?? null)) {
      const open: Row[] = await c.tx.query(sel(c, `SELECT ${COLUMNS.opportunity} FROM opportunity WHERE customer_id = ? AND status = 'open'`), [ch.id]);
      for (const o of open) {
        pipes.push(...pipePoints(o, (before.region as string | null) ?? null, tz).filter((p) => p.kind === 'region').map(negate));
        pipes.push(...pipePoints(o, (after.region as string | null) ?? null, tz).filter((p) => p.kind === 'region'));
      }
    }
  }
  for (const id of moved) await followInstalmentOwner(c, id, tz, metrics);
  const deltas = metricDeltas(metrics);
  await addMetricDeltas(c.tx, c.db.kind, deltas);
  await stampTeamsOf(c, usersOf(deltas));
  await addPipeDeltas(c.tx, c.db.kind, pipeDeltas(pipes));
}

const installed = new WeakSet<Db>();
/**
 * Registers the rollup hook once per database handle (composeServer, tests, benchmarks), and the one that stamps every
 * board when people, teams or a board setting change (board-stamps.ts); with the stamps kept, boards may be (board-cache.ts).
 */
export function installRollups(db: Db): void {
  if (installed.has(db)) return;
  installed.add(db);
  onDomainEvents(db, maintainRollups);
  onDomainEvents(db, stampOnPeopleChanges);
  keepBoards(db);
}
