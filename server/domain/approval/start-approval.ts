// 发起审批: a submitted contract gets an approval instance routed by the rule set in force.
import type { DomainContext } from '../shared/with-tx.js';
import { DomainError } from '../shared/domain-error.js';
import { toRuleRecord, evaluateRules } from '../../rules/evaluate.js';
import { CONTRACT_RULE_FIELDS } from '../../rules/approval-routing.js';
import { Contract } from '../contract/contract.entity.js';
import { User } from '../user/user.entity.js';
import { ApprovalInstance } from './approval-instance.entity.js';
import { ApprovalStep } from './approval-step.entity.js';
import { compileRouting, currentDefinition, pinDefinition } from './approval-definitions.js';
import { auditApproval, recordEvent, startStep } from './approval-flow.js';

/** What a routing condition sees: the contract (amount in cents and in yuan), the submitter, and now. */
export function routingMemory(c: DomainContext, contract: Contract, submitter: User): Record<string, unknown> {
  const record = toRuleRecord({ ...contract, amount: contract.amountCents, amountYuan: contract.amountCents / 100 }, CONTRACT_RULE_FIELDS);
  record.custom = contract.custom ?? {};
  return {
    contract: record,
    submitter: { id: submitter.id, role: submitter.role, position: submitter.position, teamId: submitter.teamId, managerId: submitter.managerId },
    now: c.now.toISOString(),
  };
}

/**
 * Start approval of a contract that has just become pending. Who: called by the engine's hook on `contract.submitted`
 * (the submitter's transaction); the submitter is the acting user, else the contract's owner. Writes: the instance (with
 * the rule set version and the rule that matched), its steps, the first step's tasks, timers and cards (outbox), audit
 * `submit` on `approval`. Idempotent: a contract with a pending instance gets that instance back.
 */
export async function startApproval(c: DomainContext, contractId: number): Promise<ApprovalInstance> {
  const open = await c.tx.findOne(ApprovalInstance, { where: { subjectType: 'contract', subjectId: contractId, status: 'pending' } });
  if (open) return open;
  const contract = await c.tx.findOneByOrFail(Contract, { id: contractId });
  const submitterId = c.actor.userId ?? contract.ownerId;
  const submitter = submitterId ? await c.tx.findOneBy(User, { id: submitterId }) : null;
  if (!submitter) throw new DomainError('conflict', 'approval.no_submitter');
  const def = await currentDefinition(c);
  const match = evaluateRules(compileRouting(def.body), routingMemory(c, contract, submitter));
  if (!match) throw new DomainError('conflict', 'approval.no_route', { amount: contract.amountCents });
  await pinDefinition(c, def);
  const previous = await c.tx.count(ApprovalInstance, { where: { subjectType: 'contract', subjectId: contractId } });
  const inst = await c.tx.save(c.tx.create(ApprovalInstance, {
    subjectType: 'contract', subjectId: contractId, definitionVersion: def.version, ruleId: match.ruleId, round: previous + 1,
    status: 'pending', submitterId: submitter.id, currentStep: 0, stepCount: match.action.length, version: 1,
    decidedAt: null, decidedById: null, createdAt: c.now, updatedAt: c.now,
  }));
  const steps: ApprovalStep[] = [];
  for (const [idx, spec] of match.action.entries()) {
    steps.push(await c.tx.save(c.tx.create(ApprovalStep, {
      instanceId: inst.id, idx, name: spec.name, mode: spec.mode, spec, status: 'waiting', activation: 0,
      startedAt: null, dueAt: null, decidedAt: null, decidedById: null, createdAt: c.now, updatedAt: c.now,
    })));
  }
  await c.tx.update(Contract, { id: contractId }, { approvalId: inst.id });
  await recordEvent(c, inst, null, 'submit');
  await auditApproval(c, 'submit', inst, {}, { contractId, ruleId: match.ruleId, definitionVersion: def.version, round: inst.round, steps: steps.length });
  await startStep(c, inst, steps[0]);
  return inst;
}
