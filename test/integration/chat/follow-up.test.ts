import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Activity } from '../../../server/domain/activity/activity.entity.js';
import { Task } from '../../../server/domain/activity/task.entity.js';
import { InboxEvent } from '../../../server/domain/inbox/inbox-event.entity.js';

// 2026-11-18 10:00 Asia/Shanghai is a Wednesday; "下周三" is 2026-11-25.
const NOW = new Date('2026-11-18T02:00:00Z');

describe.each(TARGETS)('logging a follow-up by chat on %s', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(NOW);
    org = await seedOrg(t.db);
    const customers = t.db.ds.getRepository(Customer);
    const mk = (name: string, normalizedName: string, ownerId: number | null, aliases: string | null = null) => customers.save(customers.create({
      name, normalizedName, aliases, level: 'A', ownerId, failedFollowUps: 0, createdAt: NOW, updatedAt: NOW,
    }));
    await mk('华为技术有限公司重庆分公司', '华为技术重庆', org.users.repA.id, '华为');
    await mk('重庆长安汽车股份有限公司', '长安汽车', org.users.repA.id);
    await mk('长安民生物流股份有限公司', '长安民生物流', org.users.repA.id);
    await mk('ACME Robotics', 'acmerobotics', org.users.repC.id, 'ACME');
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  const activities = () => t.db.ds.getRepository(Activity).find({ order: { id: 'ASC' } });

  it('turns one WeCom sentence into an activity, a task due next Wednesday and a receipt card', async () => {
    expect(await chat.wecomSays('rep_zhang', '跟进 华为 今天电话沟通了方案，下周三发报价', 'msg-1')).toBe(200);
    await chat.settle();
    const list = await activities();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'call', authorId: org.users.repA.id, channel: 'bot' });
    const task = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: list[0].id });
    expect(task.ownerId).toBe(org.users.repA.id);
    // Next Wednesday in Shanghai.
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(task.dueAt)).toBe('2026-11-25');
    const cards = chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'template_card');
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0].body)).toContain('华为');
  });

  it('a follow-up whose note mentions 公海 is logged, with its next step; "公海里有什么客户" still lists the pool', async () => {
    const before = (await activities()).length;
    expect(await chat.wecomSays('rep_zhang', '跟进 华为 对方说快掉公海了，下周再约', 'msg-pool-note')).toBe(200);
    expect(await chat.wecomSays('rep_zhao', 'called ACME about the customer pool, they want a demo', 'msg-pool-note-en')).toBe(200);
    await chat.settle();
    const list = await activities();
    expect(list.length).toBe(before + 2);
    const zh = list.slice(before).find((a) => a.authorId === org.users.repA.id);
    expect(zh).toMatchObject({ content: '对方说快掉公海了' });
    expect(list.slice(before).find((a) => a.authorId === org.users.repC.id)).toMatchObject({ type: 'call' });
    const task = await t.db.ds.getRepository(Task).findOneByOrFail({ activityId: zh!.id });
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(task.dueAt)).toBe('2026-11-23');
    await chat.wecomSays('rep_zhang', '公海里有什么客户', 'msg-pool-ask');
    await chat.settle();
    expect((await activities()).length).toBe(before + 2);
    const last = chat.wecom.deliveredTo('rep_zhang').at(-1)!;
    expect(JSON.stringify(last.body)).toContain('公海');
  });

  it('stores a callback delivered three times once', async () => {
    for (let i = 0; i < 3; i++) expect(await chat.wecomSays('rep_zhang', '跟进 长安汽车 上门拜访了采购部', 'msg-dup')).toBe(200);
    await chat.settle();
    expect((await activities()).filter((a) => a.content.includes('采购部'))).toHaveLength(1);
    expect(await t.db.ds.getRepository(InboxEvent).countBy({ eventId: 'msg-dup' })).toBe(1);
  });

  it('asks with a choice card when the name is ambiguous, and stores after the tap', async () => {
    const before = (await activities()).length;
    await chat.wecomSays('rep_zhang', '跟进 长安 电话沟通了续约', 'msg-amb');
    await chat.settle();
    expect((await activities()).length).toBe(before);
    const choice = chat.wecom.deliveredTo('rep_zhang').map((d) => d.body.template_card as Record<string, any>).find((c) => c?.card_type === 'vote_interaction');
    expect(choice).toBeTruthy();
    const options = choice!.checkbox.option_list as { id: string; text: string }[];
    expect(options.map((o) => o.text.split(' ')[0]).sort()).toEqual(['重庆长安汽车股份有限公司', '长安民生物流股份有限公司'].sort());
    const pick = options.find((o) => o.text.startsWith('长安民生物流股份有限公司'))!;
    expect(await chat.wecomTaps('rep_zhang', choice!.submit_button.key, choice!.task_id, { selected: [pick.id] })).toBe(200);
    // A double tap is one action.
    expect(await chat.wecomTaps('rep_zhang', choice!.submit_button.key, choice!.task_id, { selected: [pick.id] })).toBe(200);
    await chat.settle();
    const after = await activities();
    expect(after.length).toBe(before + 1);
    const customer = await t.db.ds.getRepository(Customer).findOneByOrFail({ id: after[after.length - 1].customerId! });
    expect(customer.name).toBe('长安民生物流股份有限公司');
    expect(chat.wecom.cardUpdates.length).toBeGreaterThanOrEqual(1);
  });

  it('offers to create an unknown customer and stores nothing', async () => {
    const before = (await activities()).length;
    await chat.wecomSays('rep_zhang', '跟进 火星矿业 电话聊了合作', 'msg-unknown');
    await chat.settle();
    expect((await activities()).length).toBe(before);
    const texts = chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(texts.some((x) => x.includes('火星矿业') && x.includes('新建客户'))).toBe(true);
  });

  it('asks what happened when a follow-up names only its customer, and which customer when it names none; logs nothing', async () => {
    const before = (await activities()).length;
    await chat.wecomSays('rep_zhang', '跟进 华为', 'msg-bare');
    await chat.wecomSays('rep_zhang', '跟进', 'msg-bare-2');
    await chat.settle();
    expect((await activities()).length).toBe(before);
    const texts = chat.wecom.deliveredTo('rep_zhang').filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
    expect(texts.at(-2)).toBe('跟进「华为」做了什么？请写在同一句里，例如：跟进 华为 今天电话沟通了方案，下周三发报价');
    expect(texts.at(-1)).toContain('请告诉我是哪个客户');
  });

  it('does not let a rep log on another rep\'s customer', async () => {
    const before = (await activities()).length;
    await chat.wecomSays('rep_zhang', '跟进 ACME 电话沟通了需求', 'msg-other');
    await chat.settle();
    expect((await activities()).length).toBe(before);
  });

  it('answers an unknown WeCom user politely and does nothing else', async () => {
    const before = (await activities()).length;
    await chat.wecomSays('stranger', '跟进 华为 电话', 'msg-stranger');
    await chat.settle();
    expect((await activities()).length).toBe(before);
    expect(chat.wecom.deliveredTo('stranger')).toHaveLength(1);
  });

  it('works the same from DingTalk', async () => {
    const before = (await activities()).length;
    expect(await chat.dingtalkSays('dt_rep_zhang', '拜访了重庆长安汽车，明天下午3点给张总回电话')).toBe(200);
    await chat.settle();
    const list = await activities();
    expect(list.length).toBe(before + 1);
    expect(list[list.length - 1]).toMatchObject({ type: 'visit', authorId: org.users.repA.id });
    expect(chat.dingtalk.received.length).toBeGreaterThan(0);
  });
});
