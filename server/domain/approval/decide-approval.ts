// 审批操作: an approver approves, rejects, transfers (转办) or returns (退回) the step in front of them.
// The one function behind the chat cards, the chat follow-up questions and the mini-program.
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError, invalid } from '../shared/domain-error.js';
import { User } from '../user/user.entity.js';
import type { ApprovalInstance } from './approval-instance.entity.js';
import { ApprovalTask } from './approval-task.entity.js';
import {
  addTask, auditApproval, bump, closeTasks, decision, finishStep, lockInstance, recordEvent, startStep, stepAt, tasksOf,
} from './approval-flow.js';
import { nameOf, notify, showStepEnd, showStepProgress, stepProgress } from './approval-cards.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTimer } from './approval-timer.entity.js';
import { Contract } from '../contract/contract.entity.js';

export type ApprovalAction = 'approve' | 'reject' | 'transfer' | 'return';

export interface DecideInput {
  action: ApprovalAction;
  comment?: string;
  /** 转办: the person who takes over this approver's part. */
  toUserId?: number;
  /** 退回: 0 or absent = to the submitter; n = back to step n (1-based, before the current one). */
  toStep?: number;
  /** The step a card was for: a tap on an older step's card is refused instead of acting on the current one. */
  stepId?: number;
}

export interface DecideResult { approvalId: number; status: string; currentStep: number; version: number; action: ApprovalAction }

/** Why an actor cannot act on this step now, as the error the caller shows (who decided, when someone did). */
async function notActionable(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep | null): Promise<DomainError> {
  if (inst.status !== 'pending') return new DomainError('conflict', `approval.already_${inst.status}`, { by: await nameOf(c, inst.decidedById) });
  if (step && step.status !== 'pending') return new DomainError('conflict', `approval.already_${step.status === 'cancelled' ? 'withdrawn' : step.status}`, { by: await nameOf(c, step.decidedById) });
  const me = c.actor.userId;
  const mine = step && me ? await c.tx.findOne(ApprovalTask, { where: { stepId: step.id, activation: step.activation, userId: me }, order: { id: 'DESC' } }) : null;
  if (mine && mine.status !== 'pending') {
    const outcome = mine.status === 'cancelled' ? 'approved' : mine.status;
    return new DomainError('conflict', `approval.already_${outcome}`, { by: await nameOf(c, mine.closedById) });
  }
  return new DomainError('forbidden', 'approval.not_approver');
}

/** The actor's open task on the current step (locks the instance first), or the reason they have none. */
export async function actionableTask(c: DomainContext, instanceId: number, stepId?: number): Promise<{ inst: ApprovalInstance; step: ApprovalStep; task: ApprovalTask }> {
  const inst = await lockInstance(c, instanceId);
  if (inst.status !== 'pending') throw await notActionable(c, inst, null);
  const step = await stepAt(c, inst);
  if (stepId !== undefined && stepId !== step.id) {
    const old = await c.tx.findOneBy(ApprovalStep, { id: stepId });
    throw await notActionable(c, inst, old && old.instanceId === inst.id ? old : null);
  }
  const task = c.actor.userId ? await c.tx.findOne(ApprovalTask, { where: { stepId: step.id, activation: step.activation, userId: c.actor.userId, status: 'pending' } }) : null;
  if (!task) throw await notActionable(c, inst, step);
  return { inst, step, task };
}

async function checkInput(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, input: DecideInput): Promise<void> {
  const comment = input.comment?.trim();
  if (input.action === 'reject' && !comment) throw invalid('approval.comment_required', 'comment');
  if (input.action === 'transfer') {
    const to = input.toUserId ? await c.tx.findOneBy(User, { id: input.toUserId, active: true }) : null;
    if (!to) throw invalid('approval.bad_transfer_target', 'toUserId');
    if (to.id === c.actor.userId || to.id === inst.submitterId) throw invalid('approval.bad_transfer_target', 'toUserId');
    if (await c.tx.exists(ApprovalTask, { where: { stepId: step.id, activation: step.activation, userId: to.id, status: 'pending' } })) throw invalid('approval.already_approver', 'toUserId');
  }
  if (input.action === 'return' && input.toStep) {
    if (!Number.isInteger(input.toStep) || input.toStep < 1 || input.toStep > step.idx) throw invalid('approval.bad_return_step', 'toStep');
  }
}

/** Every check decideApproval makes, without writing: callers that answer refusals themselves (chat) run this first. */
export async function checkDecision(c: DomainContext, instanceId: number, input: DecideInput): Promise<ApprovalTask> {
  const { inst, step, task } = await actionableTask(c, instanceId, input.stepId);
  await checkInput(c, inst, step, input);
  return task;
}

