// 商机: owner-scoped like customers (no pool). Stage and status change only through moveStage().
import { type ObjectDef, STAMPS, ownerScope } from '../shared/records.js';
import { canSeeOwner, visibleOwnerIds } from '../shared/permissions.js';
import { assertAssignable, canWriteOwned } from '../customer/customer.object.js';
import { writableCustomer } from '../customer/through-customer.js';
import { Opportunity } from './opportunity.entity.js';
import { StageHistory } from './stage-history.entity.js';
import { assertStageRequirements, stageOrThrow, stagesOf } from './stages.js';
import { forbidden } from '../shared/domain-error.js';

export const opportunityObject: ObjectDef<Opportunity> = {
  name: 'opportunity',
  entity: Opportunity,
  hasCustom: true,
  scope: async (c, qb) => ownerScope(await visibleOwnerIds(c), qb as never),
  ownerOf: async (_c, row) => row.ownerId,
  canWrite: (c, row, op) => canWriteOwned(c, row.ownerId, op),
  canCreate: (c) => c.actor.role !== 'finance',
  filters: {
    stage: { column: 'r.stage', type: 'string' },
    status: { column: 'r.status', type: 'string' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
    customerId: { column: 'r.customer_id', type: 'ref' },
    expectedCloseAt: { column: 'r.expected_close_at', type: 'time' },
    amountCents: { column: 'r.amount_cents', type: 'number' },
    closedAt: { column: 'r.closed_at', type: 'time' },
    updatedAt: { column: 'r.updated_at', type: 'time' },
  },
  sorts: {
    amountCents: { column: 'r.amount_cents', type: 'number' },
    expectedCloseAt: { column: 'r.expected_close_at', type: 'time' },
    name: { column: 'r.name', type: 'string' },
    ...STAMPS,
  },
  defaultSort: '-updatedAt',
  search: ['r.name'],
  readOnly: ['stage', 'status', 'lostReason', 'closedAt', 'stageChangedAt', 'ownerId', 'customerId'],
  async prepareCreate(c, input) {
    const customer = await writableCustomer(c, Number(input.customerId), 'opportunity.create');
    // By default the opportunity belongs to whoever owns the customer (a manager creating it does so for the rep).
    let ownerId: number | null;
    if (input.ownerId === undefined) ownerId = customer.ownerId ?? c.actor.userId;
    else {
      ownerId = await assertAssignable(c, input.ownerId);
      if (ownerId === null) throw forbidden('assign');
    }
    if (ownerId !== null && !(await canSeeOwner(c, ownerId))) throw forbidden('assign');
    const stage = input.stage ? await stageOrThrow(c, String(input.stage)) : (await stagesOf(c))[0];
    const fields: Partial<Opportunity> = {
      customerId: customer.id,
      name: String(input.name),
      amountCents: (input.amountCents as number) ?? 0,
      expectedCloseAt: (input.expectedCloseAt as Date) ?? null,
      stage: stage.key,
      status: 'open',
      probability: (input.probability as number) ?? stage.probability,
      ownerId,
      stageChangedAt: c.now,
      lostReason: null,
      closedAt: null,
    };
    assertStageRequirements(c, stage, { ...fields, custom: input.custom ?? null });
    return fields;
  },
  async prepareUpdate(_c, _row, patch) {
    const out = { ...patch } as Partial<Opportunity>;
    delete (out as Record<string, unknown>).custom;
    return out;
  },
  // The funnel reads entries into stages from stage_history, including the first one.
  async afterCreate(c, row) {
    await c.tx.insert(StageHistory, { opportunityId: row.id, fromStage: null, toStage: row.stage, amountCents: row.amountCents, changedById: c.actor.userId, changedAt: c.now });
  },
  async beforeDelete(c, row) {
    await c.tx.delete(StageHistory, { opportunityId: row.id });
  },
};
