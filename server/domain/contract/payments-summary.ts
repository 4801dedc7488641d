// 本月回款情况: for the reader's scope (finance and admins: all; a manager: their teams' contracts; a rep: their own),
// what came in this month against what was planned for it, what is overdue, and who paid most ("本月回款情况",
// "payments this month", GET /payments/summary).
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime } from '../shared/sql.js';
import { periodRange } from '../leaderboard/period.js';
import { Payment } from './payment.entity.js';
import { PaymentCredit } from './payment-credit.entity.js';
import { Contract } from './contract.entity.js';
import { contractScope } from './contract.object.js';
import { contractCustomerNames } from './contract-customer.js';
import { paymentAmountsHidden } from './payment-amounts.js';
import { readScope, seesAllMoney, visibleOwnerIds } from '../shared/permissions.js';
import { Team } from '../user/team.entity.js';
import { openInstalments, startOfToday } from './outstanding-payments.js';

export interface PaymentsSummary {
  /**
   * Whose money: 'all' the company's (finance and admins), 'team' a manager's team with its sub-teams (named by
   * teamId/teamName), 'mine' the reader's own contracts — as the stale list and team follow-ups say it.
   */
  scope: 'mine' | 'team' | 'all';
  teamId: number | null; teamName: string | null;
  /** The month, [start, end) in the company zone, and its label 'YYYY-MM'. */
  month: { start: Date; end: Date; label: string; offset: number };
  timeZone: string;
  /** Instalments with money received in the month, and how much (the payments leaderboard's rule: each sum counts on the day it arrived; undone receipts not). */
  receivedCount: number;
  receivedCents?: number;
  /** Instalments of approved contracts planned in the month: how many, for how much, how much of that is in. */
  plannedCount: number;
  plannedCents?: number;
  plannedReceivedCents?: number;
  /** Open instalments past their planned day (today, whatever the month asked). */
  overdueCount: number;
  overdueCents?: number;
  /** Customers by money received in the month, most first (at most five). */
  topCustomers: { customerId: number; customerName?: string; receivedCents?: number }[];
  /** Field rules hide some of these amounts from the reader: none are given. */
  amountsHidden: boolean;
}

type Raw = Record<string, string | number | null>;

/** The reach of contractScope, said: everyone's money, the manager's team's, or the reader's own. */
async function summaryScope(c: DomainContext): Promise<Pick<PaymentsSummary, 'scope' | 'teamId' | 'teamName'>> {
  if (seesAllMoney(c)) return { scope: 'all', teamId: null, teamName: null };
  const scope = readScope(await visibleOwnerIds(c));
  if (scope === 'all') return { scope: 'all', teamId: null, teamName: null };
  if (scope === 'team' && c.actor.teamId !== null) {
    const team = await c.tx.findOne(Team, { where: { id: c.actor.teamId }, select: { id: true, name: true } });
    return { scope: 'team', teamId: c.actor.teamId, teamName: team?.name ?? null };
  }
  return { scope: 'mine', teamId: null, teamName: null };
}
const num = (v: unknown) => Number(v ?? 0);

