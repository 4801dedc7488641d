// A big synthetic CRM for benchmarks: reps in teams, customers (a few in the pool), contacts, opportunities,
// follow-ups, tasks, contracts and payments, written with multi-row INSERTs (a few in flight at once) and
// streamed in customer batches so a million follow-ups never sit in memory together. Names and texts reuse the
// demo vocabulary, so query plans and row sizes look like production rather than like 'x'.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Db } from '../../server/domain/shared/db.js';
import { bulkInsert } from '../../server/db/seed/bulk-insert.js';
import { makeRng } from '../../server/db/seed/prng.js';
import { BRANDS, DISTRICTS, FOLLOW_UPS, INDUSTRIES, SUFFIXES, TITLES, NEXT_STEPS } from '../../server/db/seed/demo-words.js';
import { chineseName, mobile, DAY, WAN } from '../../server/db/seed/demo-util.js';
import { normalizeCompanyName } from '../../server/domain/shared/normalize-name.js';
import { DEFAULT_SETTINGS } from '../../server/domain/settings/settings.js';
import { Team } from '../../server/domain/user/team.entity.js';
import { User } from '../../server/domain/user/user.entity.js';
import { Customer } from '../../server/domain/customer/customer.entity.js';
import { Contact } from '../../server/domain/customer/contact.entity.js';
import { Opportunity } from '../../server/domain/opportunity/opportunity.entity.js';
import { Activity } from '../../server/domain/activity/activity.entity.js';
import { Task } from '../../server/domain/activity/task.entity.js';
import { Contract } from '../../server/domain/contract/contract.entity.js';
import { Payment } from '../../server/domain/contract/payment.entity.js';

export interface CrmShape {
  customers: number;
  /** Average follow-ups per customer (spread 20%–180% of it). */
  activitiesPerCustomer: number;
  reps: number;
  repsPerTeam: number;
  /** Share of customers in the public pool. */
  poolShare: number;
}

export interface CrmCounts { users: number; customers: number; contacts: number; opportunities: number; activities: number; tasks: number; contracts: number; payments: number }

/** Keeps up to `limit` INSERT statements running while the next batch is built. */
class Writer {
  private inFlight = new Set<Promise<unknown>>();
  constructor(private db: Db, private limit = 3) {}
  async push<T extends ObjectLiteral>(entity: EntityTarget<T>, rows: Partial<T>[], chunk = 2000): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) {
      while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
      const p: Promise<unknown> = bulkInsert(this.db, entity, rows.slice(i, i + chunk), { chunk }).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }
  async flush(): Promise<void> { await Promise.all(this.inFlight); }
}

