// Random CRM activity through the real use cases (so the rollup hooks see it), and boards computed the naive way
// with plain SQL over the raw tables, for comparison with the rollup-backed boards.
import type { Db } from '../../../server/domain/shared/db.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { systemActor, type Actor } from '../../../server/domain/shared/actor.js';
import { createRecord, deleteRecord, updateRecord } from '../../../server/domain/shared/records.js';
import { customerObject } from '../../../server/domain/customer/customer.object.js';
import { opportunityObject } from '../../../server/domain/opportunity/opportunity.object.js';
import { activityObject } from '../../../server/domain/activity/activity.object.js';
import { logFollowUp } from '../../../server/domain/activity/log-follow-up.js';
import { moveStage } from '../../../server/domain/opportunity/move-stage.js';
import { recordPayment } from '../../../server/domain/contract/record-payment.js';
import { undoReceipt } from '../../../server/domain/contract/undo-receipt.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { dbTime } from '../../../server/domain/shared/sql.js';
import { periodRange, type Period } from '../../../server/domain/leaderboard/period.js';
import type { Metric } from '../../../server/domain/leaderboard/contributions.js';
import type { TestClock } from '../../helpers/clock.js';
import { DAY, HOUR } from '../../helpers/clock.js';
import type { Org } from '../../helpers/org.js';

export const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, teamId: u.teamId, locale: 'zh-CN', channel: 'api' });
const REGIONS = ['江北区', '渝中区', '南岸区', null];
const STAGES = ['initial_contact', 'needs_analysis', 'proposal', 'negotiation'];

function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

/** `ops` random operations spread over the last `days` days, oldest first; returns counts by kind. */
export async function randomActivity(db: Db, clock: TestClock, org: Org, ops: number, days = 200, seed = 7): Promise<Record<string, number>> {
  const r = rng(seed);
  const end = clock.now().getTime();
  const owners = [org.users.repA, org.users.repB, org.users.repC, org.users.mgrEast, org.users.mgrWest];
  const customers: { id: number; owner: User }[] = [];
  const opps: { id: number; owner: User; stage: number; open: boolean }[] = [];
  const acts: { id: number; owner: User }[] = [];
  const payments: number[] = [];
  const counts: Record<string, number> = {};
  const tick = (k: string) => { counts[k] = (counts[k] ?? 0) + 1; };
  for (let i = 0; i < ops; i++) {
    clock.set(new Date(end - days * DAY + Math.floor(((i + r.next()) / ops) * days * DAY)));
    const roll = r.next();
    if (customers.length < 5 || roll < 0.15) {
      const owner = r.pick(owners);
      const cu = await withTx(db, actorOf(owner), (c) => createRecord(c, customerObject, { name: `客户${seed}-${i}号有限公司`, level: 'B', region: r.pick(REGIONS) ?? undefined }));
      customers.push({ id: cu.id, owner }); tick('customer');
    } else if (roll < 0.55) {
      const cu = r.pick(customers);
      const res = await withTx(db, actorOf(cu.owner), (c) => logFollowUp(c, { customerId: cu.id, type: 'call', content: `跟进 ${i}`, occurredAt: new Date(clock.now().getTime() - r.int(0, 72) * HOUR) }));
      acts.push({ id: Number(res.activity.id), owner: cu.owner }); tick('followup');
    } else if (roll < 0.67) {
      const cu = r.pick(customers);
      const stage = r.int(0, 1);
      const o = await withTx(db, actorOf(cu.owner), (c) => createRecord(c, opportunityObject, {
        customerId: cu.id, name: `商机${i}`, amountCents: r.int(1, 500) * 100_000, stage: STAGES[stage], expectedCloseAt: new Date(clock.now().getTime() + r.int(-20, 150) * DAY),
      }));
      opps.push({ id: o.id, owner: cu.owner, stage, open: true }); tick('opportunity');
    } else if (roll < 0.85) {
      const open = opps.filter((o) => o.open);
      if (!open.length) continue;
      const o = r.pick(open);
      const x = r.next();
      const to = x < 0.2 ? 'won' : x < 0.3 ? 'lost' : STAGES[Math.min(3, o.stage + r.int(1, 2))];
      if (to === STAGES[o.stage]) continue;
      await withTx(db, actorOf(o.owner), (c) => moveStage(c, o.id, { stage: to, lostReason: to === 'lost' ? '预算不足' : undefined }));
      if (to === 'won' || to === 'lost') o.open = false; else o.stage = STAGES.indexOf(to);
      tick(`move_${to === 'won' || to === 'lost' ? to : 'stage'}`);
    } else if (roll < 0.9) {
      const o = r.pick(opps.length ? opps : [null])!;
      if (!o) continue;
      await withTx(db, actorOf(o.owner), (c) => updateRecord(c, opportunityObject, o.id, { amountCents: r.int(1, 500) * 100_000 })); tick('opp_amount');
    } else if (roll < 0.93) {
      const a = acts.splice(r.int(0, Math.max(0, acts.length - 1)), 1)[0];
      if (!a) continue;
      await withTx(db, actorOf(a.owner), (c) => deleteRecord(c, activityObject, a.id)); tick('delete_followup');
    } else if (roll < 0.95) {
      const cu = r.pick(customers);
      await withTx(db, actorOf(cu.owner), (c) => updateRecord(c, customerObject, cu.id, { region: r.pick(REGIONS) })); tick('customer_region');
    } else {
      const cu = r.pick(customers);
      // A contract approved elsewhere (the approval engine's business), then receipts recorded by finance.
      const now = clock.now();
      const contract = await db.ds.getRepository(Contract).save({ title: `合同${i}`, customerId: cu.id, amountCents: 1_000_000, status: 'approved', ownerId: cu.owner.id, createdAt: now, updatedAt: now });
      const p = await db.ds.getRepository(Payment).save({ contractId: contract.id, plannedAmountCents: 1_000_000, receivedAmountCents: 0, status: 'planned', ownerId: cu.owner.id, createdAt: now, updatedAt: now });
      payments.push(p.id);
      // Any instalment so far, so one instalment's receipts fall in different days, weeks and months.
      const pid = r.pick(payments);
      await withTx(db, actorOf(org.users.finance), (c) => recordPayment(c, pid, { amountCents: r.int(1, 30) * 10_000, receivedAt: new Date(now.getTime() - r.int(0, 48) * HOUR) }));
      tick('payment');
      const x = r.next();
      if (x < 0.25) {
        // Taken back by its recorder within the five minutes: off the day it was counted on.
        const [{ id }] = await db.ds.query('SELECT MAX(id) AS id FROM payment_receipt') as { id: number }[];
        await withTx(db, actorOf(org.users.finance), (c) => undoReceipt(c, Number(id)));
        tick('undo_receipt');
      } else if (x < 0.4) {
        // An instalment changing hands (as any use case that moves one would: the row, and payment.updated with the owner before).
        const moved = r.pick(payments);
        const to = r.pick([...owners, null]);
        await withTx(db, systemActor('test'), async (c) => {
          const before = await c.tx.findOneByOrFail(Payment, { id: moved });
          await c.tx.update(Payment, { id: moved }, { ownerId: to?.id ?? null, updatedAt: c.now });
          c.emit({ type: 'payment.updated', entity: 'payment', id: moved, data: { before: { ownerId: before.ownerId } } });
        });
        tick('payment_owner');
      }
    }
  }
  clock.set(new Date(end));
  return counts;
}

