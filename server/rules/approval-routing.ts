// The approval routing rule set (DESIGN.md §5): which steps a submitted contract goes through. The first rule whose
// `when` holds gives the steps; each step names its approvers (user, position, role, submitter's manager, team head),
// its mode (all = 会签, any = 或签) and its timeout. Loaded and validated by rule-set.ts like every other rule set.
import { z } from 'zod';
import type { RuleSetKind } from './rule-set.js';

/** Who approves a step. Resolved when the step starts (a position or team head may have changed since the rule was written). */
export const ApproverSpec = z.union([
  z.strictObject({ userId: z.number().int().positive() }),
  z.strictObject({ username: z.string().min(1).max(64) }),
  z.strictObject({ position: z.string().min(1).max(32) }),
  z.strictObject({ role: z.enum(['rep', 'manager', 'admin', 'finance']) }),
  z.strictObject({ submitterManager: z.literal(true) }),
  /** A team's head (负责人): a team id, or 'submitter' for the head of the submitter's own team. */
  z.strictObject({ teamHead: z.union([z.number().int().positive(), z.literal('submitter')]) }),
]);
export type ApproverSpec = z.infer<typeof ApproverSpec>;

export const StepSpec = z.strictObject({
  /** A locale key (approval.step.*) or plain text shown on the card. */
  name: z.string().min(1).max(64),
  /** all = 会签 (every approver must approve), any = 或签 (the first decision wins). */
  mode: z.enum(['all', 'any']).default('any'),
  approvers: z.array(ApproverSpec).min(1).max(20),
  /** Hours before the approvers are reminded; 0 or absent: no reminder. */
  timeoutHours: z.number().min(0).max(24 * 30).optional(),
  /** Hours after the reminder before the step is escalated to each late approver's manager; absent: same as timeoutHours, 0: never. */
  escalateAfterHours: z.number().min(0).max(24 * 30).optional(),
});
export type StepSpec = z.infer<typeof StepSpec>;

export const StepsSpec = z.array(StepSpec).min(1).max(10);
export type StepsSpec = z.infer<typeof StepsSpec>;

/**
 * Contract fields a condition may read. Money: `amount` and `amountCents` are integer cents (what the record stores),
 * `amountYuan` is yuan (cents / 100), so `contract.amountYuan >= 50000` and `contract.amount >= 5000000` say the same.
 */
export const CONTRACT_RULE_FIELDS = ['id', 'number', 'title', 'customerId', 'opportunityId', 'amount', 'amountCents', 'amountYuan', 'signedAt', 'startAt', 'endAt', 'ownerId', 'custom'] as const;
export const SUBMITTER_RULE_FIELDS = ['id', 'role', 'position', 'teamId', 'managerId'] as const;

export const approvalRoutingKind: RuleSetKind<StepsSpec> = {
  set: 'approval-routing',
  fields: { contract: CONTRACT_RULE_FIELDS, submitter: SUBMITTER_RULE_FIELDS, now: [] },
  actionKey: 'steps',
  action: StepsSpec as unknown as z.ZodType<StepsSpec>,
};
