// Fresh copies of the approval cards waiting for me: a card that scrolled out of sight, or that WeCom no longer lets
// us update (its single-use response_code spent or past its window), is acted on again from the chat.
import type { DomainContext } from '../shared/with-tx.js';
import type { Address } from '../../../bot/core/message.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask } from './approval-task.entity.js';
import { lockInstance } from './approval-flow.js';
import { sendAnotherCopy } from './approval-cards.js';

/**
 * Sends one more copy of the card of each of these approval tasks to the caller's own chat on `platform`, where each
 * joins the task's copies: the decision taken on any copy updates it in place with the others (older copies in the
 * same chat quietly: see closeTaskCards). Tasks that are not the caller's, or no longer waiting for them, are skipped.
 * Who: the approver (their own tasks only). Writes: the tasks' list of copies; the cards go out through the outbox.
 * Returns the ids of the tasks whose card was sent.
 */
export async function resendApprovalCards(c: DomainContext, taskIds: number[], platform: Address['platform']): Promise<number[]> {
  const sent: number[] = [];
  for (const id of taskIds) {
    const first = await c.tx.findOneBy(ApprovalTask, { id });
    if (!first || first.userId !== c.actor.userId) continue;
    // Under the instance's lock, as a decision takes it: a card sent now is either closed by that decision or current.
    const inst = await lockInstance(c, first.instanceId);
    const task = await c.tx.findOneByOrFail(ApprovalTask, { id });
    const step = await c.tx.findOneBy(ApprovalStep, { id: task.stepId });
    const current = inst.status === 'pending' && task.status === 'pending' && step?.status === 'pending' && step.activation === task.activation;
    if (current && (await sendAnotherCopy(c, inst, step, task, platform))) sent.push(id);
  }
  return sent;
}
