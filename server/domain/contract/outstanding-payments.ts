// 待回款: the instalments of approved contracts not yet received in full, in the reader's scope (finance and admins:
// all; a manager: their teams' contracts; a rep: their own), overdue first ("哪些合同还没回款", "逾期回款",
// GET /payments/outstanding).
import { In, type SelectQueryBuilder } from 'typeorm';
import type { DomainContext } from '../shared/with-tx.js';
import { dbTime, fromDbTime } from '../shared/sql.js';
import { getSetting } from '../settings/settings.js';
import { invalid } from '../shared/domain-error.js';
import { decodeCursor, encodeCursor } from '../shared/paging.js';
import { localDay } from '../leaderboard/buckets.js';
import { periodRange } from '../leaderboard/period.js';
import { User } from '../user/user.entity.js';
import { Payment, type PaymentStatus } from './payment.entity.js';
import { Contract } from './contract.entity.js';
import { contractScope } from './contract.object.js';
import { contractCustomerNames } from './contract-customer.js';
import { paymentAmountsHidden } from './payment-amounts.js';

export interface OutstandingItem {
  paymentId: number;
  contractId: number;
  contractTitle: string;
  customerId: number;
  /** Absent where a field rule hides the contract's customer from the reader. */
  customerName?: string;
  ownerId: number | null;
  ownerName: string | null;
  /** The instalment's note, e.g. "第2期（60%）". */
  note: string | null;
  plannedAt: Date | null;
  /** Local calendar day of plannedAt in the company zone. */
  plannedDate: string | null;
  /** Whole days since the planned day (company zone); 0 when not yet due. */
  daysOverdue: number;
  status: PaymentStatus;
  /** Absent where field rules hide the instalment's amounts (payment-amounts.ts). */
  plannedAmountCents?: number;
  receivedAmountCents?: number;
  remainingCents?: number;
}

