// Demo opportunities in every stage (plus won and lost ones with reasons), their stage history, contracts in
// every status and payment plans (received, partly received, planned, overdue).
import type { Rng } from './prng.js';
import type { Opportunity } from '../../domain/opportunity/opportunity.entity.js';
import type { StageHistory } from '../../domain/opportunity/stage-history.entity.js';
import type { Contract, ContractStatus } from '../../domain/contract/contract.entity.js';
import type { Payment } from '../../domain/contract/payment.entity.js';
import { DEFAULT_SETTINGS } from '../../domain/settings/settings.js';
import { INDUSTRIES, LOST_REASONS } from './demo-words.js';
import { DAY, WAN, addMs, shortName } from './demo-util.js';
import type { DemoCustomer } from './demo-customers.js';

export interface Deals { opportunities: Opportunity[]; history: StageHistory[]; contracts: Contract[]; payments: Payment[] }
export interface DealIds { opportunity: number; history: number; contract: number; payment: number }

const STAGES = DEFAULT_SETTINGS.stages;
/** How many opportunities sit in each stage key (open ones), and how many were won or lost. */
const MIX: [string, number][] = [...STAGES.map((s, i): [string, number] => [s.key, [26, 24, 22, 18][i] ?? 10]), ['won', 22], ['lost', 12]];

function amountFor(rng: Rng, level: string): number {
  const wan = level === 'A' ? rng.int(50, 300) : level === 'B' ? rng.int(10, 80) : rng.int(3, 20);
  return wan * WAN + rng.int(0, 9) * 1000 * 100;
}

export function buildDeals(rng: Rng, customers: DemoCustomer[], now: Date, ids: DealIds): Deals {
  const owned = customers.filter((c) => c.ownerId !== null);
  // A customers are likelier to carry a deal (and some carry two).
  const candidates = rng.shuffle(owned.flatMap((c) => (c.level === 'A' ? [c, c] : c.level === 'B' ? [c] : rng.chance(0.5) ? [c] : [])));
  const out: Deals = { opportunities: [], history: [], contracts: [], payments: [] };
  let k = 0;
  for (const [stage, count] of MIX) {
    for (let i = 0; i < count; i++) {
      const cust = candidates[k++ % candidates.length];
      const closed = stage === 'won' || stage === 'lost';
      const createdAt = addMs(now, -rng.int(closed ? 40 : 5, 150) * DAY);
      const reached = closed ? (stage === 'won' ? STAGES.length : rng.int(1, STAGES.length)) : STAGES.findIndex((s) => s.key === stage) + 1;
      const closedAt = closed ? addMs(now, -rng.int(1, 35) * DAY) : null;
      const path = [...STAGES.slice(0, reached).map((s) => s.key), ...(closed ? [stage] : [])];
      const end = closedAt ?? addMs(now, -rng.int(0, 4) * DAY);
      const step = (end.getTime() - createdAt.getTime()) / Math.max(path.length - 1, 1);
      const short = shortName(cust);
      const product = rng.pick(INDUSTRIES.find((x) => x.key === cust.industry)?.products ?? ['CRM标准版']);
      const opp: Opportunity = {
        id: ids.opportunity + out.opportunities.length, customerId: cust.id, name: `${short}${/[A-Za-z]$/.test(short) ? ' ' : ''}${product}项目`,
        amountCents: amountFor(rng, cust.level), stage, status: stage === 'won' ? 'won' : stage === 'lost' ? 'lost' : 'open',
        lostReason: stage === 'lost' ? rng.pick(LOST_REASONS) : null,
        expectedCloseAt: closed ? closedAt : addMs(now, rng.int(7, 100) * DAY),
        probability: stage === 'won' ? 100 : stage === 'lost' ? 0 : STAGES.find((s) => s.key === stage)!.probability,
        ownerId: cust.ownerId, stageChangedAt: end, closedAt, custom: null, createdAt, updatedAt: end,
      };
      out.opportunities.push(opp);
      path.forEach((to, j) => out.history.push({
        id: ids.history + out.history.length, opportunityId: opp.id, fromStage: j === 0 ? null : path[j - 1], toStage: to,
        amountCents: opp.amountCents, changedById: opp.ownerId, changedAt: new Date(createdAt.getTime() + step * j),
      }));
    }
  }
  addContracts(rng, out, now, ids);
  return out;
}

