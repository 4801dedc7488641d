// How customers are seen, filtered and written; the generic record use cases do the rest.
import { type ObjectDef, STAMPS, ownerScope } from '../shared/records.js';
import { visibleOwnerIds, canSeeOwner } from '../shared/permissions.js';
import { getSetting } from '../settings/settings.js';
import { conflict, forbidden } from '../shared/domain-error.js';
import { normalizeCompanyName } from '../shared/normalize-name.js';
import { Customer } from './customer.entity.js';
import type { DomainContext } from '../shared/with-tx.js';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/** Pool (公海) records are visible to everyone, or only within the actor's team, per the `pool.visibility` setting. */
export async function poolVisible(c: DomainContext): Promise<boolean> {
  if (c.actor.role === 'finance') return false;
  return (await getSetting(c, 'pool.visibility')) === 'all' || c.actor.role !== 'rep';
}

export async function ownedOrPoolScope(c: DomainContext, qb: SelectQueryBuilder<ObjectLiteral>): Promise<void> {
  ownerScope(await visibleOwnerIds(c), qb, 'r.owner_id', (await poolVisible(c)) ? 'r.owner_id IS NULL' : undefined);
}

/** Reps write their own records, managers their team's, admins all; pool records change only by claim. */
export async function canWriteOwned(c: DomainContext, ownerId: number | null, op: 'update' | 'delete'): Promise<boolean> {
  if (c.actor.role === 'admin' || c.actor.role === 'system') return true;
  if (ownerId === null) return false;
  if (op === 'delete' && c.actor.role === 'rep') return false;
  return canSeeOwner(c, ownerId);
}

export async function assertAssignable(c: DomainContext, ownerId: unknown): Promise<number | null> {
  if (ownerId === undefined) return c.actor.role === 'admin' || c.actor.role === 'system' ? null : c.actor.userId;
  if (ownerId === null) return null;
  if (typeof ownerId !== 'number' || !(await canSeeOwner(c, ownerId))) throw forbidden('assign');
  return ownerId;
}

/** What the two objects that can sit in the pool (customers, leads) share: owner-or-pool visibility, owner writes. */
export function poolObjectRules<T extends { id: number; ownerId: number | null }>(): Pick<ObjectDef<T>, 'hasCustom' | 'scope' | 'ownerOf' | 'canWrite' | 'canCreate'> {
  return {
    hasCustom: true,
    scope: (c, qb) => ownedOrPoolScope(c, qb as never),
    ownerOf: async (_c, row) => row.ownerId,
    canWrite: (c, row, op) => canWriteOwned(c, row.ownerId, op),
    canCreate: (c) => c.actor.role !== 'finance',
  };
}

export const customerObject: ObjectDef<Customer> = {
  name: 'customer',
  entity: Customer,
  ...poolObjectRules<Customer>(),
  filters: {
    // id=1,2,3: the customers of a page of other records (a contracts list's names) in one call, as visible.
    id: { column: 'r.id', type: 'ref' },
    level: { column: 'r.level', type: 'string' },
    region: { column: 'r.region', type: 'string' },
    industry: { column: 'r.industry', type: 'string' },
    ownerId: { column: 'r.owner_id', type: 'ref' },
    source: { column: 'r.source', type: 'string' },
    lastFollowUpAt: { column: 'r.last_follow_up_at', type: 'time' },
    ...STAMPS,
  },
  sorts: {
    lastFollowUpAt: { column: 'r.last_follow_up_at', type: 'time' },
    name: { column: 'r.name', type: 'string' },
    level: { column: 'r.level', type: 'string' },
    ...STAMPS,
  },
  defaultSort: '-updatedAt',
  search: ['r.name', 'r.normalized_name', 'r.aliases'],
  readOnly: ['ownerId', 'poolEnteredAt', 'poolReason', 'lastFollowUpAt', 'failedFollowUps', 'normalizedName'],
  async prepareCreate(c, input) {
    const name = String(input.name);
    const normalizedName = normalizeCompanyName(name);
    const dup = await c.tx.findOne(Customer, { where: { normalizedName }, select: { id: true, name: true } });
    if (dup) throw conflict('customer.duplicate', { name: dup.name, id: dup.id });
    return {
      name, normalizedName,
      aliases: (input.aliases as string) ?? null,
      level: (input.level as Customer['level']) ?? 'C',
      industry: (input.industry as string) ?? null,
      region: (input.region as string) ?? null,
      address: (input.address as string) ?? null,
      source: (input.source as string) ?? null,
      ownerId: await assertAssignable(c, input.ownerId),
      poolEnteredAt: input.ownerId === null ? c.now : null,
      failedFollowUps: 0,
      createdById: c.actor.userId,
    };
  },
  async prepareUpdate(c, row, patch) {
    const out: Partial<Customer> = { ...(patch as Partial<Customer>) };
    delete (out as Record<string, unknown>).custom;
    if (typeof patch.name === 'string' && patch.name !== row.name) {
      out.normalizedName = normalizeCompanyName(patch.name);
      const dup = await c.tx.findOne(Customer, { where: { normalizedName: out.normalizedName }, select: { id: true, name: true } });
      if (dup && dup.id !== row.id) throw conflict('customer.duplicate', { name: dup.name, id: dup.id });
    }
    return out;
  },
};
