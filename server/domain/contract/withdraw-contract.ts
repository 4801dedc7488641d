// 撤回: the owner takes a pending contract back before it is decided.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden } from '../shared/domain-error.js';
import { findVisible, present } from '../shared/records.js';
import { contractObject } from './contract.object.js';
import { transitionContract } from './contract-transition.js';

/**
 * Withdraw a pending contract: pending → withdrawn (editable again). Who: its owner (or the system); others who can
 * see it get 403. Writes: status, audit `withdraw`, event `contract.withdrawn` (the approval engine closes its
 * instance). Idempotent: withdrawing a withdrawn contract returns it unchanged.
 */
export async function withdrawContract(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const row = await findVisible(c, contractObject, id, true);
  if (c.actor.role !== 'system' && (row.ownerId === null || row.ownerId !== c.actor.userId)) throw forbidden('contract.withdraw');
  if (row.status === 'withdrawn') return present(c, contractObject, row);
  return transitionContract(c, row, ['pending'], 'withdrawn', 'withdraw');
}
