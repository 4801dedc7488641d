// 撤回: the submitter takes a pending approval back; the contract becomes editable again.
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError } from '../shared/domain-error.js';
import { systemActor } from '../shared/actor.js';
import { Contract } from '../contract/contract.entity.js';
import { withdrawContract } from '../contract/withdraw-contract.js';
import { auditApproval, closeInstance, lockInstance, recordEvent, stepAt } from './approval-flow.js';
import { nameOf } from './approval-cards.js';

/**
 * Withdraw a pending approval. Who: its submitter or the contract's owner (else 403 `approval.not_submitter`).
 * Writes: the instance (withdrawn), every open card (updated to "withdrawn"), history, audit `withdraw` on `approval`,
 * and the contract pending → withdrawn through withdrawContract in this transaction.
 * Idempotent: withdrawing a withdrawn approval returns it; other finished ones answer 409 naming who decided.
 */
export async function withdrawApproval(c: DomainContext, instanceId: number): Promise<{ approvalId: number; status: string }> {
  const inst = await lockInstance(c, instanceId);
  const contract = await c.tx.findOneByOrFail(Contract, { id: inst.subjectId });
  const me = c.actor.userId;
  if (me === null || (me !== inst.submitterId && me !== contract.ownerId)) throw new DomainError('forbidden', 'approval.not_submitter');
  if (inst.status === 'withdrawn') return { approvalId: inst.id, status: inst.status };
  if (inst.status !== 'pending') throw new DomainError('conflict', `approval.already_${inst.status}`, { by: await nameOf(c, inst.decidedById) });
  const step = await stepAt(c, inst);
  await closeInstance(c, inst, 'withdrawn', me);
  await recordEvent(c, inst, step.id, 'withdraw');
  await auditApproval(c, 'withdraw', inst, { status: 'pending' }, { status: 'withdrawn' });
  // The owner withdraws as themselves; a submitter who is not the owner (a manager) through the engine.
  const as = me === contract.ownerId ? c : { ...c, actor: systemActor(`approval:${inst.ruleId}@${inst.definitionVersion}`.slice(0, 64), c.actor.locale), memo: new Map() };
  await withdrawContract(as, contract.id);
  return { approvalId: inst.id, status: inst.status };
}
