// Routing by the shipped rule sets, the REST inbox, and the contract driven in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, startApprovalStack, type ApprovalStack } from './approval-stack.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';

describe.each(TARGETS)('approval routing on %s', (target) => {
  let s: ApprovalStack;
  beforeAll(async () => { s = await startApprovalStack(target); });
  afterAll(async () => { await s?.close(); });
  const contract = (id: number) => s.t.db.ds.getRepository(Contract).findOneByOrFail({ id });

  it('30,000 yuan → one step (sales director); approving it approves the contract, audited', async () => {
    const { contractId, approvalId } = await s.submitContract(30_000);
    const detail = (await s.api('repA', 'GET', `/approvals/${approvalId}`)).body;
    expect(detail).toMatchObject({ status: 'pending', stepCount: 1, ruleId: 'contract-small', definitionVersion: 1 });
    expect(detail.steps[0].approvers.map((a: any) => a.user.name)).toEqual([s.org.users.director.name]);
    const inbox = (await s.api('director', 'GET', '/approvals?status=pending')).body.items;
    expect(inbox.map((i: any) => i.id)).toContain(approvalId);
    const r = await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve', comment: 'ok' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'approved' });
    expect((await contract(contractId)).status).toBe('approved');
    const audits = await s.t.db.ds.getRepository(AuditLog).find({ where: { entityType: 'approval', entityId: approvalId }, order: { id: 'ASC' } });
    expect(audits.map((a) => [a.action, a.channel])).toEqual([['submit', 'miniapp'], ['approve', 'miniapp']]);
    const contractAudit = await s.t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'contract', entityId: contractId, action: 'approve' });
    expect(contractAudit.ruleId).toBe('approval:contract-small@1');
    expect((await s.api('director', 'GET', '/approvals?status=done')).body.items[0]).toMatchObject({ id: approvalId, status: 'approved' });
  });

  it('80,000 yuan → director, legal, GM in order; the contract stays pending until the last', async () => {
    const { contractId, approvalId } = await s.submitContract(80_000);
    const detail = (await s.api('repA', 'GET', `/approvals/${approvalId}`)).body;
    expect(detail).toMatchObject({ stepCount: 3, ruleId: 'contract-large' });
    expect((await s.api('legal', 'GET', '/approvals?status=pending')).body.items).toHaveLength(0);
    for (const who of ['director', 'legal', 'gm'] as const) {
      expect((await contract(contractId)).status).toBe('pending');
      // Only the current step's approver may act.
      if (who !== 'gm') expect((await s.api('gm', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' })).body.error.code).toBe('approval.not_approver');
      expect((await s.api(who, 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' })).status).toBe(200);
    }
    expect((await contract(contractId)).status).toBe('approved');
    const after = (await s.api('repA', 'GET', `/approvals/${approvalId}`)).body;
    expect(after.steps.map((x: any) => x.status)).toEqual(['approved', 'approved', 'approved']);
    expect(after.history.map((h: any) => h.type)).toEqual(['submit', 'approve', 'approve', 'approve', 'complete']);
  });

  it('reject needs a comment and rejects the contract', async () => {
    const { contractId, approvalId } = await s.submitContract(10_000);
    const noComment = await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'reject' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.code).toBe('approval.comment_required');
    expect((await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'reject', comment: '价格太低' })).status).toBe(200);
    expect((await contract(contractId)).status).toBe('rejected');
    const again = await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('approval.already_rejected');
  });

  it('the co-sign definition: director and GM must both approve (会签); an instance keeps its version', async () => {
    const old = await s.submitContract(90_000, 'old-version');
    expect((await s.api('repA', 'PUT', '/approval-definitions', { shipped: 'approval-routing.cosign' })).status).toBe(403);
    const put = await s.api('admin', 'PUT', '/approval-definitions', { shipped: 'approval-routing.cosign' });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    const { contractId, approvalId } = await s.submitContract(90_000);
    const detail = (await s.api('repA', 'GET', `/approvals/${approvalId}`)).body;
    expect(detail).toMatchObject({ stepCount: 1, definitionVersion: 2, ruleId: 'contract-large-cosign' });
    expect(detail.steps[0].mode).toBe('all');
    await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' });
    expect((await contract(contractId)).status).toBe('pending');
    await s.api('gm', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' });
    expect((await contract(contractId)).status).toBe('approved');
    // The instance submitted before the change still has its three steps of version 1.
    expect((await s.api('repA', 'GET', `/approvals/${old.approvalId}`)).body).toMatchObject({ stepCount: 3, definitionVersion: 1 });
  });

  it('refuses a bad rule set naming the rule', async () => {
    const bad = { rules: [{ id: 'oops', when: 'contract.amountt > 1', steps: [{ name: 'x', approvers: [{ position: 'gm' }] }] }] };
    const r = await s.api('admin', 'PUT', '/approval-definitions', { definition: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('rules.invalid');
    expect(r.body.error.message).toContain('oops');
    const noSteps = await s.api('admin', 'PUT', '/approval-definitions', { definition: { rules: [{ id: 'empty', when: 'true', steps: [] }] } });
    expect(noSteps.status).toBe(400);
    expect(noSteps.body.error.message).toContain('empty');
  });
});
