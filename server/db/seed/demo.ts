// The demo company: people and teams first, then customers, contacts, leads, deals, contracts, payments and
// 90 days of follow-ups, generated from a seeded PRNG (same names every run) and written with multi-row INSERTs.
import type { Db } from '../../domain/shared/db.js';
import { User } from '../../domain/user/user.entity.js';
import { Customer } from '../../domain/customer/customer.entity.js';
import { Contact } from '../../domain/customer/contact.entity.js';
import { Lead } from '../../domain/lead/lead.entity.js';
import { Opportunity } from '../../domain/opportunity/opportunity.entity.js';
import { StageHistory } from '../../domain/opportunity/stage-history.entity.js';
import { Contract } from '../../domain/contract/contract.entity.js';
import { Payment } from '../../domain/contract/payment.entity.js';
import { PaymentCredit } from '../../domain/contract/payment-credit.entity.js';
import { Activity } from '../../domain/activity/activity.entity.js';
import { Task } from '../../domain/activity/task.entity.js';
import { seedDemoPeople } from './demo-people.js';
import { makeRng } from './prng.js';
import { withTx } from '../../domain/shared/with-tx.js';
import { systemActor } from '../../domain/shared/actor.js';
import { rebuildRollups } from '../../domain/leaderboard/rebuild-rollups.js';
import { bulkInsert, nextId } from './bulk-insert.js';
import { buildCustomers } from './demo-customers.js';
import { buildLeads, leadFollowUps, linkConversions } from './demo-leads.js';
import { buildDeals } from './demo-deals.js';
import { buildFollowUps } from './demo-activities.js';
import { quoteName } from '../../domain/shared/sql.js';

export interface SeedOptions { reset?: boolean; log?: (line: string) => void }

/** The seed every demo run uses: tests rely on the names it produces. */
export const DEMO_SEED = 20261118;

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.ds.getRepository(User).count()) === 0;
}

const TABLES = ['metric_rollup', 'pipeline_rollup', 'stage_entry', 'board_push', 'chat_binding', 'reminder', 'card_instance',
  'approval_timer', 'approval_event', 'approval_task', 'approval_step', 'approval_instance', 'approval_definition', 'outbox_message', 'inbox_event', 'session', 'api_key', 'audit_log', 'setting', 'custom_field', 'payment_credit', 'payment_receipt', 'payment', 'contract',
  'task', 'activity', 'stage_history', 'opportunity', 'lead', 'contact', 'customer', 'user', 'team'];

/**
 * Writes the demo company. Who: `npm run seed:demo` and the first `npm start` on an empty embedded DB.
 * Writes: every CRM table (directly, not through use cases: no audit rows). Idempotent with `reset` (clears all
 * tables first, then writes the same company from a fixed seed); without it, call only on an empty database.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  if (opts.reset) {
    for (const t of TABLES) await db.ds.query(`DELETE FROM ${quoteName(db, t)}`);
    log('demo: cleared existing data');
  }
  const people = await seedDemoPeople(db, log);
  const byUsername = new Map([...people].map(([u, p]) => [u, p.id]));
  // Records belong to the reps and, less often, to the two team managers.
  const reps = [...people.values()].filter((p) => p.role === 'rep' && p.teamId !== null).map((p) => p.id);
  const owners = [...reps, ...reps, byUsername.get('mgr.wang')!, byUsername.get('mgr.chen')!];
  const now = db.clock.now();
  const rng = makeRng(DEMO_SEED);

  const { customers, contacts, taken } = buildCustomers(rng, {
    now, owners, byUsername, generated: 196, pool: 12, firstId: await nextId(db, Customer), firstContactId: await nextId(db, Contact),
  });
  const leads = buildLeads(rng, { now, owners, taken, firstId: await nextId(db, Lead), pool: 20, owned: 40 });
  const deals = buildDeals(rng, customers, now, {
    opportunity: await nextId(db, Opportunity), history: await nextId(db, StageHistory), contract: await nextId(db, Contract), payment: await nextId(db, Payment),
  });
  const follow = buildFollowUps(rng, customers, contacts, deals.opportunities, now, { activity: await nextId(db, Activity), task: await nextId(db, Task) });
  linkConversions(rng, leads, customers);
  follow.activities.push(...leadFollowUps(rng, leads, now, follow.activities.length ? follow.activities[follow.activities.length - 1].id + 1 : await nextId(db, Activity)));

  await db.ds.transaction(async (manager) => {
    const write = async (label: string, entity: Parameters<typeof bulkInsert>[1], rows: object[]) => {
      await bulkInsert(db, entity, rows as never[], { manager });
      log(`demo: ${rows.length} ${label}`);
    };
    await write('customers', Customer, customers.map(({ english: _e, ...c }) => c));
    await write('contacts', Contact, contacts);
    await write('leads', Lead, leads);
    await write('opportunities', Opportunity, deals.opportunities);
    await write('stage changes', StageHistory, deals.history);
    await write('contracts', Contract, deals.contracts);
    await write('payments', Payment, deals.payments);
    // What the instalments received, as the credits the payments board and the month's figures count (one each, on its day).
    await write('payment credits', PaymentCredit, deals.payments.filter((p) => p.receivedAmountCents > 0 && p.receivedAt).map((p): Partial<PaymentCredit> => ({
      receiptId: null, paymentId: p.id, ownerId: p.ownerId, receivedAt: p.receivedAt!, amountCents: p.receivedAmountCents, undoneAt: null, createdAt: p.receivedAt!,
    })));
    await write('follow-ups', Activity, follow.activities);
    await write('tasks', Task, follow.tasks);
  });
  // The rows went in directly, past the domain hooks: build the leaderboard rollups from them once.
  const rolled = await withTx(db, systemActor('demo-seed'), (c) => rebuildRollups(c));
  log(`demo: leaderboard rollups (${rolled.metricRows} metric rows, ${rolled.pipelineRows} pipeline rows)`);
  log(`demo: done in ${Date.now() - started} ms`);
}
