// 审批: the mini-program's approval inbox and actions (the same domain functions the chat cards call, so a decision
// here updates the cards in chat), and the admins' routing rule set.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { parseInput } from '../validate.js';
import { ApprovalDecide, ApprovalDefinitionsPut, ApprovalListQuery } from '../schemas/approval.js';
import { listMyApprovals } from '../../domain/approval/list-approvals.js';
import { getApproval } from '../../domain/approval/get-approval.js';
import { decideApproval } from '../../domain/approval/decide-approval.js';
import { withdrawApproval } from '../../domain/approval/withdraw-approval.js';
import { getApprovalDefinitions, putApprovalDefinitions } from '../../domain/approval/approval-definitions.js';

export function approvalRoutes(api: Api): void {
  api.route('get', '/approvals', {
    summary: 'My approvals as approver: pending (waiting for me) or done (I acted)', tag: 'approvals',
    query: { status: 'pending (default) or done', limit: '1–200 (default 50)' },
  }, (ctx) => {
    const q = parseInput(ApprovalListQuery, ctx.query);
    return ctx.state.run((c) => listMyApprovals(c, q.status, q.limit));
  });
  api.route('get', '/approvals/:id', { summary: 'An approval with its steps, approvers and history', tag: 'approvals' },
    (ctx) => ctx.state.run((c) => getApproval(c, idParam(ctx))));
  api.route('post', '/approvals/:id/decide', {
    summary: 'Approve, reject (comment required), transfer (toUserId) or return (to the submitter, or toStep) the current step', tag: 'approvals', body: ApprovalDecide,
  }, (ctx, body) => ctx.state.run((c) => decideApproval(c, idParam(ctx), body)));
  api.route('post', '/approvals/:id/withdraw', { summary: 'Withdraw a pending approval (its submitter)', tag: 'approvals' },
    (ctx) => ctx.state.run((c) => withdrawApproval(c, idParam(ctx))));
  api.route('get', '/approval-definitions', { summary: 'The approval routing rule set in force and its version (admin)', tag: 'approvals' },
    (ctx) => ctx.state.run((c) => getApprovalDefinitions(c)));
  api.route('put', '/approval-definitions', {
    summary: 'Store a new version of the approval routing rule set, or load a shipped one by name (admin)', tag: 'approvals', body: ApprovalDefinitionsPut,
  }, (ctx, body) => ctx.state.run((c) => putApprovalDefinitions(c, body)));
}
