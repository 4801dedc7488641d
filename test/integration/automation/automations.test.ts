// Default automations fire once per event, write what they should as the system with the rule's id in the audit
// log; a rule set where a rule would set itself off is refused naming it; the admin API validates and versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TARGETS, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { DAY } from '../../helpers/clock.js';
import { startServer, type TestServer } from '../../helpers/http.js';
import { withTx } from '../../../server/domain/shared/with-tx.js';
import { createRecord } from '../../../server/domain/shared/records.js';
import { customerObject } from '../../../server/domain/customer/customer.object.js';
import { opportunityObject } from '../../../server/domain/opportunity/opportunity.object.js';
import { moveStage } from '../../../server/domain/opportunity/move-stage.js';
import { submitContract } from '../../../server/domain/contract/submit-contract.js';
import { decideContract } from '../../../server/domain/contract/decide-contract.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { Payment } from '../../../server/domain/contract/payment.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';
import { installAutomations } from '../../../server/domain/automation/run-automations.js';
import { loadAutomations } from '../../../server/domain/automation/automation-rules.js';
import { RuleSetError } from '../../../server/rules/rule-set.js';
import { defaultRuleSet } from '../../../server/rules/defaults.js';
import { systemActor } from '../../../server/domain/shared/actor.js';
import { actorOf } from '../leaderboard/ground-truth.js';

