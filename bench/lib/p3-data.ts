// The P3 data set, written by MariaDB itself: INSERT … SELECT over the sequence engine on one connection, with the
// big tables' secondary indexes dropped during the load and built afterwards (see bulk-load.ts). Reps own
// contiguous blocks of customers; follow-ups and deals follow them, so one rep's rows sit together as a live
// system's would.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../server/domain/shared/db.js';
import { DEFAULT_SETTINGS } from '../../server/domain/settings/settings.js';
import { DISTRICTS } from '../../server/db/seed/demo-words.js';
import { dropSecondaryIndexes } from './bulk-load.js';

export interface P3Shape { reps: number; repsPerTeam: number; customers: number; opportunities: number; activities: number }

export const p3ShapeFor = (scale: number): P3Shape => ({
  reps: Math.max(10, Math.round(500 * scale)), repsPerTeam: 10, customers: Math.round(250_000 * scale),
  opportunities: Math.round(1_000_000 * scale), activities: Math.round(10_000_000 * scale),
});

const STAGES = DEFAULT_SETTINGS.stages.map((s) => s.key);
const DAY_S = 86_400;
/** Rows per INSERT … SELECT: one statement per chunk keeps each transaction's undo log bounded. */
const CHUNK = 2_000_000;
/** Tables loaded in bulk; their secondary indexes are built after the load. */
const BIG_TABLES = ['customer', 'opportunity', 'stage_history', 'activity', 'contract', 'payment', 'payment_credit'];

const q = (s: readonly string[]) => s.map((x) => `'${x}'`).join(',');

