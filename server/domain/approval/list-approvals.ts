// The approvals inbox (mini-program): what waits for me, and what I have already acted on.
import type { DomainContext } from '../shared/with-tx.js';
import { forbidden } from '../shared/domain-error.js';
import { hiddenFields } from '../shared/permissions.js';
import { Contract } from '../contract/contract.entity.js';
import { contractCustomerNames } from '../contract/contract-customer.js';
import { ApprovalInstance } from './approval-instance.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask } from './approval-task.entity.js';
import { nameOf, stepName } from './approval-cards.js';

export interface ApprovalListItem {
  id: number; taskId: number; status: string; title: string; objectType: 'contract'; objectId: number;
  submitterName: string; /** Whose contract, as its approval card names the customer (absent where a field rule hides it). */
  customerName?: string; amountCents?: number; createdAt: Date; stepIndex: number; stepTotal: number; stepName: string;
  mode: 'all' | 'any'; dueAt: Date | null; decidedAt: Date | null;
}

/**
 * The caller's approval tasks: `pending` (waiting for them now) or `done` (they approved, rejected, transferred or
 * returned), newest first, at most `limit`. Who: any signed-in user (only their own tasks). Writes nothing.
 */
export async function listMyApprovals(c: DomainContext, status: 'pending' | 'done', limit = 50): Promise<{ items: ApprovalListItem[] }> {
  const me = c.actor.userId;
  if (!me) throw forbidden('approval.list');
  const qb = c.tx.createQueryBuilder(ApprovalTask, 't').where('t.user_id = :me', { me });
  if (status === 'pending') qb.andWhere("t.status = 'pending'");
  else qb.andWhere("t.status IN ('approved', 'rejected', 'transferred', 'returned')");
  const tasks = await qb.orderBy('t.id', 'DESC').limit(Math.min(Math.max(limit, 1), 200)).getMany();
  const items: ApprovalListItem[] = [];
  for (const task of tasks) {
    const inst = await c.tx.findOneByOrFail(ApprovalInstance, { id: task.instanceId });
    const step = await c.tx.findOneByOrFail(ApprovalStep, { id: task.stepId });
    // A pending task on a step that is no longer current cannot be acted on: leave it out of the inbox.
    if (status === 'pending' && (inst.status !== 'pending' || step.status !== 'pending' || step.activation !== task.activation)) continue;
    const contract = await c.tx.findOneByOrFail(Contract, { id: inst.subjectId });
    const hidden = await hiddenFields(c, 'contract', contract.ownerId);
    const customerName = (await contractCustomerNames(c, [contract])).get(contract.id);
    items.push({
      id: inst.id, taskId: task.id, status: status === 'pending' ? 'pending' : task.status, title: contract.title, objectType: 'contract',
      objectId: contract.id, submitterName: await nameOf(c, inst.submitterId), ...(customerName === undefined ? {} : { customerName }),
      ...(hidden.includes('amountCents') ? {} : { amountCents: contract.amountCents }),
      createdAt: task.createdAt, stepIndex: step.idx + 1, stepTotal: inst.stepCount, stepName: stepName(step.name, c.actor.locale),
      mode: step.mode, dueAt: step.dueAt, decidedAt: task.decidedAt,
    });
  }
  return { items };
}
