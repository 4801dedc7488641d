// Two approvers racing on a 或签 step through two turn handlers at once (MariaDB row locks), 会签 over cards,
// and step timeouts (reminder, then escalation to the approver's manager) driven by the test clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, startApprovalStack, type ApprovalStack } from './approval-stack.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { ApprovalEvent } from '../../../server/domain/approval/approval-event.entity.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';
import { runApprovalTimers } from '../../../server/domain/approval/approval-timers.js';
import { createTurnHandler } from '../../../bot/core/turn.js';
import { inboundFromRow } from '../../../bot/core/inbox.js';
import { instanceSecret } from '../../../server/domain/settings/instance-secret.js';
import { tryDecodeSigned } from '../../../cards/action-payload.js';
import { HOUR } from '../../helpers/clock.js';

const ANY_OF_TWO = { rules: [{ id: 'two-any', when: 'contract.amountYuan < 50000', steps: [{ name: 'approval.step.director_gm', mode: 'any', approvers: [{ position: 'sales_director' }, { position: 'gm' }] }] },
  { id: 'two-all', when: 'contract.amountYuan >= 50000', steps: [{ name: 'approval.step.director_gm', mode: 'all', approvers: [{ position: 'sales_director' }, { position: 'gm' }] }] }] };

describe.each(TARGETS)('approval races and timers on %s', (target) => {
  let s: ApprovalStack;
  beforeAll(async () => { s = await startApprovalStack(target); });
  afterAll(async () => { await s?.close(); });
  const contract = (id: number) => s.t.db.ds.getRepository(Contract).findOneByOrFail({ id });
  const events = (instanceId: number, type: string) => s.t.db.ds.getRepository(ApprovalEvent).countBy({ instanceId, type: type as never });
  const last = <T>(l: T[]) => l[l.length - 1];

  it('step timeout: a reminder first, then escalation to the approver\'s manager, who can decide', async () => {
    const { contractId, approvalId } = await s.submitContract(30_000, '超时合同');
    const dirTexts = s.texts('director').length;
    s.t.clock.advance(23 * HOUR);
    expect(await runApprovalTimers(s.t.db)).toBe(0);
    s.t.clock.advance(2 * HOUR);
    expect(await runApprovalTimers(s.t.db)).toBe(1);
    await s.chat.settle();
    expect(s.texts('director').slice(dirTexts).some((x) => x.includes('超时合同') && x.includes('提醒'))).toBe(true);
    expect(await events(approvalId, 'escalate')).toBe(0);
    const gmCards = s.wecomCards('gm').length;
    s.t.clock.advance(24 * HOUR);
    expect(await runApprovalTimers(s.t.db)).toBe(1);
    expect(await runApprovalTimers(s.t.db)).toBe(0);
    await s.chat.settle();
    expect(await events(approvalId, 'escalate')).toBe(1);
    expect(s.wecomCards('gm').length).toBe(gmCards + 1);
    // The manager's card says why it came to them.
    expect(JSON.stringify(last(s.wecomCards('gm')).body)).toContain(`${s.org.users.director.name} 未在时限内处理，已上报给你`);
    expect(s.texts('gm').some((x) => x.includes('超时合同'))).toBe(true);
    // The manager decides in the director's place; the director's cards close too.
    const dw = last(s.wecomCards('director'));
    await s.tapWecom('gm', last(s.wecomCards('gm')), 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(s.wecomUpdatesFor('director').some((u) => u.template_card.task_id === dw.taskId)).toBe(true);
  });

  it('a decided step\'s timers never fire', async () => {
    const { approvalId } = await s.submitContract(31_000, '已决合同');
    await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' });
    s.t.clock.advance(100 * HOUR);
    await runApprovalTimers(s.t.db);
    expect(await events(approvalId, 'remind')).toBe(0);
    expect(await events(approvalId, 'escalate')).toBe(0);
  });

  it('或签 with two approvers tapping at the same moment: one decision, all four copies updated, the other told who decided', async () => {
    expect((await s.api('admin', 'PUT', '/approval-definitions', { definition: ANY_OF_TWO })).status).toBe(200);
    const { contractId, approvalId } = await s.submitContract(40_000, '抢答合同');
    const dw = last(s.wecomCards('director')); const gw = last(s.wecomCards('gm'));
    const dd = last(s.dingtalkCards('director')); const gd = last(s.dingtalkCards('gm'));
    // Both callbacks are stored first, then two turn handlers (as two server instances would) run them at once.
    await s.tapWecom('director', dw, 'approve');
    await s.tapWecom('gm', gw, 'approve');
    const secret = await instanceSecret(s.t.db, s.chat.config.secret);
    const handle = () => createTurnHandler({ db: s.t.db, decodeAction: (key, cardId) => tryDecodeSigned(key, { secret, bind: cardId }) as never });
    const rows = await s.t.db.ds.getRepository(InboxEvent).find({ where: { status: 'pending' } });
    expect(rows).toHaveLength(2);
    const [h1, h2] = [handle(), handle()];
    const run1 = () => h1(inboundFromRow(rows[0]), { inboxId: rows[0].id });
    const run2 = () => h2(inboundFromRow(rows[1]), { inboxId: rows[1].id });
    // The embedded engine has one connection (its transactions queue anyway): there they run back to back.
    if (target === 'mariadb') await Promise.all([run1(), run2()]);
    else { await run1(); await run2(); }
    await s.chat.settle();
    expect(await events(approvalId, 'approve')).toBe(1);
    expect((await contract(contractId)).status).toBe('approved');
    for (const [who, card] of [['director', dw], ['gm', gw]] as const) expect(s.wecomUpdatesFor(who).some((u) => u.template_card.task_id === card.taskId)).toBe(true);
    expect(s.chat.dingtalk.cards.get(dd.outTrackId)!.updates).toBe(1);
    expect(s.chat.dingtalk.cards.get(gd.outTrackId)!.updates).toBe(1);
    const detail = (await s.api('repA', 'GET', `/approvals/${approvalId}`)).body;
    const winner = detail.decidedBy.name as string;
    const loser = winner === s.org.users.director.name ? 'gm' : 'director';
    expect(last(s.texts(loser))).toContain(winner);
  });

  it('会签 over cards: the first approval closes that approver\'s copies, the other\'s show progress; the contract waits for the second', async () => {
    const { contractId, approvalId } = await s.submitContract(60_000, '会签合同');
    const dw = last(s.wecomCards('director')); const gw = last(s.wecomCards('gm'));
    await s.tapWecom('director', dw, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    expect(s.wecomUpdatesFor('director').some((u) => u.template_card.task_id === dw.taskId && !u.template_card.button_list?.some((b: { key?: string }) => b.key))).toBe(true);
    const gmCopy = s.wecomUpdatesFor('gm').filter((u) => u.template_card.task_id === gw.taskId);
    expect(gmCopy).toHaveLength(1);
    expect(gmCopy[0].template_card.sub_title_text).toContain('1/2 已同意');
    expect(gmCopy[0].template_card.button_list.filter((b: { key?: string }) => b.key)).toHaveLength(4);
    await s.tapWecom('gm', gw, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(await events(approvalId, 'approve')).toBe(2);
  });
});
