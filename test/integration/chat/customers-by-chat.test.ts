import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, openTestDb, type TestDb } from '../../helpers/db.js';
import { seedOrg, type Org } from '../../helpers/org.js';
import { startChatStack, type ChatStack } from '../../helpers/chat-stack.js';
import { Customer } from '../../../server/domain/customer/customer.entity.js';
import { Contact } from '../../../server/domain/customer/contact.entity.js';
import { Opportunity } from '../../../server/domain/opportunity/opportunity.entity.js';
import { OutboxMessage } from '../../../server/domain/outbox/outbox-message.entity.js';

describe.each(TARGETS)('customers by chat on %s: a new one with its first contact in one line, and "my customers"', (target) => {
  let t: TestDb; let org: Org; let chat: ChatStack;
  beforeAll(async () => {
    t = await openTestDb(target);
    t.clock.set(new Date('2026-11-18T02:00:00Z'));
    org = await seedOrg(t.db);
    chat = await startChatStack(t);
  });
  afterAll(async () => { await chat?.close(); await t?.close(); });

  /** What the bot answers `user` to `line`, as markdown. */
  const markdownAnswer = async (user: string, line: string, id: string) => {
    await chat.wecomSays(user, line, id);
    await chat.settle();
    return chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'markdown').map((d) => (d.body.markdown as { content: string }).content).at(-1)!;
  };
  const textsTo = (user: string) => chat.wecom.deliveredTo(user).filter((d) => d.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);
  const customer = (name: string) => t.db.ds.getRepository(Customer).findOneBy({ name });
  const contactsOf = (customerId: number) => t.db.ds.getRepository(Contact).findBy({ customerId });

  it('creates the customer (region, the rep as owner) with its primary contact, and says so', async () => {
    await chat.wecomSays('rep_zhang', '新客户 重庆银行 渝中区 联系人 王行长 13800138000', 'nc-1');
    await chat.settle();
    const bank = await customer('重庆银行');
    expect(bank).toMatchObject({ region: '渝中区', ownerId: org.users.repA.id, source: 'chat' });
    expect(await contactsOf(bank!.id)).toEqual([expect.objectContaining({ name: '王行长', phone: '13800138000', isPrimary: true })]);
    expect(textsTo('rep_zhang').at(-1)).toBe('已新建客户「重庆银行」，负责人是你；联系人：王行长 13800138000。现在可以给它记跟进了。');
  });

  it('refuses a second customer of the same name and adds no contact to the first', async () => {
    await chat.wecomSays('rep_zhang', '新客户 重庆银行 张三 13900000000', 'nc-2');
    await chat.settle();
    const bank = await customer('重庆银行');
    expect(await t.db.ds.getRepository(Customer).countBy({ name: '重庆银行' })).toBe(1);
    expect(await contactsOf(bank!.id)).toHaveLength(1);
    expect(textsTo('rep_zhang').at(-1)).toContain('已存在同名客户「重庆银行」');
  });

  it('keeps a phone number said without a name, on a contact the rep can rename', async () => {
    await chat.wecomSays('rep_zhang', '新建客户 重庆某某机械有限公司 13700001111', 'nc-3');
    await chat.settle();
    const made = await customer('重庆某某机械有限公司');
    expect(await contactsOf(made!.id)).toEqual([expect.objectContaining({ name: '未命名联系人', phone: '13700001111' })]);
  });

  it('asks for the name when only a phone number is given, and creates nothing', async () => {
    const before = await t.db.ds.getRepository(Customer).count();
    await chat.wecomSays('rep_zhang', '新客户 13800138001', 'nc-4');
    await chat.settle();
    expect(await t.db.ds.getRepository(Customer).count()).toBe(before);
    expect(textsTo('rep_zhang').at(-1)).toContain('请告诉我客户的名称');
  });

  it('"我的客户" lists the rep\'s own customers, never followed up first, then the longest waiting; nobody else\'s', async () => {
    const repo = t.db.ds.getRepository(Customer);
    const mine = [['MC-甲 很久没跟', new Date('2026-09-01T02:00:00Z')], ['MC-乙 昨天跟过', new Date('2026-11-17T02:00:00Z')], ['MC-丙 上月跟过', new Date('2026-10-20T02:00:00Z')]] as const;
    for (const [name, at] of mine) await repo.update({ id: (await repo.save(repo.create({ name, normalizedName: name, level: 'B', ownerId: org.users.repC.id, failedFollowUps: 0, createdAt: at, updatedAt: at }))).id }, { lastFollowUpAt: at });
    await repo.save(repo.create({ name: 'MC-丁 新客户', normalizedName: 'MC-丁', level: 'A', ownerId: org.users.repC.id, failedFollowUps: 0, createdAt: new Date(), updatedAt: new Date() }));
    await repo.save(repo.create({ name: 'MC-戊 别人的', normalizedName: 'MC-戊', level: 'A', ownerId: org.users.repA.id, failedFollowUps: 0, createdAt: new Date(), updatedAt: new Date() }));
    expect((await markdownAnswer('rep_zhao', '我的客户', 'mine-1')).split('\n')).toEqual([
      '**我的客户**（最久未跟进的在前）',
      '1. MC-丁 新客户（A 类，从未跟进）',
      '2. MC-甲 很久没跟（B 类，上次跟进 2026年9月1日）',
      '3. MC-丙 上月跟过（B 类，上次跟进 2026年10月20日）',
      '4. MC-乙 昨天跟过（B 类，上次跟进 2026年11月17日）',
    ]);
  });

  it('"我的商机" lists the rep\'s open deals by expected close date, with customer, stage and amount; nobody else\'s', async () => {
    const customers = t.db.ds.getRepository(Customer);
    const deals = t.db.ds.getRepository(Opportunity);
    const at = new Date('2026-11-18T02:00:00Z');
    const cu = await customers.save(customers.create({ name: 'DL-客户 南岸机械', normalizedName: 'DL-南岸机械', level: 'A', ownerId: org.users.repC.id, failedFollowUps: 0, createdAt: at, updatedAt: at }));
    const mk = (name: string, stage: string, amountCents: number, close: string, ownerId = org.users.repC.id, status: 'open' | 'won' = 'open') =>
      deals.save(deals.create({ name, customerId: cu.id, stage, status, amountCents, expectedCloseAt: new Date(close), probability: 0, ownerId, createdAt: at, updatedAt: at }));
    await mk('DL-晚 二期', 'negotiation', 80_000_00, '2027-01-20T02:00:00Z');
    await mk('DL-早 一期', 'proposal', 50_000_00, '2026-12-05T02:00:00Z');
    await mk('DL-赢 已签', 'won', 10_000_00, '2026-11-01T02:00:00Z', org.users.repC.id, 'won');
    await mk('DL-别人 的单', 'proposal', 10_000_00, '2026-11-30T02:00:00Z', org.users.repA.id);
    expect((await markdownAnswer('rep_zhao', '我的商机', 'deals-1')).split('\n')).toEqual([
      '**我的进行中商机**（按预计成交日期）',
      '1. DL-早 一期（DL-客户 南岸机械 · 方案报价 · ¥50,000 · 预计 2026年12月5日 成交）',
      '2. DL-晚 二期（DL-客户 南岸机械 · 商务谈判 · ¥80,000 · 预计 2027年1月20日 成交）',
    ]);
  });

  it('asked in a group chat, "我的客户" / "my deals" / a customer\'s card / a deal\'s stage go to the asker alone and the group is told so; an empty list answers in place', async () => {
    const GROUP = 'cid_mine_group';
    const outbox = t.db.ds.getRepository(OutboxMessage);
    for (const [line, key] of [['我的客户', 'bot.mine.list'], ['我的商机', 'bot.deals.list']] as const) {
      await chat.dingtalkSays('dt_rep_zhao', line, { group: GROUP });
      await chat.settle();
      const [told, list] = await outbox.find({ order: { id: 'DESC' }, take: 2 });
      expect(told.address).toMatchObject({ chatId: GROUP });
      expect(told.payload).toMatchObject({ message: { kind: 'text', key: 'bot.private.sent' } });
      expect(list.address).toMatchObject({ platform: 'dingtalk', userId: 'dt_rep_zhao', chatType: 'single' });
      expect(list.payload).toMatchObject({ message: { kind: 'markdown', key } });
    }
    // One customer's card and where its deals stand name what the group may not open: to the asker alone too.
    for (const [line, kind] of [['查一下 DL-客户 南岸机械', 'card'], ['DL-客户 南岸机械这单到哪个阶段了', 'markdown']] as const) {
      await chat.dingtalkSays('dt_rep_zhao', line, { group: GROUP });
      await chat.settle();
      const [told, answer] = await outbox.find({ order: { id: 'DESC' }, take: 2 });
      expect(told.payload, line).toMatchObject({ message: { kind: 'text', key: 'bot.private.sent' } });
      expect(answer.address, line).toMatchObject({ platform: 'dingtalk', userId: 'dt_rep_zhao', chatType: 'single' });
      expect(answer.payload, line).toMatchObject({ message: { kind } });
    }
    // Nothing to hide: said where it was asked.
    await chat.dingtalkSays('dt_rep_zhao', '我的合同', { group: GROUP });
    await chat.settle();
    const [empty] = await outbox.find({ order: { id: 'DESC' }, take: 1 });
    expect(empty.address).toMatchObject({ chatId: GROUP });
    expect(empty.payload).toMatchObject({ message: { kind: 'markdown', key: 'bot.contracts.empty' } });
  });

  it('a lookup that finds nothing says so, and offers to create it, without speaking of anything unsaved', async () => {
    await chat.wecomSays('rep_zhang', '查一下 火星矿业', 'lookup-none');
    await chat.settle();
    expect(textsTo('rep_zhang').at(-1)).toBe('没有找到你能查看的客户「火星矿业」。\n如需新建，请发送：新建客户 火星矿业');
  });

  it('understands English and answers in the rep\'s language', async () => {
    await chat.wecomSays('rep_li', 'new customer Acme Corp, contact John Smith, +1 555 0100', 'nc-5');
    await chat.settle();
    const acme = await customer('Acme Corp');
    expect(acme).toMatchObject({ ownerId: org.users.repB.id });
    expect(await contactsOf(acme!.id)).toEqual([expect.objectContaining({ name: 'John Smith', phone: '+15550100', isPrimary: true })]);
    expect(textsTo('rep_li').at(-1)).toBe('Customer "Acme Corp" created, with you as the owner; contact: John Smith +15550100. You can log follow-ups on it now.');
  });
});
