// The one place a contract's status changes: checks the move, stamps it, audits it and announces it.
import type { DomainContext } from '../shared/with-tx.js';
import type { AuditAction } from '../audit/audit.js';
import { audit } from '../audit/audit.js';
import { conflict } from '../shared/domain-error.js';
import { present } from '../shared/records.js';
import { Contract, type ContractStatus } from './contract.entity.js';
import { contractObject } from './contract.object.js';

export async function transitionContract(
  c: DomainContext, row: Contract, from: ContractStatus[], to: ContractStatus, action: AuditAction, stamps: Partial<Contract> = {},
): Promise<Record<string, unknown>> {
  if (!from.includes(row.status)) throw conflict('contract.bad_transition', { from: row.status, to });
  const changes: Partial<Contract> = { status: to, ...stamps, updatedAt: c.now };
  await c.tx.update(Contract, { id: row.id }, changes as never);
  const before: Record<string, unknown> = { status: row.status };
  for (const k of Object.keys(stamps)) before[k] = (row as unknown as Record<string, unknown>)[k];
  await audit(c, action, 'contract', row.id, before, { status: to, ...stamps });
  const event = to === 'pending' ? 'submitted' : to;
  c.emit({ type: `contract.${event}`, entity: 'contract', id: row.id, data: { from: row.status, ownerId: row.ownerId, amountCents: row.amountCents, customerId: row.customerId } });
  return present(c, contractObject, Object.assign(row, changes));
}