export async function generateCrm(db: Db, shape: CrmShape, now: Date, log: (line: string) => void): Promise<CrmCounts> {
  const rng = makeRng(424242);
  const w = new Writer(db);
  const started = Date.now();
  const counts: CrmCounts = { users: 0, customers: 0, contacts: 0, opportunities: 0, activities: 0, tasks: 0, contracts: 0, payments: 0 };
  const t0 = new Date(now.getTime() - 400 * DAY);

  // Org: one sales department, teams of `repsPerTeam` reps each with a manager, and an admin.
  const teamCount = Math.max(1, Math.ceil(shape.reps / shape.repsPerTeam));
  const teams: Partial<Team>[] = [{ id: 1, name: 'sales', parentId: null, headId: null, createdAt: t0 }];
  for (let t = 0; t < teamCount; t++) teams.push({ id: 2 + t, name: `team ${t + 1}`, parentId: 1, headId: null, createdAt: t0 });
  const users: Partial<User>[] = [{ id: 1, username: 'bench.admin', name: 'admin', role: 'admin', locale: 'zh-CN', active: true, createdAt: t0, updatedAt: t0 }];
  for (let t = 0; t < teamCount; t++) users.push({ id: 2 + t, username: `bench.mgr${t + 1}`, name: chineseName(rng), role: 'manager', teamId: 2 + t, managerId: 1, locale: 'zh-CN', active: true, createdAt: t0, updatedAt: t0 });
  const repIds: number[] = [];
  for (let r = 0; r < shape.reps; r++) {
    const id = 2 + teamCount + r;
    repIds.push(id);
    const team = Math.floor(r / shape.repsPerTeam);
    users.push({ id, username: `bench.rep${r + 1}`, name: chineseName(rng), role: 'rep', teamId: 2 + team, managerId: 2 + team, locale: 'zh-CN', active: true, createdAt: t0, updatedAt: t0 });
  }
  await w.push(Team, teams);
  await w.push(User, users);
  counts.users = users.length;

  const stages = DEFAULT_SETTINGS.stages.map((s) => s.key);
  const types = Object.keys(FOLLOW_UPS) as (keyof typeof FOLLOW_UPS)[];
  const batch = 2000;
  let nextReport = 0.1;
  for (let first = 1; first <= shape.customers; first += batch) {
    const customers: Partial<Customer>[] = []; const contacts: Partial<Contact>[] = []; const opps: Partial<Opportunity>[] = [];
    const acts: Partial<Activity>[] = []; const tasks: Partial<Task>[] = []; const contracts: Partial<Contract>[] = []; const payments: Partial<Payment>[] = [];
    for (let id = first; id < Math.min(first + batch, shape.customers + 1); id++) {
      const ind = rng.pick(INDUSTRIES);
      const name = `${rng.pick(BRANDS)}${rng.pick(ind.words)}${id.toString(36)}${rng.pick(SUFFIXES)}`;
      const ownerId = rng.chance(shape.poolShare) ? null : rng.pick(repIds);
      const createdAt = new Date(t0.getTime() + rng.next() * 300 * DAY);
      const n = Math.round(shape.activitiesPerCustomer * (0.2 + rng.next() * 1.6));
      let last: Date | null = null;
      const contactNames: string[] = [];
      for (let k = 0, m = rng.int(1, 3); k < m; k++) {
        const cn = chineseName(rng);
        contactNames.push(cn);
        contacts.push({ customerId: id, name: cn, title: rng.pick(TITLES), phone: mobile(rng), isPrimary: k === 0, createdAt, updatedAt: createdAt });
      }
      const oppId = rng.chance(0.5) ? ++counts.opportunities : null;
      if (oppId) {
        const stage = rng.weighted([...stages.map((s) => [s, 2] as const), ['won', 1], ['lost', 1]]);
        opps.push({ id: oppId, customerId: id, name: `${ind.products[0]} ${id}`, amountCents: rng.int(3, 300) * WAN, stage,
          status: stage === 'won' ? 'won' : stage === 'lost' ? 'lost' : 'open', probability: 30, ownerId, createdAt, updatedAt: createdAt });
      }
      for (let a = 0; a < n; a++) {
        const at = new Date(now.getTime() - rng.next() * 365 * DAY);
        if (!last || at > last) last = at;
        const type = rng.pick(types);
        acts.push({ type, content: rng.pick(FOLLOW_UPS[type]).replace('{c}', rng.pick(contactNames)).replace('{p}', rng.pick(ind.products)).replace('{a}', String(rng.int(5, 200))),
          occurredAt: at, customerId: id, opportunityId: oppId && rng.chance(0.3) ? oppId : null, authorId: ownerId ?? rng.pick(repIds),
          channel: 'bot', nextStep: rng.chance(0.1) ? rng.pick(NEXT_STEPS) : null, createdAt: at });
      }
      if (ownerId && rng.chance(0.2)) {
        tasks.push({ title: rng.pick(NEXT_STEPS), dueAt: new Date(now.getTime() + (rng.next() - 0.3) * 14 * DAY), ownerId, status: 'open', customerId: id, createdAt: now, updatedAt: now });
      }
      if (ownerId && rng.chance(0.1)) {
        const cid = ++counts.contracts;
        const amount = rng.int(3, 300) * WAN;
        contracts.push({ id: cid, title: `contract ${cid}`, customerId: id, opportunityId: oppId, amountCents: amount, status: 'approved', ownerId, createdAt, updatedAt: createdAt });
        for (const part of [Math.round(amount / 2), amount - Math.round(amount / 2)]) {
          payments.push({ contractId: cid, plannedAmountCents: part, receivedAmountCents: rng.chance(0.5) ? part : 0, status: 'planned', ownerId, createdAt, updatedAt: createdAt });
        }
      }
      customers.push({ id, name, normalizedName: normalizeCompanyName(name), level: rng.pick(['A', 'B', 'C'] as const), industry: ind.key,
        region: rng.pick(DISTRICTS), ownerId, poolEnteredAt: ownerId ? null : createdAt, lastFollowUpAt: last, failedFollowUps: 0,
        createdById: ownerId, createdAt, updatedAt: last && last > createdAt ? last : createdAt });
    }
    await w.push(Customer, customers);
    await w.push(Contact, contacts);
    await w.push(Opportunity, opps);
    await w.push(Activity, acts);
    await w.push(Task, tasks);
    await w.push(Contract, contracts);
    await w.push(Payment, payments);
    counts.customers += customers.length; counts.contacts += contacts.length; counts.activities += acts.length;
    counts.tasks += tasks.length; counts.payments += payments.length;
    if (counts.customers / shape.customers >= nextReport || counts.customers === shape.customers) {
      log(`generated ${counts.customers}/${shape.customers} customers, ${counts.activities} follow-ups, ${counts.contacts} contacts (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      nextReport += 0.1;
    }
  }
  await w.flush();
  return counts;
}
