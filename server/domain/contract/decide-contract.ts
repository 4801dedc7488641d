// 审批结果: the approval engine (or an admin) approves or rejects a pending contract.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { contractObject } from './contract.object.js';
import { transitionContract } from './contract-transition.js';

export type ContractDecision = 'approved' | 'rejected';

/**
 * Record an approval outcome: pending → approved | rejected. Who: the system (approval engine, with its rule id in
 * the actor) or an admin; anyone else 403. Writes: status, decidedAt, optional approvalId, audit `approve`/`reject`,
 * event `contract.approved|rejected`. Idempotent: the same decision on an already decided contract returns it.
 */
export async function decideContract(c: DomainContext, id: number, decision: ContractDecision, approvalId?: number): Promise<Record<string, unknown>> {
  if (c.actor.role !== 'system' && c.actor.role !== 'admin') throw forbidden('contract.decide');
  const row = await findVisible(c, contractObject, id, true);
  if (row.status === decision) return present(c, contractObject, row);
  const stamps = { decidedAt: c.now, ...(approvalId !== undefined ? { approvalId } : {}) };
  return transitionContract(c, row, ['pending'], decision, decision === 'approved' ? 'approve' : 'reject', stamps);
}