/** Who: anyone, over the contracts they may read. `offset` -1 is last month. Writes nothing. */
export async function paymentsSummary(c: DomainContext, q: { offset?: number } = {}): Promise<PaymentsSummary> {
  const offset = q.offset === -1 ? -1 : 0;
  const today = await startOfToday(c);
  const month = periodRange('month', c.now, today.tz, offset);
  const range = { ms: dbTime(c.db, month.start), me: dbTime(c.db, month.end) };
  const scoped = async () => {
    const qb = c.tx.createQueryBuilder(Payment, 'p').innerJoin(Contract, 'k', 'k.id = p.contract_id');
    await contractScope(c, qb as never, 'k.owner_id');
    return qb;
  };
  // Money that arrived in the month: the credits (payment-credit.entity.ts) dated in it, on the reader's contracts.
  const credited = async () => {
    const qb = c.tx.createQueryBuilder(PaymentCredit, 'cr').innerJoin(Payment, 'p', 'p.id = cr.payment_id').innerJoin(Contract, 'k', 'k.id = p.contract_id')
      .where('cr.received_at >= :ms AND cr.received_at < :me AND cr.undone_at IS NULL', range);
    await contractScope(c, qb as never, 'k.owner_id');
    return qb;
  };

  // Each figure per contract owner: field rules are per owner, so amounts are given only if every owner's are visible.
  const received: Raw[] = await (await credited()).select('k.owner_id', 'ownerId').addSelect('COUNT(DISTINCT cr.payment_id)', 'n').addSelect('SUM(cr.amount_cents)', 'cents')
    .groupBy('k.owner_id').getRawMany();
  const planned: Raw[] = await (await scoped()).select('k.owner_id', 'ownerId').addSelect('COUNT(*)', 'n')
    .addSelect('SUM(p.planned_amount_cents)', 'cents').addSelect('SUM(p.received_amount_cents)', 'inCents')
    .andWhere("k.status = 'approved' AND p.planned_at >= :ms AND p.planned_at < :me", range).groupBy('k.owner_id').getRawMany();
  const overdue: Raw[] = await (await openInstalments(c)).select('k.owner_id', 'ownerId').addSelect('COUNT(*)', 'n')
    .addSelect('SUM(p.planned_amount_cents - p.received_amount_cents)', 'cents')
    .andWhere('p.planned_at IS NOT NULL AND p.planned_at < :today', { today: dbTime(c.db, today.at) }).groupBy('k.owner_id').getRawMany();
  const top: Raw[] = await (await credited()).select('k.customer_id', 'customerId').addSelect('k.owner_id', 'ownerId').addSelect('MIN(k.id)', 'contractId')
    .addSelect('SUM(cr.amount_cents)', 'cents').groupBy('k.customer_id').addGroupBy('k.owner_id').getRawMany();

  const owners = new Set([...received, ...planned, ...overdue, ...top].map((r) => (r.ownerId === null ? null : num(r.ownerId))));
  let amountsHidden = false;
  for (const o of owners) if (await paymentAmountsHidden(c, o)) amountsHidden = true;
  const total = (rows: Raw[], k: string) => rows.reduce((s, r) => s + num(r[k]), 0);

  // A customer's receipts may sit on contracts of several owners: one line per customer, named if any lets the reader.
  const names = await contractCustomerNames(c, top.map((r) => ({ id: num(r.contractId), customerId: num(r.customerId), ownerId: r.ownerId === null ? null : num(r.ownerId) })));
  const byCustomer = new Map<number, { customerId: number; customerName?: string; cents: number }>();
  for (const r of top) {
    const id = num(r.customerId);
    const line = byCustomer.get(id) ?? { customerId: id, cents: 0 };
    line.cents += num(r.cents);
    line.customerName ??= names.get(num(r.contractId));
    byCustomer.set(id, line);
  }
  const topCustomers = [...byCustomer.values()].sort((a, b) => b.cents - a.cents || a.customerId - b.customerId).slice(0, 5)
    .map((x) => ({ customerId: x.customerId, ...(x.customerName !== undefined ? { customerName: x.customerName } : {}), ...(amountsHidden ? {} : { receivedCents: x.cents }) }));

  return {
    ...(await summaryScope(c)),
    month: { start: month.start, end: month.end, label: month.label, offset }, timeZone: today.tz,
    receivedCount: total(received, 'n'), plannedCount: total(planned, 'n'), overdueCount: total(overdue, 'n'), topCustomers, amountsHidden,
    ...(amountsHidden ? {} : {
      receivedCents: total(received, 'cents'), plannedCents: total(planned, 'cents'), plannedReceivedCents: total(planned, 'inCents'), overdueCents: total(overdue, 'cents'),
    }),
  };
}
