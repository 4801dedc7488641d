// 回款: seen and planned through their contract (finance and admins: all; reps and managers: their contracts').
// Receipts are recorded by finance through recordPayment(); the status follows the amounts.
import { type ObjectDef, findVisible } from '../shared/records.js';
import { seesAllMoney, visibleOwnerIds } from '../shared/permissions.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { Contract } from './contract.entity.js';
import { Payment } from './payment.entity.js';
import { canWriteContract, contractObject } from './contract.object.js';
import { paymentStatus } from './payment-status.js';

export const paymentObject: ObjectDef<Payment> = {
  name: 'payment',
  entity: Payment,
  async scope(c, qb) {
    if (seesAllMoney(c)) return;
    const ids = await visibleOwnerIds(c);
    qb.andWhere('r.contract_id IN (SELECT pc.id FROM contract pc WHERE pc.owner_id IN (:...visibleOwners))', { visibleOwners: ids === 'all' || !ids.length ? [-1] : ids });
  },
  async ownerOf(c, row) {
    const key = `contractOwner:${row.contractId}`;
    if (!c.memo.has(key)) {
      const ct = await c.tx.findOne(Contract, { where: { id: row.contractId }, select: { id: true, ownerId: true } });
      c.memo.set(key, ct?.ownerId ?? null);
    }
    return c.memo.get(key) as number | null;
  },
  async canWrite(c, row) {
    const ct = await c.tx.findOneBy(Contract, { id: row.contractId });
    return !!ct && canWriteContract(c, ct);
  },
  filters: {
    contractId: { column: 'r.contract_id', type: 'ref' },
    status: { column: 'r.status', type: 'string' },
    plannedAt: { column: 'r.planned_at', type: 'time' },
    receivedAt: { column: 'r.received_at', type: 'time' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
  },
  sorts: {
    plannedAt: { column: 'r.planned_at', type: 'time' },
    receivedAt: { column: 'r.received_at', type: 'time' },
    plannedAmountCents: { column: 'r.planned_amount_cents', type: 'number' },
    updatedAt: { column: 'r.updated_at', type: 'time' },
  },
  defaultSort: 'plannedAt',
  search: ['r.note'],
  readOnly: ['contractId', 'receivedAmountCents', 'receivedAt', 'status', 'ownerId'],
  async prepareCreate(c, input) {
    const contract = await findVisible(c, contractObject, Number(input.contractId));
    if (!(await canWriteContract(c, contract))) throw forbidden('payment.create');
    const planned = input.plannedAmountCents as number;
    return {
      contractId: contract.id,
      plannedAmountCents: planned,
      plannedAt: (input.plannedAt as Date) ?? null,
      receivedAmountCents: 0,
      receivedAt: null,
      status: paymentStatus(planned, 0),
      note: (input.note as string) ?? null,
      ownerId: contract.ownerId,
    };
  },
  async prepareUpdate(_c, row, patch) {
    const out = { ...patch } as Partial<Payment>;
    if (typeof patch.plannedAmountCents === 'number') out.status = paymentStatus(patch.plannedAmountCents, row.receivedAmountCents);
    return out;
  },
  async beforeDelete(_c, row) {
    // Money that arrived is history: a received instalment is corrected, not deleted.
    if (row.receivedAmountCents > 0) throw conflict('payment.has_receipts');
  },
};
