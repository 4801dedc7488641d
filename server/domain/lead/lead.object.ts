// How leads are seen, filtered and written. Pool leads (owner null) follow the same pool visibility as customers.
import { type ObjectDef, STAMPS } from '../shared/records.js';
import { assertAssignable, poolObjectRules } from '../customer/customer.object.js';
import { normalizeCompanyName } from '../shared/normalize-name.js';
import { Lead } from './lead.entity.js';
import { assignByRules } from './assign-lead.js';

export const leadObject: ObjectDef<Lead> = {
  name: 'lead',
  entity: Lead,
  ...poolObjectRules<Lead>(),
  filters: {
    status: { column: 'r.status', type: 'string' },
    region: { column: 'r.region', type: 'string' },
    source: { column: 'r.source', type: 'string' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
    ...STAMPS,
  },
  sorts: {
    company: { column: 'r.company', type: 'string' },
    poolEnteredAt: { column: 'r.pool_entered_at', type: 'time' },
    ...STAMPS,
  },
  defaultSort: '-updatedAt',
  search: ['r.company', 'r.contact_name', 'r.phone'],
  readOnly: ['ownerId', 'poolEnteredAt', 'poolReason', 'convertedCustomerId', 'assignedAt', 'assignRuleId', 'failedFollowUps', 'normalizedCompany'],
  async prepareCreate(c, input) {
    const ownerId = await assertAssignable(c, input.ownerId);
    return {
      company: String(input.company),
      normalizedCompany: normalizeCompanyName(String(input.company)),
      contactName: (input.contactName as string) ?? null,
      phone: (input.phone as string) ?? null,
      email: (input.email as string) ?? null,
      region: (input.region as string) ?? null,
      source: (input.source as string) ?? null,
      note: (input.note as string) ?? null,
      status: 'new',
      ownerId,
      assignedAt: ownerId ? c.now : null,
      poolEnteredAt: ownerId ? null : c.now,
      failedFollowUps: 0,
      createdById: c.actor.userId,
    };
  },
  // A lead created without an owner (API, bot, import) goes through the assignment rules; unmatched ones stay in the pool.
  async afterCreate(c, row) {
    if (row.ownerId === null) await assignByRules(c, row);
  },
  async prepareUpdate(_c, _row, patch) {
    const out = { ...patch } as Partial<Lead>;
    delete (out as Record<string, unknown>).custom;
    if (typeof patch.company === 'string') out.normalizedCompany = normalizeCompanyName(patch.company);
    return out;
  },
};