/**
 * Act on the step in front of the caller: approve, reject (comment required), transfer (toUserId) or return (to the
 * submitter, or toStep). Who: a pending approver of the current step (else 403 `approval.not_approver`, or 409
 * `approval.already_<outcome>` naming who decided). Writes: the task and step, the next step's tasks and cards, card
 * updates for every closed copy, the submitter's notice, history, audit `<action>` on `approval` with the caller's
 * channel, and on the last word the contract (approved / rejected / back to draft) in this transaction.
 * Idempotent: the instance row lock serialises callers; a second decision finds no open task and gets the 409.
 */
export async function decideApproval(c: DomainContext, instanceId: number, input: DecideInput): Promise<DecideResult> {
  const { inst, step, task } = await actionableTask(c, instanceId, input.stepId);
  await checkInput(c, inst, step, input);
  const me = c.actor.userId!;
  const comment = input.comment?.trim() || null;
  const before = { step: step.idx + 1, status: inst.status };
  if (input.action === 'approve') {
    await c.tx.update(ApprovalTask, { id: task.id }, { comment });
    // Escalation put someone else in the same slot: one decision fills it (closed with it, so progress counts it once).
    const slotmates = (await tasksOf(c, step, 'pending')).filter((x) => x.slot === task.slot && x.id !== task.id);
    const d = await decision(c, 'approved', me, { comment });
    await closeTasks(c, inst, step, [task], 'approved', d, me);
    if (slotmates.length) await closeTasks(c, inst, step, slotmates, 'cancelled', d, me);
    await recordEvent(c, inst, step.id, 'approve', { comment });
    const open = await tasksOf(c, step, 'pending');
    if (step.mode === 'any' || open.length === 0) await finishStep(c, inst, step, 'approved', me, comment);
    else {
      // 会签, others still to decide: every other copy shows who has approved so far.
      await bump(c, inst);
      await showStepProgress(c, inst, step, await stepProgress(c, step));
    }
  } else if (input.action === 'reject') {
    await c.tx.update(ApprovalTask, { id: task.id }, { comment });
    await closeTasks(c, inst, step, [task], 'rejected', await decision(c, 'rejected', me, { comment }), me);
    await recordEvent(c, inst, step.id, 'reject', { comment });
    await finishStep(c, inst, step, 'rejected', me, comment);
  } else if (input.action === 'transfer') {
    const toUserId = input.toUserId!;
    await c.tx.update(ApprovalTask, { id: task.id }, { comment });
    await closeTasks(c, inst, step, [task], 'transferred', await decision(c, 'transferred', me, { comment, toUserId }), me);
    await recordEvent(c, inst, step.id, 'transfer', { comment, toUserId });
    await bump(c, inst);
    await addTask(c, inst, step, toUserId, task.slot, { task, via: 'transfer' });
    const title = await contractTitleOf(c, inst);
    await notify(c, inst.submitterId, 'approval.notify.transferred', { contract: title, by: await nameOf(c, me), to: await nameOf(c, toUserId) });
  } else {
    await c.tx.update(ApprovalTask, { id: task.id }, { comment });
    await closeTasks(c, inst, step, [task], 'returned', await decision(c, 'returned', me, { comment }), me);
    await recordEvent(c, inst, step.id, 'return', { comment, toUserId: input.toStep ? null : inst.submitterId });
    if (input.toStep) await returnToStep(c, inst, step, input.toStep - 1, me, comment);
    else await finishStep(c, inst, step, 'returned', me, comment);
  }
  await auditApproval(c, input.action, inst, before, { step: inst.currentStep + 1, status: inst.status, ...(comment ? { comment } : {}), ...(input.toUserId ? { toUserId: input.toUserId } : {}), ...(input.toStep ? { toStep: input.toStep } : {}) });
  return { approvalId: inst.id, status: inst.status, currentStep: inst.currentStep + 1, version: inst.version, action: input.action };
}

async function contractTitleOf(c: DomainContext, inst: ApprovalInstance): Promise<string> {
  return (await c.tx.findOneBy(Contract, { id: inst.subjectId }))?.title ?? '';
}

/** 退回到某一步: the current step's other cards close, the steps in between wait again, step `idx` starts over. */
async function returnToStep(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, idx: number, me: number, comment: string | null): Promise<void> {
  const others = await tasksOf(c, step, 'pending');
  const d = await decision(c, 'returned', me, { comment });
  if (others.length) await closeTasks(c, inst, step, others, 'cancelled', d, me);
  await showStepEnd(c, inst, step, d);
  await c.tx.createQueryBuilder().update(ApprovalStep).set({ status: 'waiting', updatedAt: c.now })
    .where('instance_id = :i AND idx > :from AND idx <= :to', { i: inst.id, from: idx, to: step.idx }).execute();
  await c.tx.update(ApprovalTimer, { stepId: step.id, status: 'pending' }, { status: 'done' });
  const target = await stepAt(c, inst, idx);
  await bump(c, inst, { currentStep: idx });
  await startStep(c, inst, target);
  const title = await contractTitleOf(c, inst);
  await notify(c, inst.submitterId, 'approval.notify.returned_to_step', { contract: title, by: await nameOf(c, me), index: idx + 1, comment: comment ?? '' });
}