/**
 * One of each record (a new customer, a follow-up, a won deal, a payment received) by each of `owners` in turn at each
 * instant: around New Year's midnight these land in one year in the company's zone and another in UTC.
 */
export async function activityAt(db: Db, clock: TestClock, org: Org, instants: Date[]): Promise<void> {
  const owners = [org.users.repA, org.users.repB, org.users.repC, org.users.mgrEast];
  const end = clock.now();
  for (const [i, at] of instants.entries()) {
    clock.set(at);
    const owner = owners[i % owners.length];
    const cu = await withTx(db, actorOf(owner), (c) => createRecord(c, customerObject, { name: `跨年客户${i}号`, level: 'B' }));
    await withTx(db, actorOf(owner), (c) => logFollowUp(c, { customerId: cu.id, type: 'visit', content: `跨年拜访 ${i}` }));
    const o = await withTx(db, actorOf(owner), (c) => createRecord(c, opportunityObject, { customerId: cu.id, name: `跨年商机${i}`, amountCents: (i + 1) * 1_000_000, stage: STAGES[0], expectedCloseAt: at }));
    await withTx(db, actorOf(owner), (c) => moveStage(c, o.id, { stage: 'won' }));
    const contract = await db.ds.getRepository(Contract).save({ title: `跨年合同${i}`, customerId: cu.id, amountCents: 1_000_000, status: 'approved', ownerId: owner.id, createdAt: at, updatedAt: at });
    const p = await db.ds.getRepository(Payment).save({ contractId: contract.id, plannedAmountCents: 1_000_000, receivedAmountCents: 0, status: 'planned', ownerId: owner.id, createdAt: at, updatedAt: at });
    await withTx(db, actorOf(org.users.finance), (c) => recordPayment(c, p.id, { amountCents: (i + 1) * 10_000, receivedAt: at }));
  }
  clock.set(end);
}

