// Approval cards end to end: taps on WeCom and DingTalk through the real callbacks, the inbox, the turn handler and
// the outbox; every copy updated in place; chat follow-up questions for reject / transfer / return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, startApprovalStack, type ApprovalStack } from './approval-stack.js';
import { Contract } from '../../../server/domain/contract/contract.entity.js';
import { ApprovalEvent } from '../../../server/domain/approval/approval-event.entity.js';
import { HOUR, MINUTE } from '../../helpers/clock.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';

describe.each(TARGETS)('approval cards on %s', (target) => {
  let s: ApprovalStack;
  beforeAll(async () => { s = await startApprovalStack(target); });
  afterAll(async () => { await s?.close(); });
  const contract = (id: number) => s.t.db.ds.getRepository(Contract).findOneByOrFail({ id });
  const events = (instanceId: number, type: string) => s.t.db.ds.getRepository(ApprovalEvent).countBy({ instanceId, type: type as never });
  const lastCard = <T>(list: T[]) => list[list.length - 1];
  const dingUpdates = (outTrackId: string) => s.chat.dingtalk.cards.get(outTrackId)!.updates;

  it('sends the approver a card on WeCom and on DingTalk, with the key facts', async () => {
    await s.submitContract(30_000, '年度维保合同');
    const wc = lastCard(s.wecomCards('director'));
    expect(wc.body.card_type).toBe('button_interaction');
    expect(JSON.stringify(wc.body)).toContain('年度维保合同');
    expect(Object.keys(wc.keys).sort()).toEqual(['approve', 'reject', 'return', 'transfer']);
    const dc = lastCard(s.dingtalkCards('director'));
    expect(dc.params.title).toContain('年度维保合同');
  });

  it('a tap approves once: double tap → one decision; both copies updated; the submitter is told', async () => {
    const { contractId, approvalId } = await s.submitContract(20_000, '双击合同');
    const wc = lastCard(s.wecomCards('director'));
    const dc = lastCard(s.dingtalkCards('director'));
    const before = s.wecomUpdatesFor('director').length;
    expect(await s.tapWecom('director', wc, 'approve')).toBe(200);
    expect(await s.tapWecom('director', wc, 'approve')).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(await events(approvalId, 'approve')).toBe(1);
    const updates = s.wecomUpdatesFor('director').slice(before);
    expect(updates).toHaveLength(1);
    expect(updates[0].template_card.task_id).toBe(wc.taskId);
    expect(updates[0].template_card.button_list).toBeUndefined();
    expect(dingUpdates(dc.outTrackId)).toBe(1);
    expect(s.texts('repA').some((x) => x.includes('双击合同') && x.includes('通过'))).toBe(true);
    // The second tap was told it is already done, and nothing else happened.
    expect(lastCard(s.texts('director'))).toContain('已由');
  });

  it('a non-approver\'s tap is refused and the card stays as it was', async () => {
    const { contractId, approvalId } = await s.submitContract(25_000, '旁人合同');
    const wc = lastCard(s.wecomCards('director'));
    const before = s.chat.wecom.cardUpdates.length;
    expect(await s.tapWecom('director', wc, 'approve', 'legal')).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    expect(await events(approvalId, 'approve')).toBe(0);
    expect(s.chat.wecom.cardUpdates.length).toBe(before);
    expect(lastCard(s.texts('legal'))).toMatch(/不是发给你/);
    await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' });
    await s.chat.settle();
  });

  it('a DingTalk tap moves 80,000 to the next step: legal gets the cards, the director\'s copies show the outcome', async () => {
    const { contractId, approvalId } = await s.submitContract(80_000, '三步合同');
    const dc = lastCard(s.dingtalkCards('director'));
    const wc = lastCard(s.wecomCards('director'));
    const legalBefore = s.wecomCards('legal').length;
    expect(await s.tapDingtalk('director', dc, 'approve')).toBe(200);
    await s.chat.settle();
    expect(dingUpdates(dc.outTrackId)).toBe(1);
    expect(s.wecomUpdatesFor('director').some((u) => u.template_card.task_id === wc.taskId)).toBe(true);
    expect(s.wecomCards('legal').length).toBe(legalBefore + 1);
    expect(JSON.stringify(lastCard(s.wecomCards('legal')).body)).toContain('三步合同');
    expect((await contract(contractId)).status).toBe('pending');
    expect(s.texts('repA').some((x) => x.includes('三步合同') && x.includes('法务'))).toBe(true);
    // Legal rejects in the mini-program: the cards in chat follow.
    const lw = lastCard(s.wecomCards('legal'));
    expect((await s.api('legal', 'POST', `/approvals/${approvalId}/decide`, { action: 'reject', comment: '条款有风险' })).status).toBe(200);
    await s.chat.settle();
    expect(s.wecomUpdatesFor('legal').some((u) => u.template_card.task_id === lw.taskId && JSON.stringify(u).includes('条款有风险'))).toBe(true);
    expect((await contract(contractId)).status).toBe('rejected');
    expect(s.texts('repA').some((x) => x.includes('条款有风险'))).toBe(true);
  });

  it('reject from a card asks for the reason in chat, and the next message completes it', async () => {
    const { contractId } = await s.submitContract(12_000, '驳回合同');
    const wc = lastCard(s.wecomCards('director'));
    await s.tapWecom('director', wc, 'reject');
    await s.chat.settle();
    expect(lastCard(s.texts('director'))).toContain('驳回理由');
    expect((await contract(contractId)).status).toBe('pending');
    await s.chat.wecomSays(s.org.users.director.wecomUserId!, '预算不足，下季度再议');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('rejected');
    expect(lastCard(s.texts('director'))).toContain('已驳回');
    expect(s.texts('repA').some((x) => x.includes('预算不足'))).toBe(true);
  });

  it('transfer moves the pending step to the named colleague and updates both of the old approver\'s cards', async () => {
    const { contractId, approvalId } = await s.submitContract(15_000, '转办合同');
    const wc = lastCard(s.wecomCards('director'));
    const dc = lastCard(s.dingtalkCards('director'));
    const mgrBefore = s.wecomCards('mgrWest').length;
    await s.tapWecom('director', wc, 'transfer');
    await s.chat.settle();
    await s.chat.wecomSays(s.org.users.director.wecomUserId!, '没有这个人');
    await s.chat.settle();
    expect(lastCard(s.texts('director'))).toContain('没有找到');
    await s.chat.wecomSays(s.org.users.director.wecomUserId!, s.org.users.mgrWest.name);
    await s.chat.settle();
    expect(s.wecomUpdatesFor('director').some((u) => u.template_card.task_id === wc.taskId && JSON.stringify(u).includes(s.org.users.mgrWest.name))).toBe(true);
    expect(dingUpdates(dc.outTrackId)).toBe(1);
    expect(s.wecomCards('mgrWest').length).toBe(mgrBefore + 1);
    // The new approver's card says who handed it over; the one sent again by '待审批' too.
    expect(JSON.stringify(lastCard(s.wecomCards('mgrWest')).body)).toContain(`${s.org.users.director.name} 转办给你`);
    // The old approver can no longer act; the new one can.
    expect((await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' })).body.error.code).toBe('approval.already_transferred');
    const mw = lastCard(s.wecomCards('mgrWest'));
    await s.tapWecom('mgrWest', mw, 'approve');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
  });

  it('return sends the contract back to draft; editing and resubmitting starts a new round', async () => {
    const { contractId, approvalId } = await s.submitContract(18_000, '退回合同');
    const wc = lastCard(s.wecomCards('director'));
    await s.tapWecom('director', wc, 'return');
    await s.chat.settle();
    await s.chat.wecomSays(s.org.users.director.wecomUserId!, '请补充付款条款');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('draft');
    expect(s.texts('repA').some((x) => x.includes('请补充付款条款'))).toBe(true);
    expect((await s.api('repA', 'PATCH', `/contracts/${contractId}`, { title: '退回合同（已补充）' })).status).toBe(200);
    expect((await s.api('repA', 'POST', `/contracts/${contractId}/submit`)).status).toBe(200);
    await s.chat.settle();
    const next = (await contract(contractId)).approvalId!;
    expect(next).not.toBe(approvalId);
    expect((await s.api('repA', 'GET', `/approvals/${next}`)).body).toMatchObject({ round: 2, status: 'pending' });
    expect(JSON.stringify(lastCard(s.wecomCards('director')).body)).toContain('已补充');
    await s.api('director', 'POST', `/approvals/${next}/decide`, { action: 'approve' });
    expect((await contract(contractId)).status).toBe('approved');
  });

  it('withdraw by the submitter closes every card and the contract', async () => {
    const { contractId, approvalId } = await s.submitContract(16_000, '撤回合同');
    const wc = lastCard(s.wecomCards('director'));
    const dc = lastCard(s.dingtalkCards('director'));
    expect((await s.api('director', 'POST', `/approvals/${approvalId}/withdraw`)).status).toBe(403);
    expect((await s.api('repA', 'POST', `/approvals/${approvalId}/withdraw`)).body).toMatchObject({ status: 'withdrawn' });
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('withdrawn');
    expect(s.wecomUpdatesFor('director').some((u) => u.template_card.task_id === wc.taskId && JSON.stringify(u).includes('撤回'))).toBe(true);
    expect(dingUpdates(dc.outTrackId)).toBe(1);
    // A late tap on the closed card says so.
    await s.tapWecom('director', wc, 'approve');
    await s.chat.settle();
    expect(lastCard(s.texts('director'))).toContain('撤回');
  });

  it('when the WeCom response_code has expired, the approver gets a short text instead; DingTalk is updated', async () => {
    const { contractId, approvalId } = await s.submitContract(14_000, '过期合同');
    const dc = lastCard(s.dingtalkCards('director'));
    const textsBefore = s.texts('director').length;
    const updatesBefore = s.chat.wecom.cardUpdates.length;
    s.chat.wecom.clock.advance(25 * HOUR);
    expect((await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'approve' })).status).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(s.chat.wecom.cardUpdates.length).toBe(updatesBefore);
    const fallback = s.texts('director').slice(textsBefore);
    expect(fallback.some((x) => x.includes('过期合同') && x.includes('同意'))).toBe(true);
    expect(dingUpdates(dc.outTrackId)).toBe(1);
  });
  it('"待审批" lists what waits for the approver now, with amounts only where they may see them', async () => {
    const { approvalId } = await s.submitContract(66_000, '待审批清单合同');
    const markdowns = (who: 'director' | 'legal') => s.chat.wecom.deliveredTo(s.org.users[who].wecomUserId!)
      .filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content);
    await s.chat.wecomSays(s.org.users.director.wecomUserId!, '待审批');
    await s.chat.settle();
    const pending = (await s.api('director', 'GET', '/approvals?status=pending')).body.items as { title: string }[];
    const list = markdowns('director').at(-1)!;
    expect(list).toContain(`**等你审批（${pending.length}）**`);
    for (const a of pending) expect(list).toContain(`合同「${a.title}」`);
    expect(list).toMatch(/合同「待审批清单合同」¥66,000 · 张三 提交 · 第 1\/3 步：/);
    await s.chat.wecomSays(s.org.users.legal.wecomUserId!, 'my approvals');
    await s.chat.settle();
    expect(s.texts('legal').at(-1)).toBe('没有等你审批的事项。');
    await s.api('director', 'POST', `/approvals/${approvalId}/decide`, { action: 'reject', comment: '测试结束' });
    await s.chat.settle();
  });
  it('"待审批" in the approver\'s own chat sends their cards again to act on: the new copy decides, the expired one follows quietly', async () => {
    const { contractId, approvalId } = await s.submitContract(12_000, '出差回来合同');
    const director = s.org.users.director.wecomUserId!;
    const first = lastCard(s.wecomCards('director'));
    const dc = lastCard(s.dingtalkCards('director'));
    // Back from a trip: the first card's response_code is past WeCom's window, the card is far up the chat.
    s.chat.wecom.clock.advance(25 * HOUR);
    s.t.clock.advance(25 * HOUR);
    const cardsBefore = s.wecomCards('director').length;
    await s.chat.wecomSays(director, '待审批');
    await s.chat.settle();
    const list = s.chat.wecom.deliveredTo(director).filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content).at(-1)!;
    expect(list).toContain('合同「出差回来合同」');
    expect(list).toMatch(/审批卡片已在下方重新发给你/);
    const again = s.wecomCards('director').slice(cardsBefore);
    expect(again.length).toBeGreaterThan(0);
    expect(again.length).toBeLessThanOrEqual(3);
    // The newest waits first: its card comes again, a copy of its own (a new task_id), with every button.
    const fresh = again[0];
    expect(JSON.stringify(fresh.body)).toContain('出差回来合同');
    expect(fresh.taskId).not.toBe(first.taskId);
    expect(Object.keys(fresh.keys).sort()).toEqual(['approve', 'reject', 'return', 'transfer']);
    // DingTalk's copy is not sent again: the chat asked on WeCom. Asked in a group, it lists only: a card's facts are
    // for its approver's own chat.
    expect(s.dingtalkCards('director').filter((k) => JSON.stringify(k.params).includes('出差回来合同'))).toHaveLength(1);
    const everywhere = () => s.wecomCards('director').length + s.dingtalkCards('director').length;
    const cardsNow = everywhere();
    expect(await s.chat.dingtalkSays(s.org.users.director.dingtalkUserId!, '待审批', { group: 'cid_group_sales' })).toBe(200);
    await s.chat.settle();
    expect(everywhere()).toBe(cardsNow);
    // The list itself goes to the director's own DingTalk chat; the group is only told so.
    const [told, sentList] = await s.t.db.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' }, take: 2 });
    expect(told).toMatchObject({ address: { chatId: 'cid_group_sales' }, payload: { message: { key: 'bot.private.sent' } } });
    expect(sentList).toMatchObject({ address: { platform: 'dingtalk', userId: s.org.users.director.dingtalkUserId, chatType: 'single' }, payload: { message: { key: 'bot.approvals.list' } } });

    const textsBefore = s.texts('director').length;
    const updatesBefore = s.wecomUpdatesFor('director').length;
    expect(await s.tapWecom('director', fresh, 'approve')).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
    expect(await events(approvalId, 'approve')).toBe(1);
    // The new copy shows the outcome in place; the expired one cannot be touched and, superseded, says nothing more.
    expect(s.wecomUpdatesFor('director').slice(updatesBefore).map((u) => u.template_card.task_id)).toEqual([fresh.taskId]);
    expect(s.texts('director').slice(textsBefore).filter((x) => x.includes('出差回来合同'))).toEqual([]);
    expect(dingUpdates(dc.outTrackId)).toBe(1);
    expect(s.texts('repA').some((x) => x.includes('出差回来合同') && x.includes('通过'))).toBe(true);
  });
  it('"待审批" right after a card arrived does not send that card twice: the list says it is just above; ten minutes on it comes again', async () => {
    const director = s.org.users.director.wecomUserId!;
    const about = (title: string) => (k: { body?: unknown; params?: unknown }) => JSON.stringify(k.body ?? k.params).includes(title);
    // The director's other waiting approvals are decided first (their copies are updated, nothing new is sent): this
    // test sends the director two WeCom messages, the tests before have used most of WeCom's 30 a minute.
    for (const a of (await s.api('director', 'GET', '/approvals?status=pending')).body.items as { id: number }[]) {
      expect((await s.api('director', 'POST', `/approvals/${a.id}/decide`, { action: 'reject', comment: '清理' })).status).toBe(200);
    }
    s.t.clock.advance(HOUR);
    s.chat.wecom.clock.advance(HOUR);
    const { contractId } = await s.submitContract(11_000, '刚到的合同');
    const wecomBefore = s.chat.wecom.deliveredTo(director).length;
    s.t.clock.advance(2 * MINUTE);
    s.chat.wecom.clock.advance(2 * MINUTE);
    await s.chat.wecomSays(director, '待审批');
    await s.chat.settle();
    // Only the list: the card is the message just above it, and the list says so.
    const sent = s.chat.wecom.deliveredTo(director).slice(wecomBefore);
    expect(sent.map((d) => d.msgtype)).toEqual(['markdown']);
    const list = (sent[0].body.markdown as { content: string }).content;
    expect(list).toContain('**等你审批（1）**');
    expect(list).toMatch(/合同「刚到的合同」¥11,000 · 张三 提交 · 第 1\/1 步：.*（卡片刚发给你，就在上方）\n/);
    expect(list).toContain('审批卡片刚发给你，就在上方，可直接同意、驳回、转办或退回。');
    expect(s.wecomCards('director').filter(about('刚到的合同'))).toHaveLength(1);

    // Past ten minutes it may have scrolled away: asked again (here in DingTalk, whose copy arrived at the same moment)
    // it comes again as a copy of its own, and that copy decides.
    s.t.clock.advance(9 * MINUTE);
    s.chat.dingtalk.clock.advance(11 * MINUTE);
    const ding = s.dingtalkCards('director').filter(about('刚到的合同'));
    expect(ding).toHaveLength(1);
    expect(await s.chat.dingtalkSays(s.org.users.director.dingtalkUserId!, 'my approvals')).toBe(200);
    await s.chat.settle();
    const again = s.dingtalkCards('director').filter(about('刚到的合同'));
    expect(again).toHaveLength(2);
    expect(again[1].outTrackId).not.toBe(ding[0].outTrackId);
    expect(s.chat.wecom.deliveredTo(director).length).toBe(wecomBefore + 1);
    expect(await s.tapDingtalk('director', again[1], 'approve')).toBe(200);
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('approved');
  });
  it('the submitter withdraws and resubmits by chat ("撤回 …", "提交审批 …"): the approver\'s card closes, a new one comes', async () => {
    const { contractId } = await s.submitContract(33_000, '聊天撤回合同');
    const rep = s.org.users.repA.wecomUserId!;
    const card = lastCard(s.wecomCards('director'));
    const updatesBefore = s.chat.wecom.cardUpdates.length;
    await s.chat.wecomSays(rep, '撤回 聊天撤回合同');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('withdrawn');
    expect(lastCard(s.texts('repA'))).toBe('已撤回合同「聊天撤回合同」的审批，审批人的卡片已更新。修改后可发送：提交审批 聊天撤回合同');
    expect(s.chat.wecom.cardUpdates.slice(updatesBefore).some((u) => (u.body.template_card as { task_id?: string })?.task_id === card.taskId)).toBe(true);
    // Withdrawn already: nothing left to withdraw, and the director's card got no second update.
    await s.chat.wecomSays(rep, '撤回 聊天撤回合同');
    await s.chat.settle();
    expect(lastCard(s.texts('repA'))).toBe('没有找到你可以撤回的审批中合同「聊天撤回合同」。');
    const cardsBefore = s.wecomCards('director').length;
    await s.chat.wecomSays(rep, '提交审批 聊天撤回合同');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    expect(s.wecomCards('director').length).toBe(cardsBefore + 1);
    expect(JSON.stringify(lastCard(s.wecomCards('director')).body)).toContain('聊天撤回合同');
    // Someone else's contract is not theirs to withdraw.
    await s.chat.wecomSays(s.org.users.repB.wecomUserId!, 'withdraw contract 聊天撤回合同');
    await s.chat.settle();
    expect((await contract(contractId)).status).toBe('pending');
    await s.api('director', 'POST', `/approvals/${(await contract(contractId)).approvalId}/decide`, { action: 'reject', comment: '测试结束' });
    await s.chat.settle();
  });
  it('"我的合同" lists the rep\'s contracts, the most recently updated first, with where each stands', async () => {
    const mine = (await s.api('repA', 'GET', '/contracts?sort=-updatedAt&limit=10')).body.items as { title: string; status: string }[];
    await s.chat.wecomSays(s.org.users.repA.wecomUserId!, '我的合同');
    await s.chat.settle();
    const list = s.chat.wecom.deliveredTo(s.org.users.repA.wecomUserId!).filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content).at(-1)!;
    const lines = list.split('\n');
    expect(lines[0]).toBe('**我的合同**（最近更新的在前）');
    const label: Record<string, string> = { draft: '草稿', pending: '审批中', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' };
    mine.forEach((k, i) => expect(lines[i + 1]).toMatch(new RegExp(`^${i + 1}\\. ${k.title}（.* · ${label[k.status]} · ¥[\\d,]+）$`)));
  });
});