export interface Outstanding {
  /** Open instalments in scope (all of them, not only this page). */
  total: number;
  overdue: number;
  /** Sums over all of them; absent when field rules hide the amounts of any. */
  remainingCents?: number;
  overdueCents?: number;
  /** Some instalment's amounts are hidden from the reader (its line shows none, and no totals are given). */
  amountsHidden: boolean;
  /** A page: `limit` lines after `cursor`, in the list's order. */
  items: OutstandingItem[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  timeZone: string;
}

export interface OutstandingQuery {
  /** Only instalments past their planned day. */
  overdueOnly?: boolean;
  /** Lines to return, 1–100 (default 15). */
  limit?: number;
  /** The `nextCursor` of the page before (paging.ts). */
  cursor?: string;
}

/** The keyset condition "after this cursor" in the list's order (dated by day, undated last, then by id). */
function afterCursor(c: DomainContext, cursor: string): { sql: string; params: Record<string, unknown> } {
  const [at, id] = decodeCursor(cursor);
  if (at === null) return { sql: 'p.planned_at IS NULL AND p.id > :cid', params: { cid: id } };
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw invalid('validation.cursor', 'cursor');
  return { sql: '(p.planned_at IS NULL OR p.planned_at > :cat OR (p.planned_at = :cat AND p.id > :cid))', params: { cat: dbTime(c.db, new Date(at)), cid: id } };
}

/** Payment p joined to its approved contract k, open, in the reader's scope. */
export async function openInstalments(c: DomainContext): Promise<SelectQueryBuilder<Payment>> {
  const qb = c.tx.createQueryBuilder(Payment, 'p').innerJoin(Contract, 'k', 'k.id = p.contract_id')
    .where("k.status = 'approved' AND p.received_amount_cents < p.planned_amount_cents");
  await contractScope(c, qb as never, 'k.owner_id');
  return qb;
}

/** The start of today in the company zone: an instalment planned before it is overdue. */
export async function startOfToday(c: DomainContext): Promise<{ at: Date; day: string; tz: string }> {
  const tz = await getSetting(c, 'timeZone');
  return { at: periodRange('day', c.now, tz).start, day: localDay(c.now, tz), tz };
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Who: anyone; each sees the instalments of the contracts they may read. Order: overdue first (the longest overdue
 * first), then by planned day, undated last. Writes nothing.
 */
export async function outstandingPayments(c: DomainContext, q: OutstandingQuery = {}): Promise<Outstanding> {
  const limit = Math.min(Math.max(q.limit ?? 15, 1), 100);
  const today = await startOfToday(c);
  const overdueSql = 'CASE WHEN p.planned_at IS NOT NULL AND p.planned_at < :today THEN 1 ELSE 0 END';
  const params = { today: dbTime(c.db, today.at) };
  const base = async () => {
    const qb = await openInstalments(c);
    if (q.overdueOnly) qb.andWhere('p.planned_at IS NOT NULL AND p.planned_at < :today', params);
    return qb;
  };

  // Per owner: counts and sums (field rules are per owner, so the totals are given only if every owner's are visible).
  const groups = await (await base()).select('k.owner_id', 'ownerId').addSelect('COUNT(*)', 'n')
    .addSelect('SUM(p.planned_amount_cents - p.received_amount_cents)', 'remaining')
    .addSelect(`SUM(${overdueSql})`, 'overdue')
    .addSelect(`SUM(CASE WHEN p.planned_at IS NOT NULL AND p.planned_at < :today THEN p.planned_amount_cents - p.received_amount_cents ELSE 0 END)`, 'overdueCents')
    .setParameters(params).groupBy('k.owner_id').getRawMany<{ ownerId: number | null; n: string | number; remaining: string | number; overdue: string | number; overdueCents: string | number }>();
  const hiddenOwners = new Set<number | null>();
  for (const g of groups) if (await paymentAmountsHidden(c, g.ownerId === null ? null : Number(g.ownerId))) hiddenOwners.add(g.ownerId === null ? null : Number(g.ownerId));
  const sum = (k: 'n' | 'remaining' | 'overdue' | 'overdueCents') => groups.reduce((s, g) => s + Number(g[k] ?? 0), 0);
  const amountsHidden = hiddenOwners.size > 0;

  const paged = await base();
  if (q.cursor) { const after = afterCursor(c, q.cursor); paged.andWhere(after.sql, after.params); }
  const more = await paged
    .select('p.id', 'paymentId').addSelect('p.contract_id', 'contractId').addSelect('p.planned_amount_cents', 'planned')
    .addSelect('p.received_amount_cents', 'received').addSelect('p.planned_at', 'plannedAt').addSelect('p.status', 'status').addSelect('p.note', 'note')
    .addSelect('k.title', 'title').addSelect('k.customer_id', 'customerId').addSelect('k.owner_id', 'ownerId')
    .orderBy('CASE WHEN p.planned_at IS NULL THEN 1 ELSE 0 END', 'ASC').addOrderBy('p.planned_at', 'ASC').addOrderBy('p.id', 'ASC')
    .limit(limit + 1).getRawMany<Record<string, unknown>>();
  const rows = more.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = more.length > limit && last
    ? encodeCursor([last.plannedAt ? fromDbTime(last.plannedAt as string | Date).toISOString() : null, Number(last.paymentId)]) : null;

  const contracts = rows.map((r) => ({ id: Number(r.contractId), customerId: Number(r.customerId), ownerId: r.ownerId === null ? null : Number(r.ownerId) }));
  const names = await contractCustomerNames(c, contracts);
  const ownerIds = [...new Set(contracts.map((k) => k.ownerId).filter((x): x is number => x !== null))];
  const owners = new Map(ownerIds.length ? (await c.tx.find(User, { where: { id: In(ownerIds) }, select: { id: true, name: true } })).map((u) => [u.id, u.name]) : []);
  const todayN = dayNumber(today.day);
  const items = rows.map((r, i): OutstandingItem => {
    const k = contracts[i];
    const plannedAt = r.plannedAt ? fromDbTime(r.plannedAt as string | Date) : null;
    const plannedDate = plannedAt ? localDay(plannedAt, today.tz) : null;
    const planned = Number(r.planned);
    const received = Number(r.received);
    const customerName = names.get(k.id);
    return {
      paymentId: Number(r.paymentId), contractId: k.id, contractTitle: String(r.title), customerId: k.customerId, ...(customerName !== undefined ? { customerName } : {}),
      ownerId: k.ownerId, ownerName: k.ownerId === null ? null : owners.get(k.ownerId) ?? null, note: (r.note as string | null) ?? null,
      plannedAt, plannedDate, daysOverdue: plannedDate ? Math.max(0, todayN - dayNumber(plannedDate)) : 0, status: r.status as PaymentStatus,
      ...(hiddenOwners.has(k.ownerId) ? {} : { plannedAmountCents: planned, receivedAmountCents: received, remainingCents: planned - received }),
    };
  });
  return {
    total: sum('n'), overdue: sum('overdue'), amountsHidden, items, nextCursor, timeZone: today.tz,
    ...(amountsHidden ? {} : { remainingCents: sum('remaining'), overdueCents: sum('overdueCents') }),
  };
}