const NAIVE: Record<Metric, string> = {
  won_amount: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM opportunity WHERE status = 'won' AND closed_at >= ? AND closed_at < ? AND owner_id IN (%IDS%) GROUP BY owner_id`,
  payments: `SELECT owner_id AS uid, SUM(amount_cents) AS v FROM payment_credit WHERE received_at >= ? AND received_at < ? AND undone_at IS NULL AND owner_id IN (%IDS%) GROUP BY owner_id`,
  new_customers: `SELECT created_by_id AS uid, COUNT(*) AS v FROM customer WHERE created_at >= ? AND created_at < ? AND created_by_id IN (%IDS%) GROUP BY created_by_id`,
  followups: `SELECT author_id AS uid, COUNT(*) AS v FROM activity WHERE occurred_at >= ? AND occurred_at < ? AND author_id IN (%IDS%) GROUP BY author_id`,
};

/** Users of a team subtree (all users when null). */
export async function teamUsers(db: Db, teamId: number | null, activeRanked = false): Promise<number[]> {
  const teams: { id: number; parent_id: number | null }[] = await db.ds.query('SELECT id, parent_id FROM team');
  const ids = teamId === null ? null : [teamId];
  if (ids) for (let i = 0; i < ids.length; i++) for (const t of teams) if (Number(t.parent_id) === ids[i] && !ids.includes(Number(t.id))) ids.push(Number(t.id));
  const rows: { id: number }[] = await db.ds.query(`SELECT id FROM \`user\` WHERE 1=1${ids ? ` AND team_id IN (${ids.join(',')})` : ''}${activeRanked ? " AND active = 1 AND role IN ('rep', 'manager')" : ''}`.replace(/`/g, db.kind === 'sqlite' ? '"' : '`'));
  return rows.map((x) => Number(x.id));
}

/** The board by GROUP BY over the raw tables: [userId, value] for non-zero values, ranked like the app. */
export async function naiveBoard(db: Db, metric: Metric, period: Period, offset: number, teamId: number | null, now: Date, tz = 'Asia/Shanghai') {
  const range = periodRange(period, now, tz, offset);
  const people = await teamUsers(db, teamId, true);
  const raw: { uid: number; v: string | number }[] = await db.ds.query(NAIVE[metric].replace('%IDS%', people.join(',')), [dbTime(db, range.start), dbTime(db, range.end)]);
  const sorted = raw.map((x) => ({ userId: Number(x.uid), value: Number(x.v) })).filter((x) => x.value > 0).sort((a, b) => b.value - a.value || a.userId - b.userId);
  let rank = 0;
  return sorted.map((x, i) => ({ rank: i > 0 && sorted[i - 1].value === x.value ? rank : (rank = i + 1), userId: x.userId, value: x.value }));
}

const monthOf = (d: unknown, tz: string) => {
  if (d === null || d === undefined) return '';
  const t = d instanceof Date ? d : new Date(`${String(d).replace(' ', 'T')}Z`);
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' }).format(t).slice(0, 7);
};

/** The funnel by plain SQL: open count/amount per stage, distinct entries per stage, forecast by month, regions. */
export async function naiveFunnel(db: Db, teamId: number | null, probabilities: Record<string, number>, tz = 'Asia/Shanghai') {
  const owners = await teamUsers(db, teamId);
  const inOwners = teamId === null ? '1=1' : `o.owner_id IN (${owners.join(',') || '-1'})`;
  const open: { stage: string; n: number; a: number }[] = await db.ds.query(`SELECT o.stage AS stage, COUNT(*) AS n, SUM(o.amount_cents) AS a FROM opportunity o WHERE o.status = 'open' AND ${inOwners} GROUP BY o.stage`);
  const entered: { stage: string; n: number }[] = await db.ds.query(`SELECT sh.to_stage AS stage, COUNT(DISTINCT sh.opportunity_id) AS n FROM stage_history sh JOIN opportunity o ON o.id = sh.opportunity_id WHERE ${inOwners} GROUP BY sh.to_stage`);
  const rows: { stage: string; a: number; d: unknown; region: string | null }[] = await db.ds.query(`SELECT o.stage AS stage, o.amount_cents AS a, o.expected_close_at AS d, cu.region AS region FROM opportunity o JOIN customer cu ON cu.id = o.customer_id WHERE o.status = 'open' AND ${inOwners}`);
  const months = new Map<string, { count: number; amount: number; weighted: number }>();
  const regions = new Map<string, { count: number; amount: number; weighted: number }>();
  let forecast = 0;
  for (const x of rows) {
    const w = (Number(x.a) * (probabilities[x.stage] ?? 0)) / 100;
    forecast += w;
    for (const [map, key] of [[months, monthOf(x.d, tz)], [regions, x.region ?? '']] as const) {
      const b = map.get(key) ?? { count: 0, amount: 0, weighted: 0 };
      b.count += 1; b.amount += Number(x.a); b.weighted += w;
      map.set(key, b);
    }
  }
  return {
    open: Object.fromEntries(open.map((x) => [x.stage, { count: Number(x.n), amountCents: Number(x.a) }])),
    entered: Object.fromEntries(entered.map((x) => [x.stage, Number(x.n)])),
    forecastCents: Math.round(forecast),
    months: Object.fromEntries([...months].map(([k, b]) => [k, { count: b.count, amountCents: b.amount, weightedCents: Math.round(b.weighted) }])),
    regions: Object.fromEntries([...regions].map(([k, b]) => [k, { count: b.count, amountCents: b.amount, weightedCents: Math.round(b.weighted) }])),
  };
}
