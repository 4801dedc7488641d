// The moves every approval use case shares: lock an instance, start a step (approvers, tasks, timers, cards),
// close tasks with their cards, finish a step, and settle the instance (driving the contract in the same transaction).
import type { DomainContext } from '../shared/with-tx.js';
import { systemActor } from '../shared/actor.js';
import { audit } from '../audit/audit.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { User } from '../user/user.entity.js';
import { decideContract } from '../contract/decide-contract.js';
import { returnContract } from '../contract/return-contract.js';
import { Contract } from '../contract/contract.entity.js';
import type { ApprovalOutcome } from '../../../cards/templates/approval.js';
import { ApprovalInstance, type ApprovalStatus } from './approval-instance.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask, type TaskStatus } from './approval-task.entity.js';
import { ApprovalEvent, type ApprovalEventType } from './approval-event.entity.js';
import { ApprovalTimer } from './approval-timer.entity.js';
import { resolveApprovers } from './resolve-approvers.js';
import { closeTaskCards, nameOf, notify, sendTaskCards, showStepEnd, stepName, stepProgress, userById, type Decision } from './approval-cards.js';

const HOUR = 3_600_000;

/** The instance, row-locked on MariaDB (SQLite runs one transaction at a time): every action on it queues here. */
export async function lockInstance(c: DomainContext, id: number): Promise<ApprovalInstance> {
  const qb = c.tx.createQueryBuilder(ApprovalInstance, 'i').where('i.id = :id', { id });
  if (c.db.kind !== 'sqlite') qb.setLock('pessimistic_write');
  const inst = await qb.getOne();
  if (!inst) throw notFound('approval');
  return inst;
}

export async function stepAt(c: DomainContext, inst: ApprovalInstance, idx = inst.currentStep): Promise<ApprovalStep> {
  return c.tx.findOneByOrFail(ApprovalStep, { instanceId: inst.id, idx });
}

export async function tasksOf(c: DomainContext, step: ApprovalStep, status?: TaskStatus): Promise<ApprovalTask[]> {
  return c.tx.find(ApprovalTask, { where: { stepId: step.id, activation: step.activation, ...(status ? { status } : {}) }, order: { id: 'ASC' } });
}

export async function recordEvent(c: DomainContext, inst: ApprovalInstance, stepId: number | null, type: ApprovalEventType, extra: { comment?: string | null; toUserId?: number | null } = {}): Promise<void> {
  await c.tx.insert(ApprovalEvent, {
    instanceId: inst.id, stepId, actorId: c.actor.userId, type, channel: c.actor.channel,
    comment: extra.comment ?? null, toUserId: extra.toUserId ?? null, createdAt: c.now,
  });
}

export async function auditApproval(c: DomainContext, action: string, inst: ApprovalInstance, before: object, after: object): Promise<void> {
  await audit(c, action, 'approval', inst.id, before, after);
}

export async function decision(c: DomainContext, outcome: ApprovalOutcome, byId: number | null, extra: { comment?: string | null; toUserId?: number } = {}): Promise<Decision> {
  return {
    outcome, byName: await nameOf(c, byId), at: c.now,
    ...(extra.comment ? { comment: extra.comment } : {}),
    ...(extra.toUserId ? { toName: await nameOf(c, extra.toUserId) } : {}),
  };
}

async function createTask(c: DomainContext, step: ApprovalStep, instanceId: number, userId: number, slot: number, from?: { task: ApprovalTask; via: 'transfer' | 'escalation' }): Promise<ApprovalTask> {
  const row = c.tx.create(ApprovalTask, {
    instanceId, stepId: step.id, activation: step.activation, slot, userId, status: 'pending', comment: null, closedById: null,
    fromTaskId: from?.task.id ?? null, via: from?.via ?? null, cards: [], awaiting: null, awaitingUntil: null, decidedAt: null, createdAt: c.now, updatedAt: c.now,
  });
  return c.tx.save(row);
}

/** Creates one pending task (and sends its cards). */
export async function addTask(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, userId: number, slot: number, from?: { task: ApprovalTask; via: 'transfer' | 'escalation' }): Promise<ApprovalTask> {
  const saved = await createTask(c, step, inst.id, userId, slot, from);
  await sendTaskCards(c, inst, step, [saved]);
  return saved;
}

/** Who approves when a step's specs name nobody: the submitter's manager, else an admin (a step never hangs unowned). */
async function fallbackApprover(c: DomainContext, submitter: User): Promise<User[]> {
  if (submitter.managerId) {
    const m = await c.tx.findOneBy(User, { id: submitter.managerId, active: true });
    if (m) return [m];
  }
  return c.tx.find(User, { where: { role: 'admin', active: true }, order: { id: 'ASC' }, take: 1 });
}

/** (Re)starts a step: resolves its approvers now, one task per approver, timers for its timeout, a card per address. */
export async function startStep(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep): Promise<void> {
  const submitter = await c.tx.findOneByOrFail(User, { id: inst.submitterId });
  let approvers = await resolveApprovers(c, step.spec.approvers, submitter);
  if (!approvers.length) approvers = await fallbackApprover(c, submitter);
  if (!approvers.length) throw new DomainError('conflict', 'approval.no_approvers', { step: step.name });
  const timeout = step.spec.timeoutHours ?? 0;
  step.activation += 1;
  step.status = 'pending';
  step.startedAt = c.now;
  step.dueAt = timeout > 0 ? new Date(c.now.getTime() + timeout * HOUR) : null;
  step.decidedAt = null;
  step.decidedById = null;
  await c.tx.update(ApprovalStep, { id: step.id }, { activation: step.activation, status: 'pending', startedAt: c.now, dueAt: step.dueAt, decidedAt: null, decidedById: null, updatedAt: c.now });
  if (timeout > 0) {
    const escalate = step.spec.escalateAfterHours ?? timeout;
    await c.tx.insert(ApprovalTimer, { stepId: step.id, activation: step.activation, kind: 'remind', status: 'pending', dueAt: step.dueAt });
    if (escalate > 0) await c.tx.insert(ApprovalTimer, { stepId: step.id, activation: step.activation, kind: 'escalate', status: 'pending', dueAt: new Date(step.dueAt!.getTime() + escalate * HOUR) });
  }
  // Every task first, then the cards: a 会签 card lists everyone on the step.
  const tasks = [];
  for (const [slot, u] of approvers.entries()) tasks.push(await createTask(c, step, inst.id, u.id, slot));
  await sendTaskCards(c, inst, step, tasks);
}

