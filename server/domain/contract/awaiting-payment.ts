// Which contract does "华为回款50万到账了" pay? The customer is named as follow-ups name one (match-name.ts: exact or
// normalized name, an alias, then a substring; never a guess), but among the customers of approved contracts the
// reader may see — finance reads every contract, not every customer — and then their contracts with open instalments.
import type { DomainContext } from '../shared/with-tx.js';
import { matchName } from '../shared/match-name.js';
import { seesAllMoney, visibleOwnerIds } from '../shared/permissions.js';
import { Customer } from '../customer/customer.entity.js';
import { Contract } from './contract.entity.js';
import { contractCustomerNames } from './contract-customer.js';
import { openInstalments } from './outstanding-payments.js';
import { fromDbTime } from '../shared/sql.js';
import { paymentAmountsHidden } from './payment-amounts.js';

export interface AwaitingContract {
  id: number;
  title: string;
  customerId: number;
  /** Absent where a field rule hides the contract's customer from the reader. */
  customerName?: string;
  openInstalments: number;
  /** What is still to come on them; absent where field rules hide the contract's payment amounts. */
  outstandingCents?: number;
  /** The earliest planned day among them (null: none dated). */
  nextPlannedAt: Date | null;
}

export type AwaitingPayment =
  /** No customer of that name has an approved contract the reader may see. */
  | { kind: 'none' }
  /** Such customers, but every instalment of their approved contracts is received in full. */
  | { kind: 'settled'; customers: string[] }
  /** Their approved contracts with open instalments, the one with the oldest open instalment first. */
  | { kind: 'open'; contracts: AwaitingContract[] };

/** Who: anyone (each within the contracts they may read); recording the receipt is finance's (receiveOnContract). */
export async function contractsAwaitingPayment(c: DomainContext, mention: string): Promise<AwaitingPayment> {
  const owners = seesAllMoney(c) ? 'all' : await visibleOwnerIds(c);
  const found = await matchName(async () => {
    const qb = c.tx.createQueryBuilder(Customer, 'r');
    const mine = owners === 'all' ? '' : ' AND pk.owner_id IN (:...payerOwners)';
    qb.where(`EXISTS (SELECT 1 FROM contract pk WHERE pk.customer_id = r.id AND pk.status = 'approved'${mine})`, owners === 'all' ? {} : { payerOwners: owners.length ? owners : [-1] });
    return qb;
  }, mention, {
    names: ['r.name'], normalized: 'r.normalized_name', alsoContaining: ['r.aliases'],
    exactly: (x, raw) => (x.aliases ?? '').split(/[,，、]/).map((a) => a.trim()).includes(raw),
  });
  if (found.kind === 'none') return found;
  const customers = found.kind === 'one' ? [found.row] : found.rows;
  const rows = await (await openInstalments(c)).andWhere('k.customer_id IN (:...payers)', { payers: customers.map((x) => x.id) })
    .select('k.id', 'id').addSelect('k.title', 'title').addSelect('k.customer_id', 'customerId').addSelect('k.owner_id', 'ownerId')
    .addSelect('COUNT(*)', 'n').addSelect('MIN(p.planned_at)', 'next').addSelect('SUM(p.planned_amount_cents - p.received_amount_cents)', 'open')
    .groupBy('k.id').addGroupBy('k.title').addGroupBy('k.customer_id').addGroupBy('k.owner_id')
    .getRawMany<{ id: number; title: string; customerId: number; ownerId: number | null; n: number | string; next: string | Date | null; open: number | string }>();
  if (!rows.length) {
    const names = await contractCustomerNames(c, await c.tx.find(Contract, { where: customers.map((x) => ({ customerId: x.id, status: 'approved' as const })), select: { id: true, customerId: true, ownerId: true } }));
    return { kind: 'settled', customers: [...new Set(names.values())] };
  }
  const contracts = rows.map((r) => ({ id: Number(r.id), customerId: Number(r.customerId), ownerId: r.ownerId === null ? null : Number(r.ownerId) }));
  const names = await contractCustomerNames(c, contracts);
  const out: AwaitingContract[] = [];
  for (const [i, r] of rows.entries()) {
    const name = names.get(contracts[i].id);
    const hidden = await paymentAmountsHidden(c, contracts[i].ownerId);
    out.push({
      id: contracts[i].id, title: String(r.title), customerId: contracts[i].customerId, ...(name !== undefined ? { customerName: name } : {}),
      openInstalments: Number(r.n), nextPlannedAt: r.next ? fromDbTime(r.next) : null, ...(hidden ? {} : { outstandingCents: Number(r.open) }),
    });
  }
  const at = (k: AwaitingContract) => k.nextPlannedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return { kind: 'open', contracts: out.sort((a, b) => at(a) - at(b) || a.id - b.id) };
}
