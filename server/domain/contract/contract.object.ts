// 合同: owner-scoped for reps and managers, finance and admins see all. Field rules (settings `fieldRules`)
// hide e.g. amountCents from reps outside the owner's team. Status moves only through submit/decide/withdraw.
// Every read carries the customer's name (customerName) where its reader may know it: contract-customer.ts.
import { type ObjectDef, STAMPS, findVisible, ownerScope } from '../shared/records.js';
import { canSeeOwner, seesAllMoney, visibleOwnerIds } from '../shared/permissions.js';
import { assertAssignable } from '../customer/customer.object.js';
import { writableCustomer } from '../customer/through-customer.js';
import { contractCustomerNames } from './contract-customer.js';
import { opportunityObject } from '../opportunity/opportunity.object.js';
import { conflict, forbidden, invalid } from '../shared/domain-error.js';
import { Contract, type ContractStatus } from './contract.entity.js';
import { Payment } from './payment.entity.js';
import type { DomainContext } from '../shared/with-tx.js';

/** A contract's content may change only before it is submitted, or after it came back. */
export const EDITABLE: ContractStatus[] = ['draft', 'rejected', 'withdrawn'];

export async function contractScope(c: DomainContext, qb: Parameters<ObjectDef<Contract>['scope']>[1], column = 'r.owner_id'): Promise<void> {
  if (seesAllMoney(c)) return;
  ownerScope(await visibleOwnerIds(c), qb as never, column);
}

export async function canWriteContract(c: DomainContext, row: Contract): Promise<boolean> {
  if (seesAllMoney(c)) return true;
  return canSeeOwner(c, row.ownerId);
}

function checkDates(startAt: Date | null | undefined, endAt: Date | null | undefined): void {
  if (startAt && endAt && endAt.getTime() < startAt.getTime()) throw invalid('contract.end_before_start', 'endAt');
}

export const contractObject: ObjectDef<Contract> = {
  name: 'contract',
  entity: Contract,
  hasCustom: true,
  scope: (c, qb) => contractScope(c, qb),
  ownerOf: async (_c, row) => row.ownerId,
  canWrite: (c, row) => canWriteContract(c, row),
  // Finance records payments; contracts are drafted by the sales side (or an admin).
  canCreate: (c) => c.actor.role !== 'finance',
  filters: {
    status: { column: 'r.status', type: 'string' },
    customerId: { column: 'r.customer_id', type: 'ref' },
    opportunityId: { column: 'r.opportunity_id', type: 'ref' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
    signedAt: { column: 'r.signed_at', type: 'time' },
    endAt: { column: 'r.end_at', type: 'time' },
    updatedAt: { column: 'r.updated_at', type: 'time' },
  },
  sorts: {
    signedAt: { column: 'r.signed_at', type: 'time' },
    amountCents: { column: 'r.amount_cents', type: 'number' },
    ...STAMPS,
  },
  defaultSort: '-updatedAt',
  search: ['r.title', 'r.number'],
  readOnly: ['status', 'submittedAt', 'decidedAt', 'approvalId', 'ownerId', 'customerId'],
  async prepareCreate(c, input) {
    const customer = await writableCustomer(c, Number(input.customerId), 'contract.create');
    if (input.opportunityId !== undefined && input.opportunityId !== null) {
      const opp = await findVisible(c, opportunityObject, Number(input.opportunityId));
      if (opp.customerId !== customer.id) throw invalid('contract.opportunity_mismatch', 'opportunityId');
    }
    let ownerId = input.ownerId === undefined ? (customer.ownerId ?? c.actor.userId) : await assertAssignable(c, input.ownerId);
    if (ownerId === null) ownerId = c.actor.userId;
    if (ownerId !== null && !(await canSeeOwner(c, ownerId))) throw forbidden('assign');
    checkDates(input.startAt as Date | undefined, input.endAt as Date | undefined);
    return {
      number: (input.number as string) ?? null,
      title: String(input.title),
      customerId: customer.id,
      opportunityId: (input.opportunityId as number) ?? null,
      amountCents: input.amountCents as number,
      signedAt: (input.signedAt as Date) ?? null,
      startAt: (input.startAt as Date) ?? null,
      endAt: (input.endAt as Date) ?? null,
      status: 'draft',
      ownerId,
      submittedAt: null,
      decidedAt: null,
      approvalId: null,
    };
  },
  async prepareUpdate(_c, row, patch) {
    if (!EDITABLE.includes(row.status)) throw conflict('contract.not_editable', { status: row.status });
    checkDates((patch.startAt as Date | undefined) ?? row.startAt, (patch.endAt as Date | undefined) ?? row.endAt);
    const out = { ...patch } as Partial<Contract>;
    delete (out as Record<string, unknown>).custom;
    return out;
  },
  async derive(c, rows) {
    const names = await contractCustomerNames(c, rows);
    return new Map([...names].map(([id, customerName]) => [id, { customerName }]));
  },
  async beforeDelete(c, row) {
    if (!EDITABLE.includes(row.status)) throw conflict('contract.not_editable', { status: row.status });
    if (await c.tx.exists(Payment, { where: { contractId: row.id } })) throw conflict('contract.has_payments');
  },
};