describe.each(TARGETS)('automations (%s)', (target) => {
  let t: TestDb;
  let org: Org;
  beforeAll(async () => {
    t = await openTestDb(target);
    org = await seedOrg(t.db);
    installAutomations(t.db);
  });
  afterAll(async () => { await t?.close(); });

  const ruleAudits = (ruleId: string) => t.db.ds.getRepository(AuditLog).find({ where: { ruleId }, order: { id: 'ASC' } });

  async function deal(name: string) {
    const rep = actorOf(org.users.repA);
    const cu = await withTx(t.db, rep, (c) => createRecord(c, customerObject, { name: `${name}科技有限公司`, level: 'A', region: '江北区' }));
    const opp = await withTx(t.db, rep, (c) => createRecord(c, opportunityObject, { customerId: cu.id, name: `${name}项目`, amountCents: 8_000_000, expectedCloseAt: new Date(t.clock.now().getTime() + 30 * DAY) }));
    return { cu, opp, rep };
  }

  it('entering 方案报价 gives the owner one "send the quote" task due in 2 days, audited as the rule', async () => {
    const { opp, rep } = await deal('报价');
    await withTx(t.db, rep, (c) => moveStage(c, opp.id, { stage: 'needs_analysis' }));
    expect(await t.db.ds.getRepository(Task).count({ where: { opportunityId: opp.id } })).toBe(0);
    await withTx(t.db, rep, (c) => moveStage(c, opp.id, { stage: 'proposal' }));
    await withTx(t.db, rep, (c) => moveStage(c, opp.id, { stage: 'proposal' })); // no change, no event
    const tasks = await t.db.ds.getRepository(Task).find({ where: { opportunityId: opp.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ ownerId: org.users.repA.id, status: 'open', title: '给报价科技有限公司发送报价（报价项目）' });
    expect(tasks[0].dueAt.getTime()).toBe(t.clock.now().getTime() + 2 * DAY);
    const audits = await ruleAudits('proposal-send-quote');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ channel: 'system', actorId: null, action: 'create', entityType: 'task', entityId: tasks[0].id });
  });

  it('a won deal gets exactly one contract draft with its customer and amount', async () => {
    const { cu, opp, rep } = await deal('赢单');
    await withTx(t.db, rep, (c) => moveStage(c, opp.id, { stage: 'won' }));
    const contracts = await t.db.ds.getRepository(Contract).find({ where: { opportunityId: opp.id } });
    expect(contracts).toHaveLength(1);
    expect(contracts[0]).toMatchObject({ status: 'draft', customerId: cu.id, amountCents: 8_000_000, ownerId: org.users.repA.id, title: '赢单科技有限公司 · 赢单项目' });
    const audits = await ruleAudits('won-contract-draft');
    expect(audits.map((a) => [a.channel, a.entityType, a.entityId])).toEqual([['system', 'contract', contracts[0].id]]);
    // The deal's owner is told the draft is there and how to send it for approval.
    const told = await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 1 });
    expect(told[0].payload).toMatchObject({ message: { kind: 'text', key: 'automation.notify.contract_draft', params: { opportunity: '赢单项目', customer: '赢单科技有限公司' } } });
    expect(told[0].address).toMatchObject({ userId: org.users.repA.wecomUserId });
  });

  it('an approved contract notifies finance and gives finance a first-payment task at the planned date', async () => {
    const { opp, rep } = await deal('回款');
    await withTx(t.db, rep, (c) => moveStage(c, opp.id, { stage: 'won' }));
    const contract = await t.db.ds.getRepository(Contract).findOneByOrFail({ opportunityId: opp.id });
    const plannedAt = new Date(t.clock.now().getTime() + 20 * DAY);
    await t.db.ds.getRepository(Payment).save({ contractId: contract.id, plannedAmountCents: 4_000_000, plannedAt, receivedAmountCents: 0, status: 'planned', ownerId: contract.ownerId, createdAt: t.clock.now(), updatedAt: t.clock.now() });
    const outboxBefore = await t.db.ds.getRepository(OutboxMessage).count();
    await withTx(t.db, rep, (c) => submitContract(c, contract.id));
    await withTx(t.db, systemActor('approval-test'), (c) => decideContract(c, contract.id, 'approved'));
    const sent = (await t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).slice(outboxBefore)
      .filter((m) => (m.payload as { message: { key?: string } }).message.key === 'automation.notify.contract_approved');
    expect(sent).toHaveLength(1);
    expect(sent[0].address).toMatchObject({ platform: 'wecom', userId: org.users.finance.wecomUserId, chatType: 'single' });
    const tasks = await t.db.ds.getRepository(Task).find({ where: { ownerId: org.users.finance.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0].dueAt.getTime()).toBe(plannedAt.getTime());
    expect(tasks[0].title).toContain(contract.title);
    expect((await ruleAudits('contract-approved-finance')).map((a) => [a.channel, a.entityType])).toEqual([['system', 'task']]);
  });

  it('refuses a rule that would trigger itself, directly or through another rule, naming it', () => {
    const self = { rules: [{ id: 'task-loop', on: 'task.created', when: 'true', then: [{ do: 'create_task', title: 'automation.task.send_quote' }] }] };
    expect(() => loadAutomations(self)).toThrow(RuleSetError);
    expect(() => loadAutomations(self)).toThrow(/automations#task-loop: rule task-loop would trigger itself/);
    const pair = { rules: [
      { id: 'a', on: 'task.created', when: 'true', then: [{ do: 'assign', to: 'manager' }] },
      { id: 'b', on: 'task.updated', when: 'task.status == \'open\'', then: [{ do: 'create_task', title: 'automation.task.send_quote' }] },
    ] };
    expect(() => loadAutomations(pair)).toThrow(/automations#a: rule a would trigger itself \(via a → b → a\)/);
    const setSelf = { rules: [{ id: 'level-up', on: 'customer.updated', when: "customer.level == 'B'", then: [{ do: 'set_field', field: 'level', value: 'A' }] }] };
    expect(() => loadAutomations(setSelf)).toThrow(/level-up would trigger itself/);
    expect(() => loadAutomations({ rules: [{ id: 'typo', on: 'opportunity.won', when: 'opportunity.amout > 1', then: [{ do: 'create_contract_draft' }] }] }))
      .toThrow(/automations#typo: unknown field opportunity.amout/);
    expect(loadAutomations(defaultRuleSet('automations')).rules.map((r) => r.id)).toEqual(['proposal-send-quote', 'contract-approved-finance', 'won-contract-draft']);
  });

  describe('admin API', () => {
    let srv: TestServer;
    beforeAll(async () => { srv = await startServer(t.db); });
    afterAll(async () => { await srv?.close(); });

    it('GET shows the rules in force; PUT validates, refuses loops naming the rule, and versions', async () => {
      const admin = await srv.login('admin');
      const got = await srv.call('GET', '/api/v1/automations', { token: admin });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ version: 1, source: 'default' });
      const rules = (got.body as { rules: unknown[] }).rules;
      const loop = await srv.call('PUT', '/api/v1/automations', { token: admin, body: { rules: [...rules, { id: 'echo', on: 'contract.created', then: [{ do: 'notify', to: 'owner', message: 'automation.notify.contract_approved' }] }, { id: 'spin', on: 'task.created', then: [{ do: 'create_task', title: 'automation.task.send_quote' }] }] } });
      expect(loop.status).toBe(400);
      expect(JSON.stringify(loop.body)).toContain('spin');
      const ok = await srv.call('PUT', '/api/v1/automations', { token: admin, body: { rules: rules.slice(0, 2), expectedVersion: 1 } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 2 });
      const stale = await srv.call('PUT', '/api/v1/automations', { token: admin, body: { rules, expectedVersion: 1 } });
      expect(stale.status).toBe(409);
      expect((await srv.call('GET', '/api/v1/automations', { token: admin })).body).toMatchObject({ version: 2, source: 'company' });
      const rep = await srv.login('rep.zhang');
      expect((await srv.call('GET', '/api/v1/automations', { token: rep })).status).toBe(403);
      // Without the won rule, a win makes no draft.
      const { opp, rep: repActor } = await deal('停用');
      await withTx(t.db, repActor, (c) => moveStage(c, opp.id, { stage: 'won' }));
      expect(await t.db.ds.getRepository(Contract).count({ where: { opportunityId: opp.id } })).toBe(0);
    });
  });
});