/** Fills an empty, migrated scratch database; returns how long each step took (seconds), for the log. */
export async function generateP3(db: Db, s: P3Shape, now: Date, log: (l: string) => void): Promise<Record<string, number>> {
  // One connection throughout: the session settings below must apply to every statement.
  const qr = db.ds.createQueryRunner();
  await qr.connect();
  const took: Record<string, number> = {};
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    took[label] = (took[label] ?? 0) + (performance.now() - t) / 1000;
    log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const run = (sql: string) => qr.query(sql);
  try {
    await run('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const T = Math.ceil(s.reps / s.repsPerTeam);
    const REP0 = T + 2;
    const N = `'${now.toISOString().slice(0, 19).replace('T', ' ')}'`;
    const ownerOfCustomer = (col: string) => `${REP0} + FLOOR((${col} - 1) * ${s.reps} / ${s.customers})`;
    const restoreIndexes = await dropSecondaryIndexes(db, BIG_TABLES);

    await step(`users, teams, ${s.customers} customers`, async () => {
      await run(`INSERT INTO team (id, name, parent_id, created_at) VALUES (1, 'sales', NULL, ${N})`);
      await run(`INSERT INTO team (id, name, parent_id, created_at) SELECT seq + 1, CONCAT('team ', seq), 1, ${N} FROM seq_1_to_${T}`);
      await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, active, created_at, updated_at) VALUES (1, 'bench.admin', 'admin', 'zh-CN', 'admin', NULL, 1, ${N}, ${N})`);
      await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, manager_id, active, created_at, updated_at)
        SELECT seq + 1, CONCAT('bench.mgr', seq), CONCAT('mgr ', seq), 'zh-CN', 'manager', seq + 1, 1, 1, ${N}, ${N} FROM seq_1_to_${T}`);
      await run(`INSERT INTO \`user\` (id, username, name, locale, role, team_id, manager_id, active, created_at, updated_at)
        SELECT ${REP0} + seq, CONCAT('bench.rep', seq + 1), CONCAT('rep ', seq + 1), 'zh-CN', 'rep', 2 + FLOOR(seq / ${s.repsPerTeam}), 2 + FLOOR(seq / ${s.repsPerTeam}), 1, ${N}, ${N} FROM seq_0_to_${s.reps - 1}`);
      const regions = `ELT(1 + MOD(seq * 7, ${DISTRICTS.length}), ${q(DISTRICTS)})`;
      await run(`INSERT INTO customer (id, name, normalized_name, level, region, owner_id, failed_follow_ups, created_by_id, created_at, updated_at)
        SELECT seq, CONCAT('customer ', seq), CONCAT('customer', seq), ELT(1 + MOD(seq, 3), 'A', 'B', 'C'), ${regions}, ${ownerOfCustomer('seq')}, 0, ${ownerOfCustomer('seq')},
          ${N} - INTERVAL FLOOR(RAND(1) * 400 * ${DAY_S}) SECOND, ${N} FROM seq_1_to_${s.customers}`);
    });
    for (let a = 1; a <= s.opportunities; a += CHUNK) {
      const b = Math.min(s.opportunities, a + CHUNK - 1);
      const cust = `1 + FLOOR((seq - 1) * ${s.customers} / ${s.opportunities})`;
      // u picks the outcome: 60 % open across the stages, 25 % won, 15 % lost.
      await step('opportunities', () => run(`INSERT INTO opportunity (id, customer_id, name, amount_cents, stage, status, expected_close_at, probability, owner_id, stage_changed_at, closed_at, created_at, updated_at)
        SELECT seq, ${cust}, CONCAT('deal ', seq), (1 + FLOOR(RAND(seq) * 300)) * 1000000,
          CASE WHEN u < 0.6 THEN ELT(1 + FLOOR(u / 0.15), ${q(STAGES)}) WHEN u < 0.85 THEN 'won' ELSE 'lost' END,
          CASE WHEN u < 0.6 THEN 'open' WHEN u < 0.85 THEN 'won' ELSE 'lost' END,
          ${N} + INTERVAL FLOOR(RAND(seq + 7) * 300 - 120) DAY, 30, ${REP0} + FLOOR((${cust} - 1) * ${s.reps} / ${s.customers}), ${N},
          CASE WHEN u < 0.6 THEN NULL ELSE ${N} - INTERVAL FLOOR(RAND(seq + 3) * 365 * ${DAY_S}) SECOND END, ${N} - INTERVAL 400 DAY, ${N}
        FROM (SELECT seq, RAND(seq * 31 + 5) AS u FROM seq_${a}_to_${b}) x`));
    }
    await step('stage history', () => run(`INSERT INTO stage_history (opportunity_id, from_stage, to_stage, amount_cents, changed_by_id, changed_at)
      SELECT o.id, NULL, IF(k.seq < 4, ELT(k.seq + 1, ${q(STAGES)}), o.stage), o.amount_cents, o.owner_id, o.created_at + INTERVAL k.seq DAY
        FROM opportunity o JOIN seq_0_to_4 k ON (o.status = 'open' AND k.seq < FIELD(o.stage, ${q(STAGES)}))
          OR (o.status = 'won') OR (o.status = 'lost' AND (k.seq <= MOD(o.id, 4) OR k.seq = 4))`));
    for (let a = 1; a <= s.activities; a += CHUNK) {
      const b = Math.min(s.activities, a + CHUNK - 1);
      await step('follow-ups', () => run(`INSERT INTO activity (id, type, content, occurred_at, customer_id, author_id, channel, created_at)
        SELECT seq, ELT(1 + MOD(seq, 5), 'call', 'visit', 'wechat', 'meeting', 'email'), 'follow-up notes', t, 1 + FLOOR((seq - 1) * ${s.customers} / ${s.activities}),
          ${REP0} + FLOOR((seq - 1) * ${s.reps} / ${s.activities}), 'bot', t
        FROM (SELECT seq, ${N} - INTERVAL FLOOR(RAND(seq) * 365 * ${DAY_S}) SECOND AS t FROM seq_${a}_to_${b}) x`));
      log(`  follow-ups ${b}/${s.activities}`);
    }
    const contracts = Math.floor(s.customers / 4);
    await step(`${contracts} contracts, ${contracts * 2} payments and their credits`, async () => {
      await run(`INSERT INTO contract (id, title, customer_id, amount_cents, status, owner_id, created_at, updated_at)
        SELECT seq, CONCAT('contract ', seq), seq * 4, 2000000, 'approved', ${ownerOfCustomer('seq * 4')}, ${N}, ${N} FROM seq_1_to_${contracts}`);
      await run(`INSERT INTO payment (contract_id, planned_amount_cents, received_amount_cents, received_at, status, owner_id, created_at, updated_at)
        SELECT c.id, 1000000, IF(RAND(c.id * 2 + k.seq) < 0.7, 1000000, 0), IF(RAND(c.id * 2 + k.seq) < 0.7, ${N} - INTERVAL FLOOR(RAND(c.id + k.seq * 13) * 365 * ${DAY_S}) SECOND, NULL),
          'planned', c.owner_id, ${N}, ${N} FROM contract c JOIN seq_0_to_1 k`);
      // The money as it arrived (what the payments board counts): every other received instalment in two parts, the
      // first 1–60 days before the last (so often in an earlier month), and every tenth a third receipt taken back.
      await run(`INSERT INTO payment_credit (receipt_id, payment_id, owner_id, received_at, amount_cents, undone_at, created_at)
        SELECT NULL, p.id, p.owner_id, IF(k.seq = 0, p.received_at, p.received_at - INTERVAL 1 + FLOOR(RAND(p.id * 3 + k.seq) * 60) DAY),
          CASE WHEN k.seq = 2 THEN 300000 WHEN MOD(p.id, 2) = 1 THEN 1000000 WHEN k.seq = 0 THEN 600000 ELSE 400000 END,
          IF(k.seq = 2, p.received_at, NULL), ${N}
        FROM payment p JOIN seq_0_to_2 k ON k.seq = 0 OR (k.seq = 1 AND MOD(p.id, 2) = 0) OR (k.seq = 2 AND MOD(p.id, 10) = 1)
        WHERE p.received_at IS NOT NULL`);
    });
    for (const { table, rebuild } of restoreIndexes) await step(`indexes of ${table}`, rebuild);
    await step('analyze', () => run('ANALYZE TABLE customer, activity, opportunity, stage_history, payment, payment_credit, `user`, team'));
    return took;
  } finally {
    await qr.release();
  }
}
