// 会签 with three approvers over cards: each approval updates every copy of the step's card in place (WeCom and
// DingTalk) with who has approved so far; the approver who acted sees their decision, the others keep their buttons;
// the last approval puts the outcome on every copy. WeCom lets a copy be updated once per response_code: a copy whose
// code was spent on progress gets the outcome as a short message instead, and a progress refresh it cannot take is
// dropped without a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, startApprovalStack, type ApprovalStack, type WecomCard, type DingCard, type Who } from './approval-stack.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { ApprovalEvent } from '../../../server/domain/approval/approval-event.entity.js';

const THREE_ALL = { rules: [{ id: 'three-all', when: 'true', steps: [{ name: '三方会签', mode: 'all', approvers: [{ position: 'sales_director' }, { position: 'legal' }, { username: 'rep.li' }] }] }] };
const APPROVERS = ['director', 'legal', 'repB'] as const satisfies readonly Who[];

describe.each(TARGETS)('会签 progress on every card copy on %s', (target) => {
  let s: ApprovalStack;
  beforeAll(async () => { s = await startApprovalStack(target); });
  afterAll(async () => { await s?.close(); });
  const last = <T>(l: T[]) => l[l.length - 1];
  const contract = (id: number) => s.t.db.ds.getRepository(Contract).findOneByOrFail({ id });
  const dingCard = (c: DingCard) => s.chat.dingtalk.cards.get(c.outTrackId)!;
  const wecomUpdates = (who: Who, c: WecomCard) => s.wecomUpdatesFor(who).filter((u) => u.template_card?.task_id === c.taskId);
  const actionKeys = (buttons: { key?: string }[] | undefined) => (buttons ?? []).filter((b) => b.key).length;
  const dingActions = (c: DingCard) => (JSON.parse(dingCard(c).cardParamMap.buttons) as { actionKey?: string }[]).filter((b) => b.actionKey).length;

  it('one approval → all copies show 1/3, the others keep their buttons; the last → the outcome everywhere', async () => {
    expect((await s.api('admin', 'PUT', '/approval-definitions', { definition: THREE_ALL })).status).toBe(200);
    const { contractId, approvalId } = await s.submitContract(70_000, '三方会签合同');
    const names = Object.fromEntries(APPROVERS.map((w) => [w, s.org.users[w].name])) as Record<(typeof APPROVERS)[number], string>;
    const wc = Object.fromEntries(APPROVERS.map((w) => [w, last(s.wecomCards(w))])) as Record<(typeof APPROVERS)[number], WecomCard>;
    const dc = Object.fromEntries(APPROVERS.map((w) => [w, last(s.dingtalkCards(w))])) as Record<(typeof APPROVERS)[number], DingCard>;
    // The cards list everyone on the step from the start.
    expect(wc.director.body.sub_title_text).toContain(`0/3 已同意：${names.director} 待审批 ${names.legal} 待审批 ${names.repB} 待审批`);
    expect(wc.repB.body.sub_title_text).toContain(`0/3 approved: ${names.director} pending`);

    // 1. The director approves on WeCom.
    await s.tapWecom('director', wc.director, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    const progress1 = `1/3 已同意：${names.director} ✓ ${names.legal} 待审批 ${names.repB} 待审批`;
    const [mine] = wecomUpdates('director', wc.director);
    expect(mine.template_card.sub_title_text).toContain(progress1);
    expect(mine.template_card.sub_title_text).toContain(`${names.director} 已同意`);
    expect(actionKeys(mine.template_card.button_list)).toBe(0);
    const [legal1] = wecomUpdates('legal', wc.legal);
    expect(legal1.template_card.sub_title_text).toContain(progress1);
    expect(actionKeys(legal1.template_card.button_list)).toBe(4);
    const [repB1] = wecomUpdates('repB', wc.repB);
    expect(repB1.template_card.sub_title_text).toContain(`1/3 approved: ${names.director} ✓ ${names.legal} pending ${names.repB} pending`);
    expect(actionKeys(repB1.template_card.button_list)).toBe(4);
    for (const w of APPROVERS) {
      expect(dingCard(dc[w]).updates, w).toBe(1);
      expect(dingCard(dc[w]).cardParamMap.notes).toMatch(/1\/3/);
    }
    expect(dingCard(dc.director).cardParamMap.status).toContain('已同意');
    expect(dingActions(dc.director)).toBe(0);
    expect(dingActions(dc.legal)).toBe(4);
    expect(dingCard(dc.legal).cardParamMap.status).toBe('');

    // 2. Legal approves on DingTalk: 2/3 on every DingTalk copy. On WeCom legal's copy spent its code on the progress
    // above (a DingTalk tap brings no new one), so legal is told by message; the others' spent copies stay quiet.
    const legalTexts = s.texts('legal').length;
    const directorTexts = s.texts('director').length;
    const wecomBefore = s.chat.wecom.cardUpdates.length;
    await s.tapDingtalk('legal', dc.legal, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    for (const w of APPROVERS) expect(dingCard(dc[w]).updates, w).toBe(2);
    for (const w of ['director', 'legal'] as const) expect(dingCard(dc[w]).cardParamMap.notes).toContain(`2/3 已同意：${names.director} ✓ ${names.legal} ✓ ${names.repB} 待审批`);
    expect(dingCard(dc.repB).cardParamMap.notes).toContain(`2/3 approved: ${names.director} ✓ ${names.legal} ✓ ${names.repB} pending`);
    expect(dingCard(dc.legal).cardParamMap.status).toContain('已同意');
    expect(dingActions(dc.repB)).toBe(4);
    expect(s.chat.wecom.cardUpdates.length).toBe(wecomBefore);
    expect(s.texts('legal').slice(legalTexts).some((x) => x.includes('三方会签合同') && x.includes('已同意'))).toBe(true);
    expect(s.texts('director').length).toBe(directorTexts);

    // 3. repB approves on WeCom (a fresh code): the outcome on every copy.
    await s.tapWecom('repB', wc.repB, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(await s.t.db.ds.getRepository(ApprovalEvent).countBy({ instanceId: approvalId, type: 'approve' })).toBe(3);
    const final = last(wecomUpdates('repB', wc.repB));
    expect(final.template_card.sub_title_text).toContain(`3/3 approved`);
    expect(final.template_card.sub_title_text).toContain(`Approved by ${names.repB}`);
    expect(actionKeys(final.template_card.button_list)).toBe(0);
    for (const w of APPROVERS) {
      expect(dingCard(dc[w]).updates, w).toBe(3);
      expect(dingCard(dc[w]).cardParamMap.status, w).toMatch(/已同意|Approved/);
      expect(dingCard(dc[w]).cardParamMap.notes, w).toMatch(/3\/3/);
      expect(dingActions(dc[w]), w).toBe(0);
    }
    // The director's and legal's WeCom copies cannot take another update: the outcome reaches them as a message.
    expect(s.texts('director').slice(directorTexts).some((x) => x.includes('三方会签合同') && x.includes(`${names.repB} 已同意`))).toBe(true);
    expect(s.texts('legal').slice(legalTexts).filter((x) => x.includes('三方会签合同')).length).toBeGreaterThanOrEqual(2);
  });

  it('a rejection after one approval ends the step on every copy, the earlier approver\'s included', async () => {
    const { contractId, approvalId } = await s.submitContract(75_000, '会签驳回合同');
    const dc = Object.fromEntries(APPROVERS.map((w) => [w, last(s.dingtalkCards(w))])) as Record<(typeof APPROVERS)[number], DingCard>;
    expect((await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' })).status).toBe(200);
    await s.chat.settle();
    expect((await s.api('legal', 'POST', `/approvals/${approvalId}/decide`, { action: 'reject', comment: '违约金条款过高' })).status).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('rejected');
    for (const w of APPROVERS) {
      expect(dingCard(dc[w]).updates, w).toBe(2);
      expect(dingCard(dc[w]).cardParamMap.status, w).toMatch(/已驳回|Rejected/);
      expect(dingCard(dc[w]).cardParamMap.notes, w).toContain('违约金条款过高');
      expect(dingActions(dc[w]), w).toBe(0);
    }
    expect(dingCard(dc.director).cardParamMap.notes).toContain(`1/3 已同意：${s.org.users.director.name} ✓ ${s.org.users.legal.name} ✗ ${s.org.users.repB.name} 待审批`);
  });
});