/** Closes tasks (status, who closed them) and re-renders their cards with the outcome (and 会签 progress). */
export async function closeTasks(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, tasks: ApprovalTask[], status: TaskStatus, d: Decision, byId: number | null): Promise<void> {
  for (const task of tasks) {
    await c.tx.update(ApprovalTask, { id: task.id }, { status, closedById: byId, awaiting: null, awaitingUntil: null, decidedAt: c.now, updatedAt: c.now });
    task.status = status;
  }
  const progress = await stepProgress(c, step);
  for (const task of tasks) await closeTaskCards(c, inst, task, d, progress);
}

async function endStep(c: DomainContext, step: ApprovalStep, status: ApprovalStep['status'], byId: number | null): Promise<void> {
  step.status = status;
  await c.tx.update(ApprovalStep, { id: step.id }, { status, decidedAt: c.now, decidedById: byId, updatedAt: c.now });
  // Timers of this run are void; the worker also re-checks the activation, so a claimed one cannot fire late.
  await c.tx.update(ApprovalTimer, { stepId: step.id, status: 'pending' }, { status: 'done' });
}

export async function bump(c: DomainContext, inst: ApprovalInstance, changes: Partial<ApprovalInstance> = {}): Promise<void> {
  Object.assign(inst, changes, { version: inst.version + 1, updatedAt: c.now });
  await c.tx.update(ApprovalInstance, { id: inst.id }, { ...changes, version: inst.version, updatedAt: c.now } as never);
}

/** The engine acts on the contract as the system, naming the rule and version that routed it (audited). */
function engine(c: DomainContext, inst: ApprovalInstance): DomainContext {
  return { ...c, actor: systemActor(`approval:${inst.ruleId}@${inst.definitionVersion}`.slice(0, 64), c.actor.locale), memo: new Map() };
}

const contractTitle = async (c: DomainContext, inst: ApprovalInstance) => (await c.tx.findOneBy(Contract, { id: inst.subjectId }))?.title ?? '';

/** The current step is done with `status`; the rest of the instance follows (next step, or the final outcome). */
export async function finishStep(c: DomainContext, inst: ApprovalInstance, step: ApprovalStep, status: 'approved' | 'rejected' | 'returned', byId: number, comment: string | null): Promise<void> {
  const others = await tasksOf(c, step, 'pending');
  const d = await decision(c, status, byId, { comment });
  if (others.length) await closeTasks(c, inst, step, others, 'cancelled', d, byId);
  await showStepEnd(c, inst, step, d);
  await endStep(c, step, status, byId);
  const title = await contractTitle(c, inst);
  const by = await nameOf(c, byId);
  if (status === 'approved' && step.idx + 1 < inst.stepCount) {
    const next = await stepAt(c, inst, step.idx + 1);
    await bump(c, inst, { currentStep: next.idx });
    await startStep(c, inst, next);
    await notify(c, inst.submitterId, 'approval.notify.step_approved', (l) => ({ contract: title, by, step: stepName(step.name, l), next: stepName(next.name, l) }));
    return;
  }
  await settle(c, inst, status, byId, comment);
  const key = `approval.notify.${status}`;
  await notify(c, inst.submitterId, key, { contract: title, by, comment: comment ?? '' });
}

/** The instance ends: its status, and the contract's (approved / rejected / back to draft) in this same transaction. */
async function settle(c: DomainContext, inst: ApprovalInstance, status: ApprovalStatus, byId: number | null, comment: string | null): Promise<void> {
  await bump(c, inst, { status, decidedAt: c.now, decidedById: byId });
  await recordEvent(c, inst, null, 'complete', { comment: status });
  const sys = engine(c, inst);
  if (status === 'approved' || status === 'rejected') await decideContract(sys, inst.subjectId, status, inst.id);
  else if (status === 'returned') await returnContract(sys, inst.subjectId, inst.id);
  void comment;
}

/**
 * Ends a pending instance from outside its steps (撤回 by the submitter, or an admin deciding the contract directly):
 * every open card shows it, timers stop. The contract has moved (or moves) through its own use case.
 */
export async function closeInstance(c: DomainContext, inst: ApprovalInstance, status: 'withdrawn' | 'approved' | 'rejected', byId: number | null): Promise<void> {
  const step = await stepAt(c, inst);
  const open = await tasksOf(c, step, 'pending');
  const outcome: ApprovalOutcome = status;
  const d = await decision(c, outcome, byId);
  await closeTasks(c, inst, step, open, status === 'withdrawn' ? 'withdrawn' : 'cancelled', d, byId);
  await showStepEnd(c, inst, step, d);
  await endStep(c, step, 'cancelled', byId);
  await bump(c, inst, { status, decidedAt: c.now, decidedById: byId });
}

export { userById };
