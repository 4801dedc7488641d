import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { AuditLog } from '../../../server/domain/audit/audit-log.entity.js';
import { Reminder } from '../../../server/domain/reminder/reminder.entity.js';
import { Lead } from '../../../server/domain/lead/lead.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { User } from '../../../server/domain/user/user.entity.js';
import { CardInstance } from '../../../server/domain/card/card-instance.entity.js';
import { apiClient } from '../../helpers/http.js';
import { DAY, HOUR, addCustomer, addLead, addTask, cardsTo, run, setReminderSettings, tap, textsTo } from './helpers.js';

// 2026-11-18 10:00 Asia/Shanghai (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('reminders on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const reminders = (kind: string) => t.db.ds.getRepository(Reminder).find({ where: { kind: kind as never }, order: { id: 'ASC' } });
  const reset = async (at: Date, s: Parameters<typeof setReminderSettings>[1] = {}) => {
    t.clock.set(at);
    await setReminderSettings(t, { digestAt: null, ...s });
  };

  it('cadence: an A customer not followed up for 7 days gets a reminder, a B customer not yet', async () => {
    await reset(NOW);
    await addCustomer(t, 'Cadence-A 重庆机电', org.users.repA.id, 'A', new Date(NOW.getTime() - 8 * DAY));
    await addCustomer(t, 'Cadence-B 渝北物流', org.users.repA.id, 'B', new Date(NOW.getTime() - 8 * DAY));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'Cadence-A')).toHaveLength(1);
    expect(cardsTo(chat, 'rep_zhang', 'Cadence-B')).toHaveLength(0);
    // Running the planner again adds nothing and sends nothing.
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'Cadence-A')).toHaveLength(1);
    expect((await reminders('followup_due')).filter((r) => r.status === 'sent')).toHaveLength(1);
  });

  it('log a follow-up: the tap continues in chat, and a button opens the mini-program\'s form for that customer', async () => {
    await reset(NOW);
    const cu = await addCustomer(t, 'Form-A 巴南制药', org.users.repA.id, 'A', new Date(NOW.getTime() - 8 * DAY));
    await run(chat);
    const [card] = cardsTo(chat, 'rep_zhang', 'Form-A');
    const buttons = card.button_list as { key?: string; text: string; type?: number; url?: string }[];
    const link = buttons.find((b) => b.type === 1);
    expect(link?.text).toBe('在小程序中写跟进');
    expect(link?.url).toContain(`/m/#/pages/followup/index?customerId=${cu.id}&name=${encodeURIComponent('Form-A 巴南制药')}`);
    await tap(chat, 'rep_zhang', card, 0);
    await chat.settle();
    expect(textsTo(chat, 'rep_zhang', '请直接回复「Form-A 巴南制药」的跟进情况（10 分钟内有效）')).toHaveLength(1);
    await chat.wecomSays('rep_zhang', '取消');
    await chat.settle();
    expect(textsTo(chat, 'rep_zhang', '已取消，没有记录跟进')).toHaveLength(1);
    // A task reminder names its customer's form; one without a customer has no form to open.
    await addTask(t, 'Form-T1 send the brochure', org.users.repA.id, new Date(NOW.getTime() - HOUR), cu.id);
    await addTask(t, 'Form-T2 book the room', org.users.repA.id, new Date(NOW.getTime() - HOUR));
    await run(chat);
    const urls = (title: string) => (cardsTo(chat, 'rep_zhang', title)[0].button_list as { url?: string }[]).flatMap((b) => (b.url ? [b.url] : []));
    expect(urls('Form-T1')).toEqual([expect.stringContaining(`pages/followup/index?customerId=${cu.id}&`)]);
    expect(urls('Form-T2')).toEqual([]);
  });

  it('log a follow-up continues in chat: the next message is the follow-up on the card\'s customer, or its lead', async () => {
    // A rep of their own: the other tests' reminders to rep_zhang would share their per-minute send windows.
    await reset(NOW);
    const users = t.db.ds.getRepository(User);
    const rep = await users.save(users.create({ username: 'rep.cont', name: '钱七', role: 'rep', teamId: org.teams.east, managerId: org.users.mgrEast.id, locale: 'zh-CN', active: true, wecomUserId: 'rep_cont', createdAt: NOW, updatedAt: NOW }));
    const cu = await addCustomer(t, 'Cont-A 北碚制药', rep.id, 'A', new Date(NOW.getTime() - 8 * DAY));
    await run(chat);
    await tap(chat, 'rep_cont', cardsTo(chat, 'rep_cont', 'Cont-A')[0], 0);
    await chat.settle();
    // A question or an acknowledgement in between is answered as usual and the wait goes on.
    await chat.wecomSays('rep_cont', '今天的待办');
    await chat.wecomSays('rep_cont', '好的');
    await chat.settle();
    expect(await t.db.ds.getRepository(Activity).countBy({ customerId: cu.id })).toBe(0);
    // The report names no customer (and would read as a stage change of a deal called by it): it is the follow-up.
    await chat.wecomSays('rep_cont', '电话沟通了，客户下周一签约');
    await chat.settle();
    const logged = await t.db.ds.getRepository(Activity).findBy({ customerId: cu.id });
    expect(logged).toEqual([expect.objectContaining({ type: 'call', content: '电话沟通了', authorId: rep.id, channel: 'bot' })]);
    const step = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: logged[0].id });
    expect(step.title).toBe('客户签约');
    expect(cardsTo(chat, 'rep_cont', '已记录跟进：Cont-A 北碚制药')).toHaveLength(1);
    // Told once: the next report-like line is not logged again.
    await chat.wecomSays('rep_cont', '又打了一次电话');
    await chat.settle();
    expect(await t.db.ds.getRepository(Activity).countBy({ customerId: cu.id })).toBe(1);
    // Tapped again, then told the usual way naming the customer: that ends the wait too.
    await tap(chat, 'rep_cont', cardsTo(chat, 'rep_cont', 'Cont-A')[0], 0);
    await chat.settle();
    await chat.wecomSays('rep_cont', '跟进 Cont-A 微信发了合同');
    await chat.wecomSays('rep_cont', '客户说没问题');
    await chat.settle();
    expect((await t.db.ds.getRepository(Activity).findBy({ customerId: cu.id })).map((a) => a.content)).toEqual(['电话沟通了', '微信发了合同']);
    // A lead's card: the follow-up goes on the lead.
    const lead = await addLead(t, 'Cont-L 璧山电子', rep.id, new Date(NOW.getTime() - 25 * HOUR));
    await run(chat);
    await tap(chat, 'rep_cont', cardsTo(chat, 'rep_cont', 'Cont-L')[0], 0);
    await chat.settle();
    await chat.wecomSays('rep_cont', '加了微信，明天下午3点电话介绍产品');
    await chat.settle();
    const onLead = await t.db.ds.getRepository(Activity).findBy({ leadId: lead.id });
    expect(onLead).toEqual([expect.objectContaining({ type: 'wechat', content: '加了微信' })]);
    const leadStep = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: onLead[0].id });
    // Answered as a customer's is: the receipt card, naming the lead, with what was logged, the next step and undo.
    const receipts = cardsTo(chat, 'rep_cont', '已记录线索跟进：Cont-L 璧山电子');
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0] as typeof receipts[0] & { horizontal_content_list: { keyname: string; value: string }[] };
    expect(receipt.horizontal_content_list).toEqual(expect.arrayContaining([
      { keyname: '线索', value: 'Cont-L 璧山电子' }, { keyname: '内容', value: '加了微信' }, { keyname: '下一步', value: '电话介绍产品' },
    ]));
    expect(receipt.button_list![0].text).toBe('撤销');
    expect(textsTo(chat, 'rep_cont', '加了微信')).toHaveLength(0);
    // Undo removes the follow-up and its next step; tapped twice, it undoes once and updates the card once.
    const updates = chat.wecom.cardUpdates.length;
    await tap(chat, 'rep_cont', receipt, 0);
    await tap(chat, 'rep_cont', receipt, 0);
    await chat.settle();
    expect(await t.db.ds.getRepository(Activity).countBy({ leadId: lead.id })).toBe(0);
    expect(await t.db.ds.getRepository(Task).countBy({ id: leadStep.id })).toBe(0);
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'activity', entityId: onLead[0].id, action: 'delete' })).toBe(1);
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);
    expect(JSON.stringify(chat.wecom.cardUpdates.at(-1))).toContain('已撤销');
  });

  it('task due: a card with done; the tap completes the task once and updates the card in place', async () => {
    await reset(NOW);
    const task = await addTask(t, 'Due-1 send the quote', org.users.repA.id, new Date(NOW.getTime() - HOUR));
    await run(chat);
    const [card] = cardsTo(chat, 'rep_zhang', 'Due-1');
    expect(card).toBeDefined();
    const updates = chat.wecom.cardUpdates.length;
    await tap(chat, 'rep_zhang', card, 0);
    await tap(chat, 'rep_zhang', card, 0);
    await chat.settle();
    expect((await t.db.ds.getRepository(Task).findOneByOrFail({ id: task.id })).status).toBe('done');
    expect(chat.wecom.cardUpdates.length).toBe(updates + 1);
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: task.id, action: 'complete' })).toBe(1);
  });

  it('a task due card follows its task: completed, cancelled or deleted elsewhere, it shows so in place, by whom; a tap on it after a deletion says so', async () => {
    await reset(NOW);
    // 赵六's tasks (a quiet chat: WeCom allows a person only so many messages a minute), his manager 陈经理.
    const due = new Date(NOW.getTime() - HOUR);
    const [done, cancelled, deleted, gone] = [await addTask(t, 'Elsewhere-1 寄发票', org.users.repC.id, due), await addTask(t, 'Elsewhere-2 送样品', org.users.repC.id, due),
      await addTask(t, 'Elsewhere-3 回电话', org.users.repC.id, due), await addTask(t, 'Elsewhere-4 发资料', org.users.repC.id, due)];
    await run(chat);
    const cardOf = (title: string) => cardsTo(chat, 'rep_zhao', title)[0];
    const updatesOf = (card: { task_id: string }, from: number) => chat.wecom.cardUpdates.slice(from).filter((u) => (u.body.template_card as { task_id?: string } | undefined)?.task_id === card.task_id);
    const api = async (user: string) => { const token = await apiClient(chat.url).login(user); return (method: string, path: string) => apiClient(chat.url).call(method, `/api/v1${path}`, { token }); };
    const rep = await api('rep.zhao');
    const mgr = await api('mgr.chen');
    const from = chat.wecom.cardUpdates.length;
    expect((await rep('POST', `/tasks/${done.id}/complete`)).status).toBe(200);
    expect((await mgr('POST', `/tasks/${cancelled.id}/cancel`)).status).toBe(200);
    expect((await mgr('DELETE', `/tasks/${deleted.id}`)).status).toBeLessThan(300);
    await chat.settle();
    for (const [title, said] of [['Elsewhere-1', '赵六 已完成'], ['Elsewhere-2', '陈经理 已取消此待办'], ['Elsewhere-3', '陈经理 已删除此待办']]) {
      const updates = updatesOf(cardOf(title), from);
      expect(updates, title).toHaveLength(1);
      expect(JSON.stringify(updates[0].body), title).toContain(said);
      expect(updates[0].body.template_card, title).not.toHaveProperty('button_list');
      expect(await t.db.ds.getRepository(CardInstance).findOneByOrFail({ cardId: cardOf(title).task_id }), title).toMatchObject({ state: 'done' });
    }
    // The old copy's 已完成, tapped after the deletion: told so, nothing more changes.
    const told = (text: string) => textsTo(chat, 'rep_zhao', text).length;
    await tap(chat, 'rep_zhao', cardOf('Elsewhere-3'), 0);
    await chat.settle();
    expect(told('这条待办已被陈经理删除，卡片上的操作不再有效。')).toBe(1);
    expect(updatesOf(cardOf('Elsewhere-3'), from)).toHaveLength(1);
    // A copy still open when its task went (deleted before cards followed deletions): the tap closes it, saying so.
    await t.db.ds.getRepository(Task).delete({ id: gone.id });
    const before = chat.wecom.cardUpdates.length;
    await tap(chat, 'rep_zhao', cardOf('Elsewhere-4'), 1);
    await chat.settle();
    expect(told('这条待办已被删除，卡片上的操作不再有效。')).toBe(1);
    expect(JSON.stringify(updatesOf(cardOf('Elsewhere-4'), before)[0].body)).toContain('此待办已删除');
  });

  it('a task due card follows a snooze or a new due time made elsewhere; a late tap on a settled copy is told what became of it, a double tap is not', async () => {
    await reset(NOW);
    // 李四 (en-US), his manager 王经理.
    const due = new Date(NOW.getTime() - HOUR);
    const [snoozed, moved, done] = [await addTask(t, 'Moved-1 send the contract', org.users.repB.id, due), await addTask(t, 'Moved-2 visit the plant', org.users.repB.id, due),
      await addTask(t, 'Moved-3 send the quote', org.users.repB.id, due)];
    await run(chat);
    const cardOf = (title: string) => cardsTo(chat, 'rep_li', title)[0];
    const updatesOf = (card: { task_id: string }, from: number) => chat.wecom.cardUpdates.slice(from).filter((u) => (u.body.template_card as { task_id?: string } | undefined)?.task_id === card.task_id);
    const api = async (user: string) => { const token = await apiClient(chat.url).login(user); return (method: string, path: string, body?: unknown) => apiClient(chat.url).call(method, `/api/v1${path}`, { token, body }); };
    const rep = await api('rep.li');
    const mgr = await api('mgr.wang');
    const from = chat.wecom.cardUpdates.length;
    expect((await rep('POST', `/tasks/${snoozed.id}/snooze`, { until: new Date(NOW.getTime() + 2 * DAY).toISOString() })).status).toBe(200);
    expect((await mgr('PATCH', `/tasks/${moved.id}`, { dueAt: new Date(NOW.getTime() + 3 * DAY).toISOString() })).status).toBe(200);
    // The same due time again is no move.
    expect((await mgr('PATCH', `/tasks/${done.id}`, { dueAt: due.toISOString() })).status).toBe(200);
    await chat.settle();
    const said = (title: string) => updatesOf(cardOf(title), from).map((u) => JSON.stringify(u.body));
    expect(said('Moved-1')).toHaveLength(1);
    expect(said('Moved-1')[0]).toContain('Snoozed until');
    expect(said('Moved-1')[0]).toContain('by 李四');
    expect(said('Moved-2')).toHaveLength(1);
    expect(said('Moved-2')[0]).toContain('Rescheduled to');
    expect(said('Moved-2')[0]).toContain('王经理');
    expect(said('Moved-3')).toHaveLength(0);
    for (const title of ['Moved-1', 'Moved-2']) expect(updatesOf(cardOf(title), from)[0].body.template_card, title).not.toHaveProperty('button_list');

    // A tap on the settled copy (as if its update had not reached the chat): told what became of it, nothing changes.
    const told = () => textsTo(chat, 'rep_li', 'This reminder was already handled');
    await tap(chat, 'rep_li', cardOf('Moved-2'), 0);
    await chat.settle();
    expect(told()).toHaveLength(1);
    expect(told()[0]).toContain('Rescheduled to');
    expect((await t.db.ds.getRepository(Task).findOneByOrFail({ id: moved.id })).status).toBe('open');
    // Done with a tap, and the same tap again (a double tap): one completion, nothing more said; then 推迟 on that
    // copy: told it is done.
    await tap(chat, 'rep_li', cardOf('Moved-3'), 0);
    await tap(chat, 'rep_li', cardOf('Moved-3'), 0);
    await chat.settle();
    expect(told()).toHaveLength(1);
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'task', entityId: done.id, action: 'complete' })).toBe(1);
    await tap(chat, 'rep_li', cardOf('Moved-3'), 1);
    await chat.settle();
    expect(told()).toHaveLength(2);
    expect(told()[1]).toContain('Done by 李四');
    expect((await t.db.ds.getRepository(Task).findOneByOrFail({ id: done.id })).snoozedUntil).toBeNull();

    // The reminders come again at the new times.
    t.clock.set(new Date(NOW.getTime() + 3 * DAY + HOUR));
    await run(chat);
    expect(cardsTo(chat, 'rep_li', 'Moved-1')).toHaveLength(2);
    expect(cardsTo(chat, 'rep_li', 'Moved-2')).toHaveLength(2);
  });

  it('snooze 1 day moves the task; the reminder comes back a day later', async () => {
    await reset(NOW);
    const task = await addTask(t, 'Snooze-1 call back', org.users.repA.id, new Date(NOW.getTime() - HOUR));
    await run(chat);
    const [card] = cardsTo(chat, 'rep_zhang', 'Snooze-1');
    await tap(chat, 'rep_zhang', card, 1);
    await chat.settle();
    const after = await t.db.ds.getRepository(Task).findOneByOrFail({ id: task.id });
    expect(after.snoozedUntil?.getTime()).toBe(NOW.getTime() + DAY);
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'Snooze-1')).toHaveLength(1);
    t.clock.set(new Date(NOW.getTime() + DAY));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'Snooze-1')).toHaveLength(2);
  });

  it('lead first-contact SLA: 24 h after assignment without a follow-up', async () => {
    await reset(NOW);
    const late = await addLead(t, 'SLA-late 两江科技', org.users.repA.id, new Date(NOW.getTime() - 25 * HOUR));
    await addLead(t, 'SLA-fresh 江北贸易', org.users.repA.id, new Date(NOW.getTime() - 2 * HOUR));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'SLA-late')).toHaveLength(1);
    expect(cardsTo(chat, 'rep_zhang', 'SLA-fresh')).toHaveLength(0);
    // The card opens the mini-program's follow-up form for the lead.
    const link = (cardsTo(chat, 'rep_zhang', 'SLA-late')[0].button_list as { type?: number; text: string; url?: string }[]).find((b) => b.type === 1);
    expect(link?.text).toBe('在小程序中写跟进');
    expect(link?.url).toContain(`/m/#/pages/followup/index?leadId=${late.id}&name=${encodeURIComponent('SLA-late 两江科技')}`);
  });

  it('escalation: still overdue 3 days later → the manager is told, once', async () => {
    await reset(NOW);
    await addTask(t, 'Esc-1 renew contract', org.users.repC.id, new Date(NOW.getTime() - HOUR));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhao', 'Esc-1')).toHaveLength(1);
    t.clock.set(new Date(NOW.getTime() + 2 * DAY));
    await run(chat);
    expect(textsTo(chat, 'mgr_chen', 'Esc-1')).toHaveLength(0);
    t.clock.set(new Date(NOW.getTime() + 3 * DAY));
    await run(chat);
    expect(textsTo(chat, 'mgr_chen', 'Esc-1')).toHaveLength(1);
    t.clock.set(new Date(NOW.getTime() + 5 * DAY));
    await run(chat);
    expect(textsTo(chat, 'mgr_chen', 'Esc-1')).toHaveLength(1);
  });

  it('pool return: warned a day before, then back in the pool (audited as system); a teammate claims it from the notice', async () => {
    await reset(NOW, { escalateAfterDays: 300 });
    const cu = await addCustomer(t, 'Pool-1 沙坪坝电子', org.users.repA.id, 'C', new Date(NOW.getTime() - 29 * DAY - 2 * HOUR));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhang', 'Pool-1').filter((c) => JSON.stringify(c).includes('公海'))).toHaveLength(1);
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: cu.id })).ownerId).toBe(org.users.repA.id);

    t.clock.set(new Date(NOW.getTime() + DAY));
    await run(chat);
    const back = await t.db.ds.getRepository(Customer).findOneByOrFail({ id: cu.id });
    expect(back.ownerId).toBeNull();
    const audit = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'customer', entityId: cu.id, action: 'release' });
    expect(audit).toMatchObject({ channel: 'system', actorId: null });
    expect(audit.ruleId).toContain('no-follow-up-30d');
    expect(textsTo(chat, 'rep_zhang', 'Pool-1')).toHaveLength(1);
    // repB (same team) gets a claim notice; repC (other team) does not.
    const [notice] = cardsTo(chat, 'rep_li', 'Pool-1');
    expect(notice).toBeDefined();
    expect(cardsTo(chat, 'rep_zhao', 'Pool-1')).toHaveLength(0);
    await tap(chat, 'rep_li', notice, 0);
    await chat.settle();
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: cu.id })).ownerId).toBe(org.users.repB.id);
  });

  it('pool return after 3 failed follow-ups: warned at once, returned a day later', async () => {
    await reset(NOW, { escalateAfterDays: 300 });
    const cu = await addCustomer(t, 'Fail-3 大渡口建材', org.users.repC.id, 'A', new Date(NOW.getTime() - HOUR), 3);
    await run(chat);
    expect((await reminders('pool_return')).some((r) => r.subjectId === cu.id && r.status === 'sent')).toBe(true);
    t.clock.set(new Date(NOW.getTime() + 22 * HOUR));
    await run(chat);
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: cu.id })).ownerId).toBe(org.users.repC.id);
    t.clock.set(new Date(NOW.getTime() + 23 * HOUR));
    await run(chat);
    expect((await t.db.ds.getRepository(Customer).findOneByOrFail({ id: cu.id })).ownerId).toBeNull();
  });

  it('lead pool return: 30 days without a follow-up → warned a day before, then back in the lead pool; a teammate claims it', async () => {
    await reset(NOW, { escalateAfterDays: 300 });
    const repo = t.db.ds.getRepository(Lead);
    const idle = await addLead(t, 'LeadPool-1 璧山电子', org.users.repA.id, new Date(NOW.getTime() - 29 * DAY - 2 * HOUR));
    // Assigned long ago but followed up five days ago: its clock runs from the follow-up.
    const worked = await addLead(t, 'LeadPool-2 铜梁五金', org.users.repA.id, new Date(NOW.getTime() - 40 * DAY));
    await t.db.ds.getRepository(Activity).save({ type: 'call', content: '电话沟通', occurredAt: new Date(NOW.getTime() - 5 * DAY), leadId: worked.id, authorId: org.users.repA.id, channel: 'api', createdAt: NOW });
    await repo.update({ id: worked.id }, { status: 'contacted', firstContactAt: new Date(NOW.getTime() - 5 * DAY) });
    // Converted leads are done with: no clock.
    const converted = await addLead(t, 'LeadPool-3 荣昌食品', org.users.repA.id, new Date(NOW.getTime() - 60 * DAY));
    await repo.update({ id: converted.id }, { status: 'converted' });
    const warnings = (name: string) => cardsTo(chat, 'rep_zhang', name).filter((c) => JSON.stringify(c).includes('线索即将退回线索池'));

    await run(chat);
    expect(warnings('LeadPool-1')).toHaveLength(1);
    expect(warnings('LeadPool-2')).toHaveLength(0);
    expect(warnings('LeadPool-3')).toHaveLength(0);
    expect((await repo.findOneByOrFail({ id: idle.id })).ownerId).toBe(org.users.repA.id);

    t.clock.set(new Date(NOW.getTime() + DAY));
    await run(chat);
    const back = await repo.findOneByOrFail({ id: idle.id });
    expect(back.ownerId).toBeNull();
    expect(back.poolReason).toContain('lead-no-follow-up-30d');
    const audit = await t.db.ds.getRepository(AuditLog).findOneByOrFail({ entityType: 'lead', entityId: idle.id, action: 'release' });
    expect(audit).toMatchObject({ channel: 'system', actorId: null });
    expect(audit.ruleId).toContain('lead-no-follow-up-30d');
    expect(textsTo(chat, 'rep_zhang', 'LeadPool-1').filter((x) => x.includes('线索池'))).toHaveLength(1);
    for (const id of [worked.id, converted.id]) expect((await repo.findOneByOrFail({ id })).ownerId).toBe(org.users.repA.id);
    // repB (same team) gets a claim notice; repC (other team) does not.
    const [notice] = cardsTo(chat, 'rep_li', 'LeadPool-1');
    expect(JSON.stringify(notice)).toContain('Lead back in the pool');
    expect(cardsTo(chat, 'rep_zhao', 'LeadPool-1')).toHaveLength(0);
    await tap(chat, 'rep_li', notice, 0);
    await chat.settle();
    const claimed = await repo.findOneByOrFail({ id: idle.id });
    expect(claimed.ownerId).toBe(org.users.repB.id);
    expect(claimed.assignedAt?.getTime()).toBe(NOW.getTime() + DAY);
    expect(await t.db.ds.getRepository(AuditLog).countBy({ entityType: 'lead', entityId: idle.id, action: 'claim', actorId: org.users.repB.id })).toBe(1);
    // The new owner's clock starts at the claim: nothing more for 29 days.
    t.clock.set(new Date(NOW.getTime() + 20 * DAY));
    await run(chat);
    expect(cardsTo(chat, 'rep_li', 'LeadPool-1').filter((c) => JSON.stringify(c).includes('goes back to the pool'))).toHaveLength(0);
  });

  it('quiet hours: a reminder due at 23:00 goes out at 08:00', async () => {
    // 2026-11-20 23:00 Shanghai = 15:00Z.
    const due = new Date('2026-11-20T15:00:00Z');
    await reset(new Date('2026-11-20T14:00:00Z'), { escalateAfterDays: 300 });
    await addTask(t, 'Night-1 prepare the demo', org.users.repB.id, due);
    for (const at of ['2026-11-20T15:00:00Z', '2026-11-20T18:00:00Z', '2026-11-20T23:59:00Z']) {
      t.clock.set(new Date(at));
      await run(chat);
      expect(cardsTo(chat, 'rep_li', 'Night-1')).toHaveLength(0);
    }
    t.clock.set(new Date('2026-11-21T00:00:00Z')); // 08:00 local
    await run(chat);
    expect(cardsTo(chat, 'rep_li', 'Night-1')).toHaveLength(1);
  });

  it('morning digest: one message with the due tasks and the overdue customers', async () => {
    // 2026-11-23 08:30 Shanghai = 00:30Z.
    await reset(new Date('2026-11-23T00:00:00Z'), { digestAt: '08:30', escalateAfterDays: 300 });
    const repC = org.users.repC.id;
    await addTask(t, 'Digest-T1 visit the plant', repC, new Date('2026-11-23T06:00:00Z'));
    await addTask(t, 'Digest-T2 sign the NDA', repC, new Date('2026-11-23T03:00:00Z'));
    await addCustomer(t, 'Digest-C1 九龙坡机械', repC, 'A', new Date('2026-11-10T00:00:00Z'));
    await run(chat);
    expect(textsTo(chat, 'rep_zhao', 'Digest-')).toHaveLength(0);
    const cardsBefore = cardsTo(chat, 'rep_zhao', 'Digest-').length;
    t.clock.set(new Date('2026-11-23T00:30:00Z'));
    await run(chat);
    const digests = textsTo(chat, 'rep_zhao', 'Digest-T1');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toContain('Digest-T2');
    expect(digests[0]).toContain('Digest-C1');
    // The overdue customer went into the digest, not into a card of its own.
    expect(cardsTo(chat, 'rep_zhao', 'Digest-').length).toBe(cardsBefore);
    await run(chat);
    expect(textsTo(chat, 'rep_zhao', 'Digest-T1')).toHaveLength(1);
  });
  it('a first start after the digest time: the digest alone tells what it lists, then a task due later still gets its card', async () => {
    // 2026-11-24 10:00 Shanghai, the digest time (08:30) passed before the server first ran: the planner writes the
    // digest and the overdue tasks' and customers' reminders in one pass, and the sender claims them in one batch.
    await reset(new Date('2026-11-24T02:00:00Z'), { digestAt: '08:30', escalateAfterDays: 300 });
    const repC = org.users.repC.id;
    await addTask(t, 'First-T1 send the brochure', repC, new Date('2026-11-22T02:00:00Z'));
    await addTask(t, 'First-T2 call back', repC, new Date('2026-11-24T01:00:00Z'));
    await addTask(t, 'First-T3 visit at three', repC, new Date('2026-11-24T07:00:00Z'));
    await addCustomer(t, 'First-C1 江北机电', repC, 'A', new Date('2026-11-10T00:00:00Z'));
    const cardsBefore = cardsTo(chat, 'rep_zhao', 'First-').length;
    await run(chat);
    const digests = textsTo(chat, 'rep_zhao', 'First-T1');
    expect(digests).toHaveLength(1);
    for (const listed of ['First-T2', 'First-T3', 'First-C1']) expect(digests[0]).toContain(listed);
    expect(cardsTo(chat, 'rep_zhao', 'First-')).toHaveLength(cardsBefore);
    const folded = (await t.db.ds.getRepository(Reminder).find({ where: { recipientId: repC } }))
      .filter((r) => (r.kind === 'task_due' || r.kind === 'followup_due') && r.updatedAt.getTime() === t.clock.now().getTime());
    expect(folded.length).toBeGreaterThanOrEqual(3);
    expect(folded.every((r) => r.status === 'folded' && r.outcome === 'digest')).toBe(true);
    // Planned after the digest went out (a later pass), what it listed is still not sent again.
    t.clock.set(new Date('2026-11-24T02:10:00Z'));
    await run(chat);
    expect(cardsTo(chat, 'rep_zhao', 'First-')).toHaveLength(cardsBefore);
    // T3 falls due at 15:00, after the digest: its reminder comes at its time, as a card.
    t.clock.set(new Date('2026-11-24T07:01:00Z'));
    await run(chat);
    const cards = cardsTo(chat, 'rep_zhao', 'First-');
    expect(cards.length - cardsBefore).toBe(1);
    expect(JSON.stringify(cards.at(-1))).toContain('First-T3');
  });

  it('escalation reaches the manager for an overdue task the rep was told of on a digest, not by its own card', async () => {
    // First-T1 (due 2026-11-22) was on 11-24's digest only. Three days on, still open: the manager (陈经理) is told, once.
    await reset(new Date('2026-11-25T03:00:00Z'), { digestAt: '08:30', escalateAfterDays: 3 });
    await run(chat);
    const told = () => textsTo(chat, 'mgr_chen', 'First-T1');
    expect(told()).toHaveLength(1);
    expect(told()[0]).toContain('已逾期 3 天');
    t.clock.set(new Date('2026-11-25T05:00:00Z'));
    await run(chat);
    expect(told()).toHaveLength(1);
  });

  it('a backlog of more reminders for one person than a minute allows becomes one summary message, not a stream of cards', async () => {
    // 2026-11-26 10:00 Shanghai; 30 tasks a day overdue for one rep (English), 3 for another.
    await reset(new Date('2026-11-26T02:00:00Z'), { escalateAfterDays: 300 });
    const due = new Date('2026-11-25T02:00:00Z');
    for (let i = 1; i <= 30; i++) await addTask(t, `Burst-${String(i).padStart(2, '0')} call back`, org.users.repB.id, due);
    for (let i = 1; i <= 3; i++) await addTask(t, `Few-${i} send the quote`, org.users.repA.id, due);
    await run(chat);
    const summaries = textsTo(chat, 'rep_li', 'Burst-');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(/You have \d+ reminders/);
    // The first 15 are listed, one line each, and the rest counted.
    expect(summaries[0].match(/- Task due: Burst-\d\d call back/g)).toHaveLength(15);
    expect(summaries[0]).toMatch(/and \d+ more/);
    expect(cardsTo(chat, 'rep_li', 'Burst-')).toHaveLength(0);
    // Below the limit nothing changes: a card each, with its buttons.
    expect(cardsTo(chat, 'rep_zhang', 'Few-')).toHaveLength(3);
    // The reminders themselves are done with (told), and the tasks stay open.
    const tasks = await t.db.ds.getRepository(Task).find({ where: { ownerId: org.users.repB.id, status: 'open' } });
    expect(tasks.filter((x) => x.title.startsWith('Burst-'))).toHaveLength(30);
    const rows = (await reminders('task_due')).filter((r) => r.recipientId === org.users.repB.id && r.dueAt.getTime() === due.getTime());
    expect(rows.map((r) => r.status)).toEqual(Array(30).fill('sent'));
  });

  /** 孙七 (王经理's): a rep of her own, so nothing else of this file's comes due for her. */
  const quietRep = async () => {
    const users = t.db.ds.getRepository(User);
    return (await users.findOneBy({ username: 'rep.sun' })) ?? users.save(users.create({ username: 'rep.sun', name: '孙七', role: 'rep', teamId: org.teams.east,
      managerId: org.users.mgrEast.id, position: null, locale: 'zh-CN', active: true, createdAt: NOW, updatedAt: NOW, wecomUserId: 'rep_sun', dingtalkUserId: null }));
  };

  it('with quiet days off, escalation counts days of work: a task due on Friday reaches the manager on Wednesday, saying so', async () => {
    // Friday 2026-11-27 10:00 Shanghai; the task fell due at 09:00. Whatever else this file left unanswered is done with.
    await reset(new Date('2026-11-27T02:00:00Z'), { escalateAfterDays: 3, quietOnDaysOff: true });
    await t.db.ds.getRepository(Reminder).createQueryBuilder().update().set({ escalatedAt: new Date('2026-11-27T02:00:00Z') }).where('escalated_at IS NULL').execute();
    const rep = await quietRep();
    await addTask(t, 'Esc-W1 renew the contract', rep.id, new Date('2026-11-27T01:00:00Z'));
    await run(chat);
    expect(cardsTo(chat, 'rep_sun', 'Esc-W1')).toHaveLength(1);
    // Monday and Tuesday: three calendar days and more, but only one and two days of work.
    for (const at of ['2026-11-30T02:00:00Z', '2026-12-01T02:00:00Z']) {
      t.clock.set(new Date(at));
      await run(chat);
      expect(textsTo(chat, 'mgr_wang', 'Esc-W1'), at).toHaveLength(0);
    }
    t.clock.set(new Date('2026-12-02T02:00:00Z')); // Wednesday 10:00
    await run(chat);
    const told = textsTo(chat, 'mgr_wang', 'Esc-W1');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('已逾期 3 个工作日');
  });

  it('days off, when the company says they are quiet: a reminder due on Saturday waits for Monday 08:00 (by default it would not: see above)', async () => {
    // Saturday 2026-11-21 10:00 Shanghai = 02:00Z; the company works Monday to Friday (the default workDays).
    const saturday = new Date('2026-11-21T02:00:00Z');
    await reset(saturday, { escalateAfterDays: 300, quietOnDaysOff: true });
    const rep = await quietRep();
    await addTask(t, 'Weekend-1 call the plant', rep.id, new Date(saturday.getTime() - HOUR));
    for (const at of ['2026-11-21T02:00:00Z', '2026-11-22T04:00:00Z', '2026-11-22T23:59:00Z']) {
      t.clock.set(new Date(at));
      await run(chat);
      expect(cardsTo(chat, 'rep_sun', 'Weekend-1'), at).toHaveLength(0);
    }
    t.clock.set(new Date('2026-11-23T00:00:00Z')); // Monday 08:00 local
    await run(chat);
    expect(cardsTo(chat, 'rep_sun', 'Weekend-1')).toHaveLength(1);
  });

  it('days off, when quiet, have no morning digest; the next work day has one', async () => {
    const digestsFor = (local: string) => t.db.ds.getRepository(Reminder).countBy({ kind: 'digest' as never, dueAt: new Date(`${local}+08:00`) });
    // Sunday 2026-11-29 09:00 Shanghai, digest time 08:30.
    await reset(new Date('2026-11-29T01:00:00Z'), { escalateAfterDays: 300, digestAt: '08:30', quietOnDaysOff: true });
    await chat.stack.reminders.drain();
    expect(await digestsFor('2026-11-29T08:30:00')).toBe(0);
    t.clock.set(new Date('2026-11-30T01:00:00Z')); // Monday 09:00
    await chat.stack.reminders.drain();
    expect(await digestsFor('2026-11-30T08:30:00')).toBeGreaterThan(0);
    await chat.settle();
  });
});
