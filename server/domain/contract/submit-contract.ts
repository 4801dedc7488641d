// 提交审批: a drafted (or returned) contract goes to approval.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { EDITABLE, canWriteContract, contractObject } from './contract.object.js';
import { transitionContract } from './contract-transition.js';

/**
 * Submit a contract for approval: draft | rejected | withdrawn → pending. Who: whoever may edit it (owner, manager
 * chain, finance, admin). Writes: status, submittedAt (decidedAt cleared), audit `submit`, event `contract.submitted`
 * (the approval engine starts an instance on it). Idempotent: submitting a pending contract returns it unchanged.
 */
export async function submitContract(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const row = await findVisible(c, contractObject, id, true);
  if (!(await canWriteContract(c, row))) throw forbidden('contract.submit');
  if (row.status === 'pending') return present(c, contractObject, row);
  return transitionContract(c, row, EDITABLE, 'pending', 'submit', { submittedAt: c.now, decidedAt: null });
}
