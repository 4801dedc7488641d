// One approval with its steps, who holds each part, and its history (mini-program detail page).
import type { DomainContext } from '../shared/with-tx.js';
import { notFound } from '../shared/domain-error.js';
import { hiddenFields, canSeeOwner, seesAllMoney } from '../shared/permissions.js';
import { Contract } from '../contract/contract.entity.js';
import { contractCustomerNames } from '../contract/contract-customer.js';
import { ApprovalInstance } from './approval-instance.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { ApprovalTask } from './approval-task.entity.js';
import { ApprovalEvent } from './approval-event.entity.js';
import { nameOf, stepName } from './approval-cards.js';

/**
 * An approval: contract facts (field rules applied), steps with their approvers' tasks, and the history.
 * Who: anyone who is or was an approver on it, its submitter, and whoever may see the contract (else 404).
 * Writes nothing.
 */
export async function getApproval(c: DomainContext, id: number): Promise<Record<string, unknown>> {
  const inst = await c.tx.findOneBy(ApprovalInstance, { id });
  if (!inst) throw notFound('approval');
  const contract = await c.tx.findOneByOrFail(Contract, { id: inst.subjectId });
  const me = c.actor.userId;
  const involved = me !== null && (me === inst.submitterId || await c.tx.exists(ApprovalTask, { where: { instanceId: id, userId: me } }));
  if (!involved && !seesAllMoney(c) && !(await canSeeOwner(c, contract.ownerId))) throw notFound('approval');
  const hidden = await hiddenFields(c, 'contract', contract.ownerId);
  const customerName = (await contractCustomerNames(c, [contract])).get(contract.id);
  const steps = await c.tx.find(ApprovalStep, { where: { instanceId: id }, order: { idx: 'ASC' } });
  const tasks = await c.tx.find(ApprovalTask, { where: { instanceId: id }, order: { id: 'ASC' } });
  const events = await c.tx.find(ApprovalEvent, { where: { instanceId: id }, order: { id: 'ASC' } });
  const person = async (uid: number | null) => (uid === null ? null : { id: uid, name: await nameOf(c, uid) });
  const myTask = me === null ? undefined : tasks.find((x) => x.userId === me && x.status === 'pending' && steps.some((s) => s.id === x.stepId && s.status === 'pending' && s.activation === x.activation));
  return {
    id: inst.id, status: inst.status, round: inst.round, version: inst.version, definitionVersion: inst.definitionVersion, ruleId: inst.ruleId,
    currentStep: inst.currentStep + 1, stepCount: inst.stepCount, submitter: await person(inst.submitterId),
    createdAt: inst.createdAt, decidedAt: inst.decidedAt, decidedBy: await person(inst.decidedById),
    canDecide: inst.status === 'pending' && !!myTask, canWithdraw: inst.status === 'pending' && me !== null && (me === inst.submitterId || me === contract.ownerId),
    contract: {
      id: contract.id, title: contract.title, status: contract.status,
      ...(hidden.includes('customerId') ? {} : { customerId: contract.customerId }), ...(customerName === undefined ? {} : { customerName }),
      ...(hidden.includes('amountCents') ? {} : { amountCents: contract.amountCents }), startAt: contract.startAt, endAt: contract.endAt,
    },
    steps: await Promise.all(steps.map(async (s) => ({
      index: s.idx + 1, name: stepName(s.name, c.actor.locale), mode: s.mode, status: s.status, startedAt: s.startedAt, dueAt: s.dueAt, decidedAt: s.decidedAt,
      approvers: await Promise.all(tasks.filter((x) => x.stepId === s.id).map(async (x) => ({
        taskId: x.id, user: await person(x.userId), status: x.status, current: x.activation === s.activation, comment: x.comment,
        via: x.via, decidedAt: x.decidedAt,
      }))),
    }))),
    history: await Promise.all(events.map(async (e) => ({
      type: e.type, actor: await person(e.actorId), channel: e.channel, comment: e.comment, to: await person(e.toUserId),
      step: steps.find((s) => s.id === e.stepId)?.idx, at: e.createdAt,
    }))).then((h) => h.map((x) => ({ ...x, step: x.step === undefined ? null : x.step + 1 }))),
  };
}