function addContracts(rng: Rng, out: Deals, now: Date, ids: DealIds): void {
  const won = out.opportunities.filter((o) => o.status === 'won');
  const late = out.opportunities.filter((o) => o.stage === STAGES[STAGES.length - 1].key);
  const plan: [Opportunity, ContractStatus][] = [
    ...won.map((o, i): [Opportunity, ContractStatus] => [o, i < won.length - 5 ? 'approved' : i < won.length - 2 ? 'pending' : 'draft']),
    ...late.slice(0, 9).map((o, i): [Opportunity, ContractStatus] => [o, (['draft', 'draft', 'draft', 'pending', 'pending', 'pending', 'rejected', 'rejected', 'withdrawn'] as const)[i]]),
  ];
  for (const [o, status] of plan) {
    // Contracts are drafted shortly before a deal closes; every decision lies in the past.
    const created = o.closedAt ? addMs(o.closedAt, -6 * DAY) : addMs(now, -rng.int(6, 12) * DAY);
    const submitted = status === 'draft' ? null : addMs(created, rng.int(1, 2) * DAY);
    const decided = status === 'approved' || status === 'rejected' || status === 'withdrawn' ? addMs(submitted!, rng.int(1, 3) * DAY) : null;
    const start = decided ?? addMs(now, 14 * DAY);
    const id = ids.contract + out.contracts.length;
    out.contracts.push({
      id, number: `HT-${start.getUTCFullYear()}-${String(id).padStart(4, '0')}`, title: `${o.name}合同`, customerId: o.customerId,
      opportunityId: o.id, amountCents: o.amountCents, signedAt: status === 'approved' ? decided : null, startAt: start,
      endAt: addMs(start, 365 * DAY), status, ownerId: o.ownerId, submittedAt: submitted, decidedAt: decided, approvalId: null,
      custom: null, createdAt: created, updatedAt: decided ?? submitted ?? created,
    });
    if (status === 'approved') addPayments(rng, out, now, ids, out.contracts[out.contracts.length - 1]);
  }
}

/** 30/60/10 or 50/50 instalments: earlier ones received (one maybe only partly), later ones planned, some overdue. */
function addPayments(rng: Rng, out: Deals, now: Date, ids: DealIds, k: Contract): void {
  const split = rng.chance(0.5) ? [30, 60, 10] : [50, 50];
  let left = k.amountCents;
  split.forEach((pct, i) => {
    const planned = i === split.length - 1 ? left : Math.round((k.amountCents * pct) / 100 / 100) * 100;
    left -= planned;
    const plannedAt = addMs(k.signedAt!, (i * 45 + 7) * DAY);
    const due = plannedAt.getTime() < now.getTime();
    const partial = due && rng.chance(0.3);
    const received = due && (partial || rng.chance(0.8)) ? (partial ? Math.round(planned / 2 / 100) * 100 : planned) : 0;
    const receivedAt = received ? addMs(plannedAt, rng.int(-3, 10) * DAY) : null;
    out.payments.push({
      id: ids.payment + out.payments.length, contractId: k.id, plannedAmountCents: planned, plannedAt, receivedAmountCents: received,
      receivedAt: receivedAt && receivedAt.getTime() > now.getTime() ? now : receivedAt,
      status: received === 0 ? 'planned' : received < planned ? 'partial' : 'received',
      note: `第${i + 1}期（${pct}%）`, ownerId: k.ownerId, createdAt: k.signedAt!, updatedAt: receivedAt ?? k.signedAt!,
    });
  });
}
