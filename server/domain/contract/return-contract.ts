// 退回: the approval engine hands a pending contract back to its submitter to edit and submit again.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { contractObject } from './contract.object.js';
import { transitionContract } from './contract-transition.js';

/**
 * Return a pending contract for changes: pending → draft (editable; submitting it again starts a new approval round).
 * Who: the system (approval engine, rule id in the actor) or an admin. Writes: status, approvalId, audit `return`,
 * event `contract.draft`. Idempotent: returning a draft contract returns it unchanged.
 */
export async function returnContract(c: DomainContext, id: number, approvalId?: number): Promise<Record<string, unknown>> {
  if (c.actor.role !== 'system' && c.actor.role !== 'admin') throw forbidden('contract.return');
  const row = await findVisible(c, contractObject, id, true);
  if (row.status === 'draft') return present(c, contractObject, row);
  return transitionContract(c, row, ['pending'], 'draft', 'return', approvalId !== undefined ? { approvalId } : {});
}
